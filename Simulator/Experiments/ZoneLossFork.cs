using System.Diagnostics;
using LookoutSim.Engine;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Experiments;

/// <summary>
/// Zone-loss cases run from a copy of the model state at the loss time. A zone-loss case is its base
/// case plus one listed outage of one zone from time T; before T the two runs are the same event for
/// event, so replication r of every zone-loss case of a candidate can start from one run of the base
/// case stopped just before T (<see cref="Prefix"/>): each case copies it (<see cref="StateCopier"/>),
/// adds its outage in the place among simultaneous events the listed outage would have had
/// (<see cref="ServingSystem.AddZoneOutage"/>), takes its own configuration's horizon and measure
/// windows (<see cref="MetricsCollector.ContinueAs"/>) and runs on. Every measure but <c>wall_s</c> is the
/// one a run of the case from time 0 gives (a test checks it bit for bit on several scenarios).
/// </summary>
/// <remarks>
/// Why the copy is exact: the extra outage is scheduled when the run begins, after the listed
/// outages; the model reserves that place in every run (<see cref="ZoneOutages"/>), so the events
/// and their order up to T are the same with or without it. The zone-loss configuration's shorter
/// horizon changes nothing before it: sources stop scheduling arrivals at or after the horizon, and
/// those never run in either run; outages and schedule entries after it are never reached. Random
/// streams are per purpose and per zone, so the outage list shifts no draw. The measure windows of a
/// zone-loss case start at T, so nothing before the copy is counted in them.
/// </remarks>
public static class ZoneLossFork
{
    /// <summary>The types a copy shares rather than copies: the model's configuration records and the collector's finished rows.</summary>
    public static bool Shared(Type type) =>
        ServingSystem.SharedInCopies(type) || type == typeof(EventRow) || type == typeof(RequestRow);

    /// <summary>
    /// The loss time of a zone-loss configuration of <paramref name="baseConfig"/>: the start of the one
    /// listed outage it adds. Null when <paramref name="zoneConfig"/> is not <paramref name="baseConfig"/>
    /// with one outage appended (then a copy cannot stand for it).
    /// </summary>
    public static double? LossTime(ModelConfig baseConfig, ModelConfig zoneConfig)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        ArgumentNullException.ThrowIfNull(zoneConfig);
        var listed = baseConfig.Failures.ZoneOutages;
        var with = zoneConfig.Failures.ZoneOutages;
        if (with.Length != listed.Length + 1 || !with.Take(listed.Length).SequenceEqual(listed)
            || zoneConfig.Interval != baseConfig.Interval || zoneConfig.Warmup != baseConfig.Warmup
            || zoneConfig.Horizon > baseConfig.Horizon || !(with[^1].At < zoneConfig.Horizon) || with[^1].At < 0)
        {
            return null;
        }

        return with[^1].At;
    }

    /// <summary>
    /// Replication <paramref name="replication"/> of each of <paramref name="zoneConfigs"/> (zone-loss
    /// configurations of <paramref name="baseConfig"/> with the same loss time): the base case run once
    /// to the loss, then each case from a copy. Each result's <c>wall_s</c> is its own part plus an
    /// equal share of the common one.
    /// </summary>
    /// <exception cref="ArgumentException">A configuration is not a zone-loss configuration of the base at the same time.</exception>
    public static ReplicationResult[] Run(ModelConfig baseConfig, IReadOnlyList<ModelConfig> zoneConfigs, ulong seed, int replication, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(zoneConfigs);
        if (zoneConfigs.Count == 0)
        {
            return [];
        }

        double? at = LossTime(baseConfig, zoneConfigs[0]);
        if (at is null || zoneConfigs.Any(z => LossTime(baseConfig, z) != at))
        {
            throw new ArgumentException("every configuration must be the base with one zone outage appended, all at the same time", nameof(zoneConfigs));
        }

        long started = Stopwatch.GetTimestamp();
        using Prefix prefix = Prefix.Run(baseConfig, seed, replication, at.Value, cancellation);
        double common = Stopwatch.GetElapsedTime(started).TotalSeconds / zoneConfigs.Count;
        return [.. zoneConfigs.Select(z => prefix.Continue(z, common, cancellation))];
    }

    /// <summary>
    /// Replication <paramref name="replication"/> of <paramref name="baseConfig"/> run to its horizon, and
    /// a copy of its state just before <paramref name="at"/> (null when <paramref name="at"/> is not
    /// inside the horizon), from which its zone-loss cases can continue.
    /// </summary>
    public static (ReplicationResult Result, Prefix? State) RunKeeping(ModelConfig baseConfig, ulong seed, int replication, double at, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        long started = Stopwatch.GetTimestamp();
        var collector = new MetricsCollector(baseConfig, replication);
        var system = new ServingSystem(baseConfig, new RandomStreams(seed, replication), collector);
        collector.Attach(system);
        Prefix? kept = null;
        if (at >= 0 && at < baseConfig.Horizon)
        {
            system.RunUntil(at, cancellation);
            kept = new Prefix(baseConfig, replication, at, Copy(system, collector, baseConfig, baseConfig));
        }

        system.Run(cancellation);
        return (collector.Finish(Stopwatch.GetElapsedTime(started).TotalSeconds), kept);
    }

    private static (ServingSystem, MetricsCollector) Copy(ServingSystem system, MetricsCollector collector, ModelConfig from, ModelConfig to)
    {
        var copier = new StateCopier(Shared);
        copier.Substitute(from, to);
        object[] both = copier.Copy<object[]>([system, collector]);
        var s = (ServingSystem)both[0];
        s.AfterCopy();
        return (s, (MetricsCollector)both[1]);
    }

    /// <summary>
    /// A replication of a base case stopped just before a loss time: no event at or after it has run.
    /// Each <see cref="Continue"/> copies it, so it serves any number of zone-loss cases.
    /// </summary>
    public sealed class Prefix : IDisposable
    {
        private readonly ModelConfig _config;
        private readonly int _replication;
        private (ServingSystem System, MetricsCollector Collector)? _state;

        internal Prefix(ModelConfig config, int replication, double at, (ServingSystem, MetricsCollector) state)
        {
            _config = config;
            _replication = replication;
            At = at;
            _state = state;
        }

        /// <summary>The loss time, seconds: the clock of the stopped run.</summary>
        public double At { get; }

        /// <summary>Runs replication <paramref name="replication"/> of <paramref name="baseConfig"/> up to <paramref name="at"/>.</summary>
        public static Prefix Run(ModelConfig baseConfig, ulong seed, int replication, double at, CancellationToken cancellation = default)
        {
            ArgumentNullException.ThrowIfNull(baseConfig);
            var collector = new MetricsCollector(baseConfig, replication);
            var system = new ServingSystem(baseConfig, new RandomStreams(seed, replication), collector);
            collector.Attach(system);
            system.RunUntil(at, cancellation);
            return new Prefix(baseConfig, replication, at, (system, collector));
        }

        /// <summary>
        /// The zone-loss case <paramref name="zoneConfig"/> (the base configuration with one outage at
        /// <see cref="At"/> appended) run on from a copy of this state to its horizon; its <c>wall_s</c> is
        /// the copy and the rest of the run plus <paramref name="extraWallSeconds"/>.
        /// </summary>
        public ReplicationResult Continue(ModelConfig zoneConfig, double extraWallSeconds = 0, CancellationToken cancellation = default)
        {
            ArgumentNullException.ThrowIfNull(zoneConfig);
            (ServingSystem System, MetricsCollector Collector) state = _state ?? throw new ObjectDisposedException(nameof(Prefix));
            if (LossTime(_config, zoneConfig) != At)
            {
                throw new ArgumentException("the configuration is not the base with one zone outage appended at the copy's time", nameof(zoneConfig));
            }

            long started = Stopwatch.GetTimestamp();
            (ServingSystem system, MetricsCollector collector) = Copy(state.System, state.Collector, _config, zoneConfig);
            collector.ContinueAs(zoneConfig);
            system.AddZoneOutage(zoneConfig.Failures.ZoneOutages[^1]);
            system.Run(cancellation);
            ReplicationResult result = collector.Finish(extraWallSeconds + Stopwatch.GetElapsedTime(started).TotalSeconds);
            return result.Replication == _replication ? result : throw new InvalidOperationException("a copy changed its replication");
        }

        /// <summary>Lets the state go (and closes its trace cursors).</summary>
        public void Dispose()
        {
            if (_state is { } s)
            {
                foreach (TrafficSource source in s.System.Sources)
                {
                    source.Close();
                }
            }

            _state = null;
        }
    }
}
