using System.Globalization;
using System.Text.Json;
using LookoutSim.Tests.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// The round trip of the planner's own data: a scenario with known autoscaler settings is run,
/// exported as CloudWatch JSON (newest first, in pages), imported, backtested and fitted.
/// </summary>
[NonParallelizable]
public sealed class ObservedRoundTripTests
{
    /// <summary>
    /// A line whose demand ramps up and down twice in six hours, in steps a few minutes apart, so
    /// that both scale-outs and scale-ins come in runs (their spacing shows the cooldowns) and the
    /// level units settle at shows the target. One unit carries 2 calls/s (500 ms per call).
    /// </summary>
    private const string Ramp = """
        name: ramp
        start: 2024-03-04T06:00:00Z
        seed: 5
        horizon: 6h
        replications: 1
        service:
          base: 500ms
          distribution: lognormal
          cv: 0.3
        traffic:
          - name: line
            pattern: steps
            repeat: 3h
            steps:
              - { at: 0m, rate: 1/s }
              - { at: 20m, rate: 3/s }
              - { at: 25m, rate: 5/s }
              - { at: 30m, rate: 7/s }
              - { at: 35m, rate: 9/s }
              - { at: 40m, rate: 11/s }
              - { at: 1h30m, rate: 8/s }
              - { at: 1h40m, rate: 5/s }
              - { at: 1h50m, rate: 3/s }
              - { at: 2h, rate: 1/s }
        deployment:
          min_units: 1
          max_units: 12
          unit_start: 2m..4m
        autoscaling:
          target: TARGET
          evaluation: 1m
          scale_out_cooldown: OUT
          scale_in_cooldown: IN
        """;

    private static readonly string[] TargetGrid = ["40%", "50%", "60%", "70%", "80%"];
    private static readonly string[] OutGrid = ["1m", "3m", "6m"];
    private static readonly string[] InGrid = ["5m", "10m", "20m"];

    private TempDir _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDir();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string Scenario(string target, string scaleOut, string scaleIn)
    {
        string path = _dir["ramp.yaml"];
        File.WriteAllText(path, Ramp.Replace("TARGET", target, StringComparison.Ordinal)
            .Replace("OUT", scaleOut, StringComparison.Ordinal).Replace("IN", scaleIn, StringComparison.Ordinal));
        return path;
    }

    /// <summary>Runs the scenario once (seed 5), exports it in pages of 100 datapoints, imports the pages; returns the observed folder.</summary>
    private string Observe(string scenario, out string[] pages)
    {
        var run = CliRun.Run("run", scenario, "--out", _dir["truth"], "--quiet");
        Assert.That(run.Exit, Is.EqualTo(0), run.Err);
        var export = CliRun.Run("export", "cloudwatch", _dir["truth"], "--out", _dir["cw.json"], "--page-size", "100");
        Assert.That(export.Exit, Is.EqualTo(0), export.Err);
        pages = export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var import = CliRun.Run(["import", "cloudwatch", .. pages, "--out", _dir["observed"]]);
        Assert.That(import.Exit, Is.EqualTo(0), import.Err);
        return _dir["observed"];
    }

    [Test]
    public void Export_SixHoursInPagesOf100_NewestFirstPagedAsGetMetricData()
    {
        // Given a six-hour run at 1-minute intervals: 360 datapoints per metric
        string scenario = Scenario("60%", "3m", "10m");

        // When it is exported and imported
        Observe(scenario, out string[] pages);

        // Then four pages, each metric newest first across them, all but the last PartialData with a NextToken
        Assert.That(pages, Has.Length.EqualTo(4));
        var stamps = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        for (int p = 0; p < pages.Length; p++)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(pages[p]));
            bool last = p == pages.Length - 1;
            Assert.That(doc.RootElement.TryGetProperty("NextToken", out _), Is.EqualTo(!last), pages[p]);
            JsonElement results = doc.RootElement.GetProperty("MetricDataResults");
            Assert.That(results.GetArrayLength(), Is.EqualTo(10), "the ten Lookout for Vision metrics");
            foreach (JsonElement r in results.EnumerateArray())
            {
                Assert.That(r.GetProperty("StatusCode").GetString(), Is.EqualTo(last ? "Complete" : "PartialData"));
                string label = r.GetProperty("Label").GetString()!;
                List<DateTimeOffset> list = stamps.TryGetValue(label, out var l) ? l : stamps[label] = [];
                list.AddRange(r.GetProperty("Timestamps").EnumerateArray().Select(t => DateTimeOffset.Parse(t.GetString()!, CultureInfo.InvariantCulture)));
                Assert.That(r.GetProperty("Values").GetArrayLength(), Is.EqualTo(r.GetProperty("Timestamps").GetArrayLength()));
            }
        }

        List<DateTimeOffset> units = stamps["InServiceInferenceUnits"];
        Assert.That(units, Has.Count.EqualTo(360));
        Assert.That(units, Is.Ordered.Descending);
        Assert.That(units[^1], Is.EqualTo(new DateTimeOffset(2024, 3, 4, 6, 0, 0, TimeSpan.Zero)), "the scenario's start is the oldest timestamp");
        Assert.That(units[0], Is.EqualTo(new DateTimeOffset(2024, 3, 4, 11, 59, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Backtest_TrueScenario_KeepsNinetyPercentOfInServicePeriodsInsideTheBand()
    {
        // Given the observed metrics of one run of a known scenario
        string scenario = Scenario("60%", "3m", "10m");
        string observed = Observe(scenario, out _);

        // When the same scenario is backtested against them with other random numbers
        var bt = CliRun.Run("backtest", scenario, "--observed", observed, "--out", _dir["bt"], "--seed", "1001", "--replications", "10", "--quiet", "--check");

        // Then ≥ 90% of observed in-service-unit periods lie inside the 95% band, and the folder has every part
        Assert.That(bt.Exit, Is.EqualTo(0), bt.Out + bt.Err);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir["bt"], "backtest.json")));
        JsonElement units = doc.RootElement.GetProperty("series").GetProperty("units_in_service");
        Assert.That(units.GetProperty("periods").GetInt32(), Is.EqualTo(360));
        Assert.That(units.GetProperty("inside_band").GetDouble(), Is.GreaterThanOrEqualTo(0.9));
        string[] csv = File.ReadAllLines(Path.Combine(_dir["bt"], "backtest.csv"));
        Assert.That(csv[0], Is.EqualTo("time_s,series,observed,sim_mean,sim_low,sim_high"));
        Assert.That(csv.Count(l => l.Contains(",units_desired,", StringComparison.Ordinal)), Is.EqualTo(360));
        foreach (string chart in new[] { "backtest-units", "backtest-throttled", "backtest-latency" })
        {
            Assert.That(File.Exists(Path.Combine(_dir["bt"], "plots", chart + ".png")), Is.True, chart);
            Assert.That(File.Exists(Path.Combine(_dir["bt"], "plots", chart + ".svg")), Is.True, chart);
        }

        string report = File.ReadAllText(Path.Combine(_dir["bt"], "report.html"));
        Assert.That(report, Does.Contain("<section id=\"backtest\">"));
        Assert.That(report, Does.Contain("chart-backtest-units"));
    }

    [Test]
    public void Backtest_WrongTarget_MissesUnderCheck()
    {
        // Given the observed metrics of a scenario whose target is 60%
        string observed = Observe(Scenario("60%", "3m", "10m"), out _);

        // When a scenario with a 30% target is backtested against them
        var bt = CliRun.Run("backtest", _dir["ramp.yaml"], "--observed", observed, "--out", _dir["bt"], "--seed", "1001", "--replications", "5",
            "--set", "autoscaling.target=30%", "--quiet", "--check", "--tolerance", "10%");

        // Then the in-service units miss and --check exits 1
        Assert.That(bt.Exit, Is.EqualTo(1), bt.Out + bt.Err);
        Assert.That(bt.Out, Does.Match(@"units_in_service .* MISSED"));
    }

    [TestCase("50%", "1m", "20m", TestName = "Fit_TargetFiftyFastOutSlowIn_RecoveredWithinOneGridStep")]
    [TestCase("70%", "6m", "5m", TestName = "Fit_TargetSeventySlowOutFastIn_RecoveredWithinOneGridStep")]
    public void Fit_KnownSettings_RecoveredWithinOneGridStep(string target, string scaleOut, string scaleIn)
    {
        // Given the observed metrics of a run with known autoscaler settings
        string scenario = Scenario(target, scaleOut, scaleIn);
        string observed = Observe(scenario, out _);

        // When the fit starts from other values (the middle of each grid) with other random numbers
        var fit = CliRun.Run(
            "fit", "autoscaler", scenario, "--observed", observed, "--out", _dir["fit"], "--seed", "2002", "--replications", "3", "--json", "--quiet",
            "--set", "autoscaling.target=60%", "--set", "autoscaling.scale_out_cooldown=3m", "--set", "autoscaling.scale_in_cooldown=10m",
            "--grid", "autoscaling.target=" + string.Join(',', TargetGrid),
            "--grid", "autoscaling.scale_out_cooldown=" + string.Join(',', OutGrid),
            "--grid", "autoscaling.scale_in_cooldown=" + string.Join(',', InGrid),
            "--grid", "autoscaling.evaluation=1m,2m",
            "--grid", "autoscaling.scale_in_step=1,2",
            "--grid", "deployment.unit_start=2m,4m");

        // Then target and both cooldowns are within one grid step of the truth
        Assert.That(fit.Exit, Is.EqualTo(0), fit.Err);
        using JsonDocument doc = JsonDocument.Parse(fit.Out);
        JsonElement best = doc.RootElement.GetProperty("best");
        Assert.Multiple(() =>
        {
            Assert.That(Steps(TargetGrid, best.GetProperty("autoscaling.target").GetString()!, target), Is.LessThanOrEqualTo(1), fit.Out);
            Assert.That(Steps(OutGrid, best.GetProperty("autoscaling.scale_out_cooldown").GetString()!, scaleOut), Is.LessThanOrEqualTo(1), fit.Out);
            Assert.That(Steps(InGrid, best.GetProperty("autoscaling.scale_in_cooldown").GetString()!, scaleIn), Is.LessThanOrEqualTo(1), fit.Out);
            Assert.That(doc.RootElement.GetProperty("runners_up").GetArrayLength(), Is.EqualTo(5));
        });
        string[] csv = File.ReadAllLines(Path.Combine(_dir["fit"], "fit.csv"));
        Assert.That(csv[0], Is.EqualTo("candidate,autoscaling.target,autoscaling.evaluation,autoscaling.scale_out_cooldown,autoscaling.scale_in_cooldown,autoscaling.scale_in_step,deployment.unit_start,loss,loss_stderr"));
        Assert.That(csv, Has.Length.EqualTo(doc.RootElement.GetProperty("candidates").GetInt32() + 1));
        Assert.That(File.Exists(Path.Combine(_dir["fit"], "plots", "fit-target.png")), Is.True);
        Assert.That(File.Exists(Path.Combine(_dir["fit"], "plots", "fit-scale-in-cooldown.svg")), Is.True);
    }

    private static int Steps(string[] grid, string found, string truth) =>
        Math.Abs(Array.IndexOf(grid, found) - Array.IndexOf(grid, truth)) + (Array.IndexOf(grid, found) < 0 ? 100 : 0);
}
