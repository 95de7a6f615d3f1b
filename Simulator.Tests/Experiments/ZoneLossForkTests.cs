using HdrHistogram.Iteration;
using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Output;
using LookoutSim.Scenarios;
using ZoneOutage = LookoutSim.Model.ZoneOutage;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// A zone-loss case run from a copy of its base case's state at the loss time gives, bit for bit,
/// what the case run from time 0 gives: every measure but <c>wall_s</c>, the time series, the zone
/// rows, the event rows and the latency histogram.
/// </summary>
public sealed class ZoneLossForkTests
{
    private static string Sample(string name) => Path.Combine(Architecture.LayeringTests.RepositoryRoot(), "samples", name);

    private static Scenario LoadFile(string file, params string[] sets)
    {
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file, sets);
        Assert.That(loaded.IsValid, Is.True, string.Join("\n", loaded.Errors));
        return loaded.Scenario!;
    }

    private static Scenario LoadYaml(string yaml)
    {
        string file = Path.Combine(Path.GetTempPath(), "lookoutsim-fork-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, yaml);
        try
        {
            return LoadFile(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Every zone's loss at <paramref name="at"/>, replications 0 … <paramref name="replications"/>−1: forked and full runs compared.</summary>
    private static void AssertForkEqualsFullRun(Scenario scenario, double at, int replications)
    {
        ModelConfig baseConfig = ScenarioCompiler.Compile(scenario, TraceFiles.Instance);
        ModelConfig[] zoneConfigs = [.. scenario.Deployment.Zones.Select(z => ScenarioCompiler.Compile(scenario, TraceFiles.Instance, 0, (z, at)))];
        ulong seed = unchecked((ulong)scenario.Seed);
        for (int r = 0; r < replications; r++)
        {
            ReplicationResult[] forked = ZoneLossFork.Run(baseConfig, zoneConfigs, seed, r);
            (ReplicationResult baseResult, ZoneLossFork.Prefix? kept) = ZoneLossFork.RunKeeping(baseConfig, seed, r, at);
            using (kept)
            {
                AssertSame(baseResult, ReplicationRunner.Run(baseConfig, seed, r), $"base case, replication {r}: keeping a copy changes nothing");
                for (int z = 0; z < zoneConfigs.Length; z++)
                {
                    ReplicationResult full = ReplicationRunner.Run(zoneConfigs[z], seed, r);
                    string what = $"{scenario.Name}, {scenario.Deployment.Zones[z]} lost at {at} s, replication {r}";
                    Assert.That(full.Measures["outage_requests_arrived"], Is.GreaterThan(0), what + ": the window sees calls");
                    AssertSame(forked[z], full, what + " (one prefix)");
                    AssertSame(kept!.Continue(zoneConfigs[z]), full, what + " (copy kept by the base case)");
                }
            }
        }
    }

    private static void AssertSame(ReplicationResult actual, ReplicationResult expected, string what)
    {
        Assert.That(actual.Replication, Is.EqualTo(expected.Replication), what);
        Assert.That(actual.Measures.Keys.Order(StringComparer.Ordinal), Is.EqualTo(expected.Measures.Keys.Order(StringComparer.Ordinal)), what);
        foreach ((string name, double value) in expected.Measures)
        {
            if (name != Measure.WallS.Name)
            {
                Assert.That(BitConverter.DoubleToInt64Bits(actual.Measures[name]), Is.EqualTo(BitConverter.DoubleToInt64Bits(value)), $"{what}: {name} {actual.Measures[name]:R} vs {value:R}");
            }
        }

        Assert.That(actual.TimeSeries.ToList(), Is.EqualTo(expected.TimeSeries.ToList()), what + ": time series");
        Assert.That(actual.Zones.ToList(), Is.EqualTo(expected.Zones.ToList()), what + ": zone rows");
        Assert.That(actual.Events.ToList(), Is.EqualTo(expected.Events.ToList()), what + ": event rows");
        Assert.That(actual.Diagnostics, Is.EqualTo(expected.Diagnostics), what + ": diagnostics");
        Assert.That(actual.LatencyMicros.HighestTrackableValue, Is.EqualTo(expected.LatencyMicros.HighestTrackableValue), what);
        Assert.That(
            actual.LatencyMicros.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList(),
            Is.EqualTo(expected.LatencyMicros.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList()),
            what + ": latency histogram");
    }

    [Test]
    public void Fork_ThreeZonesOutage_EqualsFullRuns()
    {
        // Given the three-zone sample (daily and bursty traffic, retries, random unit failures, the listed
        // outage) over 2 days at a quarter of its traffic, with frequent random unit failures and random zone
        // outages, lost at its busiest hour
        Scenario scenario = LoadFile(Sample("three-zones-outage.yaml"), "horizon=2d", "traffic[camera].rate=3/s", "failures.unit_mtbf=6h", "failures.zone_outages[1].every=1d", "failures.zone_outages[0].at=1d 13:30");
        double at = PlanDemand.BusiestHourS(scenario, TraceFiles.Instance);
        Assert.That(at, Is.EqualTo(86400 + (14 * 3600)), "the sample's busiest hour, 1 d 14:00");

        // Then
        AssertForkEqualsFullRun(scenario, at, replications: 1);
    }

    [Test]
    public void Fork_TraceReplay_EqualsFullRuns()
    {
        // Given a recorded trace replayed, lost at its busiest hour
        Scenario scenario = LoadFile(Sample("trace-replay.yaml"));
        double at = PlanDemand.BusiestHourS(scenario, TraceFiles.Instance);

        // Then
        AssertForkEqualsFullRun(scenario, at, replications: 2);
    }

    [Test]
    public void Fork_WeekdayShifts_SchedulesEqualFullRuns()
    {
        // Given scheduled starts, stops and unit bounds, over 2 days at a quarter of the traffic, lost at the busiest hour
        Scenario scenario = LoadFile(Sample("weekday-shifts.yaml"), "horizon=2d", "traffic[cameras].rate=2/s");
        double at = PlanDemand.BusiestHourS(scenario, TraceFiles.Instance);

        // Then
        AssertForkEqualsFullRun(scenario, at, replications: 2);
    }

    /// <summary>
    /// At the loss time T = 30 min exactly: an autoscaler tick (every 60 s), an interval boundary, a
    /// listed outage of z3, the end of a listed outage of z1, a scheduled bound change and a stepped
    /// rate change all fall at T. The listed outage of z3 runs before the added one (same priority,
    /// listed first); z1's return, scheduled during the run, after it (so losing z1 at T keeps it down;
    /// an added outage put after the events already due would let z1 come back and fail in the other order).
    /// </summary>
    private const string AtTheTick = """
        name: tick-at-the-loss
        seed: 5
        horizon: 75m
        warmup: 5m
        replications: 1
        service: { base: 80ms, per_megapixel: 0ms, per_megabyte: 0ms, distribution: gamma, cv: 0.5, concurrency: 2 }
        images:
          - { width: 100, height: 100, size: 0.01MB }
        traffic:
          - name: line
            pattern: steps
            steps: [{ at: 0s, rate: 10/s }, { at: 30m, rate: 25/s }, { at: 1h, rate: 5/s }]
        client: { timeout: 2s, retry: aws-standard }
        deployment:
          zones: [z1, z2, z3]
          min_units: 3
          max_units: 8
          unit_start: 1m..3m
        autoscaling:
          target: 60%
          evaluation: 1m
          scale_out_cooldown: 2m
          scale_in_cooldown: 5m
        failures:
          unit_mtbf: 6h
          zone_outages:
            - { zone: z1, at: 20m, duration: 10m }
            - { zone: z3, at: 30m, duration: 10m }
        schedule:
          - { at: 0s, action: start }
          - { at: 30m, action: start, min_units: 4, max_units: 9 }
        """;

    [TestCase("bench.yaml", "horizon=16h")]
    [TestCase("spec-example.yaml", "horizon=1d")]
    [TestCase("sweep-units.yaml", "horizon=1d")]
    [TestCase("uncertain-line.yaml")]
    [TestCase("weekly-batch.yaml", "start=2024-01-06T12:00:00Z", "horizon=1d")]
    public void Fork_EveryOtherSampleWithZones_EqualsFullRuns(string sample, params string[] sets)
    {
        // Given a shipped sample with two or more zones (cut to a day or less; weekly-batch over its
        // Sunday job), lost at its busiest hour
        Scenario scenario = LoadFile(Sample(sample), sets);
        Assert.That(scenario.Deployment.Zones, Has.Count.GreaterThanOrEqualTo(2), "a zone can be lost");
        double at = PlanDemand.BusiestHourS(scenario, TraceFiles.Instance);

        // Then
        AssertForkEqualsFullRun(scenario, at, replications: 1);
    }

    [Test]
    public void Fork_EventsAtTheLossTime_KeepTheirOrder()
    {
        // Given events of every kind at T = 1800 s
        Scenario scenario = LoadYaml(AtTheTick);

        // Then
        AssertForkEqualsFullRun(scenario, 1800, replications: 2);
    }

    [Test]
    public void Continue_NotAZoneLossOfTheBase_Refused()
    {
        // Given a base and a configuration that adds two outages
        Scenario scenario = LoadYaml(AtTheTick);
        ModelConfig baseConfig = ScenarioCompiler.Compile(scenario, TraceFiles.Instance);
        ModelConfig zoneConfig = ScenarioCompiler.Compile(scenario, TraceFiles.Instance, 0, ("z1", 1800));
        ModelConfig two = zoneConfig with { Failures = zoneConfig.Failures with { ZoneOutages = [.. zoneConfig.Failures.ZoneOutages, new ZoneOutage(1, 1800, 60)] } };

        // Then
        Assert.That(ZoneLossFork.LossTime(baseConfig, zoneConfig), Is.EqualTo(1800));
        Assert.That(ZoneLossFork.LossTime(baseConfig, two), Is.Null);
        Assert.That(ZoneLossFork.LossTime(baseConfig, baseConfig), Is.Null);
        using ZoneLossFork.Prefix prefix = ZoneLossFork.Prefix.Run(baseConfig, 5, 0, 1800);
        Assert.Throws<ArgumentException>(() => prefix.Continue(two));
        Assert.Throws<ArgumentException>(() => prefix.Continue(baseConfig));
    }

    [Test]
    public void AddZoneOutage_TwiceOrAfterItsTime_Refused()
    {
        // Given a run stopped at 1800 s
        Scenario scenario = LoadYaml(AtTheTick);
        ModelConfig zoneConfig = ScenarioCompiler.Compile(scenario, TraceFiles.Instance, 0, ("z1", 1800));
        ModelConfig baseConfig = ScenarioCompiler.Compile(scenario, TraceFiles.Instance);
        var system = new ServingSystem(baseConfig, new RandomStreams(5, 0));
        system.RunUntil(1800);

        // Then: an outage that began earlier cannot be added, and the reserved place is used once
        Assert.Throws<InvalidOperationException>(() => system.AddZoneOutage(new ZoneOutage(0, 1700, 60)));
        system.AddZoneOutage(zoneConfig.Failures.ZoneOutages[^1]);
        Assert.Throws<InvalidOperationException>(() => system.AddZoneOutage(zoneConfig.Failures.ZoneOutages[^1]));
    }
}
