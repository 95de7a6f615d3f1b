namespace LookoutSim.Engine;

/// <summary>
/// Hands out the named streams of one replication. A stream's state depends only on
/// (seed, replication, name) through SplitMix64, so adding a stream never changes another's
/// draws, and replication r is the same whatever thread or shard runs it.
/// </summary>
public sealed class RandomStreams
{
    /// <summary>Creates the stream factory of one replication.</summary>
    /// <param name="seed">The scenario's master seed.</param>
    /// <param name="replication">Replication index, from 0.</param>
    public RandomStreams(ulong seed, int replication)
    {
        Seed = seed;
        Replication = replication;
    }

    /// <summary>The master seed.</summary>
    public ulong Seed { get; }

    /// <summary>The replication index.</summary>
    public int Replication { get; }

    /// <summary>The key from which the named stream's state is derived.</summary>
    public static ulong KeyOf(ulong seed, int replication, string name)
    {
        ulong k = SplitMix64.Mix(seed ^ 0x6C6F6F6B6F757473UL); // "lookouts"
        k = SplitMix64.Mix(k ^ ((ulong)(uint)replication * 0x9E3779B97F4A7C15UL));
        return SplitMix64.Mix(k ^ SplitMix64.HashName(name));
    }

    /// <summary>A new stream for <paramref name="name"/>; the same name always gives the same sequence.</summary>
    public RandomStream Get(string name) => new(KeyOf(Seed, Replication, name));
}
