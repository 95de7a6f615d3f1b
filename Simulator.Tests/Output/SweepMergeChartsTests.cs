using System.Text.RegularExpressions;
using LookoutSim.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Output;

/// <summary>
/// <c>merge</c> draws exactly what <c>sweep</c> draws. Each command runs in a fresh process, as on a
/// cluster: a chart's font must not depend on what else the process drew before it (the merge
/// process draws no point chart before the sweep charts).
/// </summary>
public sealed partial class SweepMergeChartsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Test]
    public void Merge_InItsOwnProcess_DrawsTheSweepChartsByteForByte()
    {
        // Given samples/sweep-units.yaml cut short, swept whole in one process and as 2 shards in two others
        string sample = Path.Combine(Architecture.LayeringTests.RepositoryRoot(), "samples", "sweep-units.yaml");
        string[] cut = ["--set", "horizon=20m", "--set", "warmup=0s", "--replications", "2", "--quiet", "--parallel", "1"];
        using var dir = new TempDir();
        Expect(ChildProcess.Lookoutsim(Timeout, ["sweep", sample, .. cut, "--out", dir["whole"]]));
        Expect(ChildProcess.Lookoutsim(Timeout, ["sweep", sample, .. cut, "--shard", "1/2", "--out", dir["shard-1"]]));
        Expect(ChildProcess.Lookoutsim(Timeout, ["sweep", sample, .. cut, "--shard", "2/2", "--out", dir["shard-2"]]));

        // When the shards are merged in a fourth process
        Expect(ChildProcess.Lookoutsim(Timeout, "merge", dir["shard-1"], dir["shard-2"], "--out", dir["merged"]));

        // Then every chart is the same file, byte for byte, and every text in it is in the charts' sans font
        string[] names = [.. Directory.GetFiles(Path.Combine(dir["whole"], "plots")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.That(names, Has.Length.GreaterThanOrEqualTo(20).And.Contain("pareto.svg").And.Contain("pareto.png"));
        Assert.That(Directory.GetFiles(Path.Combine(dir["merged"], "plots")).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(names));
        foreach (string name in names)
        {
            byte[] sweep = File.ReadAllBytes(Path.Combine(dir["whole"], "plots", name));
            byte[] merge = File.ReadAllBytes(Path.Combine(dir["merged"], "plots", name));
            Assert.That(merge.SequenceEqual(sweep), Is.True, $"plots/{name} differs between sweep and merge");
            if (name.EndsWith(".svg", StringComparison.Ordinal))
            {
                string[] families = [.. FontFamily().Matches(File.ReadAllText(Path.Combine(dir["merged"], "plots", name))).Select(m => m.Groups[1].Value).Distinct()];
                Assert.That(families, Is.EqualTo(new[] { ChartFont.Sans }), $"plots/{name}: font families");
            }
        }
    }

    private static void Expect((int Exit, string Out, string Err) run) =>
        Assert.That(run.Exit, Is.EqualTo(0), run.Err);

    [GeneratedRegex("font-family=\"([^\"]*)\"")]
    private static partial Regex FontFamily();
}
