using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Experiments;

/// <summary>Specs of the test evaluator (<see cref="SweepTestModel"/>) whose answers are known by construction, and small real scenarios for the sweep, plan, shard and merge commands.</summary>
internal static class SweepTestSupport
{
    /// <summary>
    /// 20 calls/s for 8 peak hours and 6 calls/s for 16, units of 5 calls/s (so ceil(20/5) = 4 naive units),
    /// SLO p99 ≤ 0.5 s, failed ≤ 0.1%, availability ≥ 99.9%, three zones.
    /// </summary>
    public static SweepTestSpec PlanSpec() => new()
    {
        Name = "known-answer",
        PeakTps = 20,
        OffpeakShare = 0.3,
        PeakHours = 8,
        Hours = 24,
        TpsPerUnit = 5,
        PricePerUnitHour = 4,
        RampSeconds = 600,
        Zones = ["az1", "az2", "az3"],
        Slo = new SloTargets(0.5, 0.001, 0.999),
        Base = new() { ["deployment.min_units"] = "2", ["deployment.max_units"] = "8", ["autoscaling.target"] = "50%" },
    };

    /// <summary>An 8-point sweep: min_units 2…5 × target 50%, 70%.</summary>
    public static SweepTestSpec SweepSpec(int replications = 4) => new()
    {
        Name = "fake-line",
        Replications = replications,
        Sweep = new()
        {
            ["deployment.min_units"] = ["2", "3", "4", "5"],
            ["autoscaling.target"] = ["50%", "70%"],
        },
    };

    /// <summary>
    /// Constant Poisson load of 20 calls/s, deterministic 100 ms service, one call per unit at a
    /// time: an offered load of 2 units. Two units run at utilisation 1 and shed calls from their
    /// bounded queues; three run at 2/3, where the M/D/3 p99 wait is well under 0.5 s. ZONES is
    /// replaced by the zone list.
    /// </summary>
    public const string PlanScenario = """
        name: plan-md
        seed: 7
        horizon: 1h
        warmup: 0s
        replications: 3
        service:
          base: 100ms
          per_megapixel: 0ms
          per_megabyte: 0ms
          distribution: deterministic
        images:
          - { width: 100, height: 100, size: 0.01MB }
        traffic:
          - name: line
            pattern: poisson
            rate: 20/s
        deployment:
          zones: [ZONES]
          min_units: 1
          queue_per_unit: 8
        billing:
          price_per_unit_hour: 4
        slo:
          latency_p99: 600ms
          max_failed: 0.1%
        """;

    /// <summary>
    /// Writes a real scenario with an 8-point sweep (min_units 1…4 × autoscaling target 50%, 70%):
    /// 5 calls/s of exponential 100 ms calls over two zones for ten minutes, so that a point runs in
    /// milliseconds. Returns the file's path.
    /// </summary>
    public static string SweepScenario(string folder, int replications = 3, ulong seed = 7, string name = "small-sweep")
    {
        string path = Path.Combine(folder, $"{name}-{seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}.yaml");
        File.WriteAllText(path, $"""
            name: {name}
            seed: {seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            horizon: 10m
            warmup: 0s
            replications: {replications.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            service: {"{"} base: 100ms, per_megapixel: 0ms, per_megabyte: 0ms, distribution: exponential {"}"}
            images:
              - {"{"} width: 100, height: 100, size: 0.01MB {"}"}
            traffic:
              - {"{"} name: line, pattern: poisson, rate: 5/s {"}"}
            deployment:
              zones: [az1, az2]
              min_units: 1
              max_units: 4
            slo:
              latency_p99: 1s
              max_failed: 0.1%
            sweep:
              deployment.min_units: [1, 2, 3, 4]
              autoscaling.target: [50%, 70%]
            """);
        return path;
    }

    /// <summary>Writes <see cref="PlanScenario"/> over <paramref name="zones"/> (with <paramref name="replace"/> applied) into <paramref name="folder"/>. Returns the file's path.</summary>
    public static string PlanScenarioFile(string folder, string zones = "z1", params (string From, string To)[] replace)
    {
        string yaml = PlanScenario.Replace("ZONES", zones, StringComparison.Ordinal);
        foreach ((string from, string to) in replace)
        {
            Assert.That(yaml, Does.Contain(from));
            yaml = yaml.Replace(from, to, StringComparison.Ordinal);
        }

        string path = Path.Combine(folder, "plan.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string TempFolder(string name)
    {
        string dir = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Where this test run's folders go (deleted after the run by <see cref="SweepTempFolders"/>).</summary>
    internal static readonly string Root = Path.Combine(Path.GetTempPath(), "lookoutsim-sweep-tests-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
