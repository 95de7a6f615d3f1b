namespace LookoutSim.Engine;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): the fixed mixing function that turns
/// (seed, replication, stream name) into generator states. Its output sequence is equidistributed,
/// so it never yields an all-zero Xoshiro state.
/// </summary>
public static class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        ulong z = state += Gamma;
        return Mix(z);
    }

    /// <summary>The SplitMix64 finaliser: a bijective avalanche of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A stable 64-bit hash of a stream name: FNV-1a over its UTF-16 code units, then <see cref="Mix"/>.
    /// Unlike <see cref="string.GetHashCode()"/> it is the same in every process and on every machine.
    /// </summary>
    public static ulong HashName(string name)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (char c in name)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }

        return Mix(h);
    }
}
