using System.Diagnostics;
using LookoutSim.Engine;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Experiments;

/// <summary>Runs one replication of a <see cref="ModelConfig"/> and collects its result.</summary>
public static class ReplicationRunner
{
    /// <summary>
    /// Runs replication <paramref name="replication"/> with master seed <paramref name="seed"/>: a pure
    /// function of (config, seed, replication) except for <c>wall_s</c>.
    /// </summary>
    public static ReplicationResult Run(ModelConfig config, ulong seed, int replication, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        cancellation.ThrowIfCancellationRequested();
        long started = Stopwatch.GetTimestamp();
        var collector = new MetricsCollector(config, replication);
        var system = new ServingSystem(config, new RandomStreams(seed, replication), collector);
        collector.Attach(system);
        system.Run(cancellation);
        return collector.Finish(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Runs replications 0 … <paramref name="replications"/>−1, in parallel up to <paramref name="parallelism"/> threads; results by index.</summary>
    public static IReadOnlyList<ReplicationResult> RunAll(ModelConfig config, ulong seed, int replications, int parallelism = 1, CancellationToken cancellation = default)
    {
        var results = new ReplicationResult[replications];
        Parallel.For(0, replications, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellation },
            r => results[r] = Run(config, seed, r, cancellation));
        return results;
    }
}
