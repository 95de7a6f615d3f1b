using System.Globalization;
using LookoutSim.Cli;
using LookoutSim.Output;
using LookoutSim.Tests.Experiments;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Output;

/// <summary>
/// SLO verdicts of a sweep: the <c>slo_*</c> columns of <c>sweep.csv</c>, the cheapest point meeting
/// every SLO named on the terminal, and <c>sweep.html</c>, on a sweep whose answer is known.
/// </summary>
[TestFixture]
public sealed class SweepVerdictTests
{
    /// <summary>
    /// 20 calls/s of deterministic 100 ms calls, one at a time per unit: an offered load of two
    /// units. One unit (utilisation 2) fails about half the calls; three and four units carry the
    /// load (M/D/3 p99 wait well under 0.6 s); the cost is 4 USD per unit-hour, so it grows with the units.
    /// </summary>
    private static readonly string Scenario = LookoutSim.Tests.Experiments.SweepTestSupport.PlanScenario
        .Replace("name: plan-md", "name: sweep-verdicts", StringComparison.Ordinal)
        .Replace("seed: 7", "seed: 5", StringComparison.Ordinal)
        .Replace("horizon: 1h", "horizon: 30m", StringComparison.Ordinal)
        .Replace("ZONES", "z1", StringComparison.Ordinal)
        + "\nsweep:\n  deployment.min_units: [4, 1, 3, 2]";

    private string folder = "";
    private string stdout = "";
    private Dictionary<string, string>[] rows = [];
    private string[] header = [];

    [OneTimeSetUp]
    public void SweepOnce()
    {
        string dir = SweepTestSupport.TempFolder("sweep-verdicts");
        string file = Path.Combine(dir, "sweep-verdicts.yaml");
        File.WriteAllText(file, Scenario);
        folder = Path.Combine(dir, "out");
        (int code, string text, string err) = CliRun.Run("sweep", file, "--quiet", "--parallel", "2", "--out", folder);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + text);
        stdout = text;
        string[] lines = File.ReadAllLines(Path.Combine(folder, "sweep.csv"));
        header = lines[0].Split(',');
        rows = [.. lines.Skip(1).Select(l => l.Split(',')).Select(cells => header.Zip(cells).ToDictionary(p => p.First, p => p.Second))];
    }

    private Dictionary<string, string> Row(int units) => rows.Single(r => r["deployment.min_units"] == units.ToString(CultureInfo.InvariantCulture));

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    [Test]
    public void SweepCsv_VerdictColumns_FollowTheMeasures()
    {
        // Then: after the measures, slo_met and per SLO its verdict, the deciding bound and the target
        Assert.That(header[^7..], Is.EqualTo(new[]
        {
            "slo_met",
            "slo_latency_p99_met", "slo_latency_p99_bound", "slo_latency_p99_target",
            "slo_max_failed_met", "slo_max_failed_bound", "slo_max_failed_target",
        }));
    }

    [Test]
    public void SweepCsv_OneUnitForTwoUnitsOfLoad_FailsMaxFailedOnItsUpperBound()
    {
        // Given one unit at utilisation 2 / Then max_failed is missed: the bound is the upper 95% bound, above 0.1%
        Dictionary<string, string> one = Row(1);
        Assert.That(one["slo_max_failed_met"], Is.EqualTo("false"));
        Assert.That(one["slo_met"], Is.EqualTo("false"));
        Assert.That(Number(one["slo_max_failed_bound"]), Is.EqualTo(Number(one["failed_rate_ci95_high"])));
        Assert.That(Number(one["slo_max_failed_bound"]), Is.GreaterThan(0.001));
        Assert.That(Number(one["slo_max_failed_target"]), Is.EqualTo(0.001));
    }

    [Test]
    public void SweepCsv_ThreeAndFourUnits_MeetEverySloWithTheirBoundsUnderTheTargets()
    {
        foreach (int units in new[] { 3, 4 })
        {
            Dictionary<string, string> r = Row(units);
            Assert.That(r["slo_met"], Is.EqualTo("true"), $"{units} units");
            Assert.That(Number(r["slo_latency_p99_bound"]), Is.EqualTo(Number(r["latency_p99_s_ci95_high"])).And.LessThanOrEqualTo(0.6));
            Assert.That(Number(r["slo_max_failed_bound"]), Is.LessThanOrEqualTo(0.001));
        }
    }

    [Test]
    public void Terminal_NamesTheCheapestPointMeetingEverySlo()
    {
        // Then: three units, the cheapest of those that hold (listed third in the sweep: p3)
        Dictionary<string, string> three = Row(3);
        Assert.That(stdout, Does.Contain($"cheapest meeting the SLOs: {three["point"]} (deployment.min_units=3), cost 6 USD"), "3 units × 4 USD × 0.5 h");
    }

    [Test]
    public void ResultsReader_VerdictColumns_AreNotTakenForSweptFields()
    {
        // Given the folder compare reads / When read
        LookoutSim.Experiments.ResultsSet set = ResultsSummaryReader.ReadSweep(folder, Path.Combine(folder, "sweep.csv"));

        // Then the only parameter is the swept field (compare would otherwise match points on their verdicts)
        Assert.That(set.Points.Select(p => p.Parameters.Select(kv => kv.Key)), Has.All.EqualTo(new[] { "deployment.min_units" }));
    }

    [Test]
    public void SweepHtml_HighlightsTheCheapestPointAndListsEveryPoint()
    {
        string html = File.ReadAllText(Path.Combine(folder, "sweep.html"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain($"<tr class=\"cheapest\" id=\"point-{Row(3)["point"]}\">"));
        Assert.That(html, Does.Contain($"<tr class=\"missed\" id=\"point-{Row(1)["point"]}\">"));
        Assert.That(html, Does.Contain($"<tr class=\"met\" id=\"point-{Row(4)["point"]}\">"));
        Assert.That(html, Does.Contain("id=\"chart-pareto\""));
    }
}
