using System.Text.Json;
using System.Text.RegularExpressions;
using LookoutSim.Scenarios;
using LookoutSim.Tests.Scenarios;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// Each sample's comment states its SLO verdicts as shipped (<c># SLO verdicts as shipped … p99 latency
/// MET, failed MISSED, availability MET</c>), one per SLO it sets, and those verdicts are what a run of
/// the sample as shipped gives.
/// </summary>
public sealed partial class SampleVerdictsTests
{
    private const string Marker = "# SLO verdicts as shipped";

    /// <summary>The samples whose verdicts are stated (sweep-units.yaml states its points' verdicts as a sweep gives them).</summary>
    private static readonly string[] Stated = ["bench", "spec-example", "steady", "three-zones-outage", "trace-replay", "uncertain-line", "weekday-shifts", "weekly-batch"];

    /// <summary>The stated samples quick enough to run as shipped in every test run (seconds each); the rest run on demand.</summary>
    private static readonly string[] Quick = ["steady", "trace-replay", "uncertain-line"];

    private static readonly (string Slo, string Words)[] Words =
        [("latency_p99", "p99 latency"), ("max_failed", "failed"), ("availability", "availability")];

    public static IEnumerable<string> StatedSamples => Stated;

    public static IEnumerable<string> QuickSamples => Quick;

    public static IEnumerable<string> SlowSamples => Stated.Except(Quick);

    [GeneratedRegex(@"(p99 latency|failed|availability) (MET|MISSED)")]
    private static partial Regex VerdictPattern();

    /// <summary>The verdicts stated in <paramref name="file"/>'s comment, by SLO name; null without the marker.</summary>
    private static Dictionary<string, bool>? StatedVerdicts(string file)
    {
        string[] lines = File.ReadAllLines(file);
        int at = Array.FindIndex(lines, l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (at < 0)
        {
            return null;
        }

        string text = string.Join(" ", lines.Skip(at).TakeWhile(l => l.StartsWith('#')));
        return VerdictPattern().Matches(text).ToDictionary(
            m => Words.Single(w => w.Words == m.Groups[1].Value).Slo,
            m => m.Groups[2].Value == "MET");
    }

    [TestCaseSource(nameof(StatedSamples))]
    public void Sample_StatesOneVerdictPerSloItSets(string name)
    {
        // Given the sample and the SLOs it sets
        string file = Path.Combine(ScenarioFiles.Samples, name + ".yaml");
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file, []);
        Assert.That(loaded.Errors, Is.Empty);
        SloSpec slo = loaded.Scenario!.Slo;
        var set = new List<string>();
        if (slo.LatencyP99 is not null)
        {
            set.Add("latency_p99");
        }

        if (slo.MaxFailed is not null)
        {
            set.Add("max_failed");
        }

        if (slo.Availability is not null)
        {
            set.Add("availability");
        }

        // Then its comment states a verdict for exactly those
        Dictionary<string, bool>? stated = StatedVerdicts(file);
        Assert.That(stated, Is.Not.Null, $"{name}.yaml has no '{Marker}' comment");
        Assert.That(stated!.Keys, Is.EquivalentTo(set));
    }

    [TestCaseSource(nameof(QuickSamples))]
    public void QuickSample_StatedVerdicts_AreWhatARunAsShippedGives(string name) => AssertStatedVerdicts(name);

    [TestCaseSource(nameof(SlowSamples))]
    [Explicit("runs the sample as shipped: minutes per sample")]
    public void Sample_StatedVerdicts_AreWhatARunAsShippedGives(string name) => AssertStatedVerdicts(name);

    private static void AssertStatedVerdicts(string name)
    {
        // Given the sample as shipped
        string file = Path.Combine(ScenarioFiles.Samples, name + ".yaml");
        string outDir = Path.Combine(ScenarioFiles.NewTempFolder(), "out");

        // When it runs
        (int exit, string stdout, string stderr) = CliRun.Run("run", file, "--out", outDir, "--quiet", "--json");

        // Then each SLO's verdict is the one stated
        Assert.That(exit, Is.Zero, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Dictionary<string, bool> actual = json.RootElement.GetProperty("slo").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("met").GetBoolean());
        Assert.That(actual, Is.EquivalentTo(StatedVerdicts(file)!));
    }
}
