using LookoutSim.Experiments;

namespace LookoutSim.Tests.Experiments;

/// <summary>Specs of the test evaluator (<see cref="SweepTestModel"/>) whose answers are known by construction.</summary>
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
        Slo = new SweepTestSlo { LatencyP99S = 0.5, MaxFailed = 0.001, Availability = 0.999 },
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

    /// <summary>The spec as the JSON the hidden --test-model option reads.</summary>
    public static string Json(SweepTestSpec spec) => System.Text.Json.JsonSerializer.Serialize(spec, SnakeCase);

    private static readonly System.Text.Json.JsonSerializerOptions SnakeCase = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
    };

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
