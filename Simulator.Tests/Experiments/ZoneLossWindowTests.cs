using System.Globalization;
using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// A zone loss is judged where it happens: the "during outages" window runs from the outage's start
/// to its end plus the longest unit start and one scale-in cooldown; its measures count the requests
/// arriving in it; a zone-loss case's verdict does not depend on the horizon, and its run stops once
/// the window's calls have ended without changing its measures.
/// </summary>
public sealed class ZoneLossWindowTests
{
    private static Scenario Load(string yaml, params string[] sets)
    {
        string file = Path.Combine(Path.GetTempPath(), "lookoutsim-zoneloss-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, yaml);
        try
        {
            ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file, sets);
            Assert.That(loaded.IsValid, Is.True, string.Join("\n", loaded.Errors));
            return loaded.Scenario!;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// One zone, one unit serving 8 calls at a time, 2 calls/s of 50 ms calls (no waiting); the zone is down from
    /// 1 h for 30 min, a unit takes 2 min to start, the scale-in cooldown is 5 min; calls time out
    /// after 5 s and are not retried.
    /// </summary>
    private const string OneZone = """
        name: window-timeline
        seed: 11
        horizon: 2h
        warmup: 0s
        replications: 1
        service: { base: 50ms, per_megapixel: 0ms, per_megabyte: 0ms, distribution: deterministic, concurrency: 8 }
        images:
          - { width: 100, height: 100, size: 0.01MB }
        traffic:
          - { name: line, pattern: poisson, rate: 2/s }
        client: { timeout: 5s, retry: none }
        deployment:
          zones: [z1]
          min_units: 1
          unit_start: 2m
        autoscaling:
          scale_in_cooldown: 5m
        failures:
          zone_outages:
            - { zone: z1, at: 1h, duration: 30m }
        """;

    [Test]
    public void OutageWindows_ListedOutage_FromItsStartToItsEndPlusUnitStartAndScaleInCooldown()
    {
        // Given an outage at 3600 s for 1800 s, unit start 120 s, scale-in cooldown 300 s
        Scenario scenario = Load(OneZone);

        // When
        ModelConfig config = ScenarioCompiler.Compile(scenario, TraceFiles.Instance);

        // Then: [3600, 3600 + 1800 + 120 + 300) = [3600, 5820), and the run keeps its horizon
        Assert.That(ScenarioCompiler.RecoveryS(scenario), Is.EqualTo(420));
        Assert.That(config.MeasureWindows, Is.EqualTo(new[] { new MeasureWindow(3600, 5820) }));
        Assert.That(config.Horizon, Is.EqualTo(7200));
    }

    [Test]
    public void OutageWindows_OverlappingOrPastTheHorizon_JoinedAndCut()
    {
        // Given two outages whose windows overlap (420 s of recovery each) and one running past the 2 h horizon
        Scenario scenario = Load(OneZone);

        // When
        var windows = ScenarioCompiler.OutageWindows(scenario, [(600, 300), (1000, 60), (6900, 600)]);

        // Then: [600, 1320) and [1000, 1480) join; the last stops at 7200
        Assert.That(windows, Is.EqualTo(new[] { new MeasureWindow(600, 1480), new MeasureWindow(6900, 7200) }));
    }

    [Test]
    public void Compile_ZoneLoss_WindowIsTheLossAloneAndTheRunStopsWhenItsCallsHaveEnded()
    {
        // Given two zones, the listed outage at 1 h, and a loss of z2 at 30 min
        Scenario scenario = Load(OneZone.Replace("zones: [z1]", "zones: [z1, z2]", StringComparison.Ordinal));

        // When
        ModelConfig config = ScenarioCompiler.Compile(scenario, TraceFiles.Instance, 0, ("z2", 1800));

        // Then: the window is [1800, 1800 + 3600 + 420) only; one 5 s attempt later the run stops
        Assert.That(config.MeasureWindows, Is.EqualTo(new[] { new MeasureWindow(1800, 5820) }));
        Assert.That(config.Horizon, Is.EqualTo(5825));
        Assert.That(config.Failures.ZoneOutages, Has.Length.EqualTo(2), "the listed outage still happens");
    }

    [Test]
    public void Run_OutageTimeline_WindowMeasuresCountTheRequestsArrivingInIt()
    {
        // Given the one-zone timeline, every request written to the request log
        Scenario scenario = Load(OneZone);
        ModelConfig config = ScenarioCompiler.Compile(scenario, TraceFiles.Instance, requestSampleFraction: 1);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 11, 0);

        // Then: the counts are those of the logged requests arriving in [3600, 5820)
        var inWindow = r.Requests.Where(q => q.ArrivalS >= 3600 && q.ArrivalS < 5820).ToList();
        Assert.That(r.Measures["outage_window_s"], Is.EqualTo(2220));
        Assert.That(r.Measures["outage_requests_arrived"], Is.EqualTo(inWindow.Count));
        Assert.That(r.Measures["outage_requests_failed"], Is.EqualTo(inWindow.Count(q => q.Outcome == "failed")));
        Assert.That(r.Measures["outage_requests_succeeded"], Is.EqualTo(inWindow.Count(q => q.Outcome == "succeeded")));

        // and by hand: nothing serves from 3600 until the unit is back at 5400 + 120 = 5520, so about
        // 1920 of the window's 2220 s fail (± a 5 s timeout at the edges); Poisson noise on the share
        // of ~4,440 requests is ~0.5 points
        Assert.That(r.Measures["outage_failed_rate"], Is.EqualTo(1920.0 / 2220).Within(0.02));
        Assert.That(r.Measures["outage_availability"], Is.EqualTo(1 - r.Measures["outage_failed_rate"]).Within(1e-12));
        Assert.That(r.Measures["failed_rate"], Is.EqualTo(1920.0 / 7200).Within(0.02), "the whole run dilutes the same failures");
        Assert.That(r.Measures["outage_latency_p99_s"], Is.EqualTo(0.05).Within(0.05 * 0.002), "the calls that succeed in the window are not slowed");
    }

    [Test]
    public void Run_NoOutage_NoWindowMeasures()
    {
        // Given the timeline without its outage
        Scenario scenario = Load(OneZone, "failures.zone_outages=[]");

        // When
        ReplicationResult r = ReplicationRunner.Run(ScenarioCompiler.Compile(scenario, TraceFiles.Instance), 11, 0);

        // Then: no outage_* measure, so the run's outputs are as before
        Assert.That(r.Measures.Keys.Where(k => k.StartsWith(MeasureNames.OutagePrefix, StringComparison.Ordinal)), Is.Empty);
        Assert.That(Summaries.Summarize([r]).Select(m => m.Name), Is.EqualTo(MeasureNames.All.Select(m => m.Name)));
    }

    /// <summary>
    /// Two zones of one unit each (one call at a time, 2 s deterministic calls: 0.5 calls/s per unit),
    /// a daily profile averaging 0.35 calls/s with a peak hour at 2× (about 0.63 calls/s over the hour,
    /// interpolated): two units carry it, one does not. The zone-loss case loses z2 for an hour from the peak hour.
    /// </summary>
    private const string TwoZones = """
        name: loss-horizon
        seed: 5
        horizon: 1d
        warmup: 0s
        replications: 4
        service: { base: 2s, per_megapixel: 0ms, per_megabyte: 0ms, distribution: deterministic }
        images:
          - { width: 100, height: 100, size: 0.01MB }
        traffic:
          - name: line
            pattern: daily
            rate: 0.35/s
            profile: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
                      2.0, 1.5, 1.5, 1.5, 1.5, 1.25, 1.25, 1.25, 0.8125, 0.8125, 0.8125, 0.8125]
        client: { timeout: 10s, retry: none }
        deployment:
          zones: [z1, z2]
          min_units: 2
          max_units: 2
          queue_per_unit: 4
          unit_start: 2m
        autoscaling:
          scale_in_cooldown: 5m
        slo:
          max_failed: 1%
        """;

    private static readonly Lazy<IReadOnlyList<MetricSummary>> WeekWhole = new(() => Run("7d", cut: false));

    private static IReadOnlyList<MetricSummary> LossCase(string horizon, bool cut) =>
        horizon == "7d" && !cut ? WeekWhole.Value : Run(horizon, cut);

    private static IReadOnlyList<MetricSummary> Run(string horizon, bool cut)
    {
        Scenario scenario = Load(TwoZones, "horizon=" + horizon);
        double at = PlanDemand.BusiestHourS(scenario, TraceFiles.Instance);
        Assert.That(at, Is.EqualTo(12 * 3600), "the peak hour of the first day");
        ModelConfig config = ScenarioCompiler.Compile(scenario, TraceFiles.Instance, 0, ("z2", at));
        if (!cut)
        {
            config = config with { Horizon = scenario.Horizon.TotalSeconds };
        }

        return Summaries.Summarize(ReplicationRunner.RunAll(config, 5, 4, parallelism: 2));
    }

    private static MetricSummary Get(IReadOnlyList<MetricSummary> s, string name) => s.Single(m => m.Name == name);

    [Test]
    public void ZoneLoss_SameLossOverOneDayAndSevenDays_SameWindowVerdictWhileTheWholeHorizonDilutesIt()
    {
        // When: the same loss over the whole of 1 d and of 7 d
        IReadOnlyList<MetricSummary> day = LossCase("1d", cut: false);
        IReadOnlyList<MetricSummary> week = LossCase("7d", cut: false);

        // Then: over the window the failed share agrees (intervals overlap) and misses the 1% target in both
        MetricSummary dayWindow = Get(day, "outage_failed_rate"), weekWindow = Get(week, "outage_failed_rate");
        Assert.That(dayWindow.Ci95Low, Is.LessThanOrEqualTo(weekWindow.Ci95High));
        Assert.That(weekWindow.Ci95Low, Is.LessThanOrEqualTo(dayWindow.Ci95High));
        Assert.That(dayWindow.Ci95Low, Is.GreaterThan(0.01), "one 0.5/s unit for ~0.63 calls/s sheds a fifth of the peak hour");
        Assert.That(weekWindow.Ci95Low, Is.GreaterThan(0.01));

        // while over the whole horizon the same failures are spread over seven times the calls
        MetricSummary dayAll = Get(day, "failed_rate"), weekAll = Get(week, "failed_rate");
        Assert.That(weekAll.Ci95High, Is.LessThan(dayAll.Ci95Low));
        Assert.That(dayAll.Mean / weekAll.Mean, Is.InRange(5.5, 8.5), "the 7 d run has about 7 days of calls and the same lost hour");
        Assert.That(weekAll.Ci95High, Is.LessThan(0.01), "over the week the loss looks like it meets the 1% target");
    }

    [Test]
    public void ZoneLoss_RunStoppedAtTheWindowEnd_SameWindowMeasuresAsTheWholeHorizon()
    {
        // When: the 7 d loss case as plan runs it (stopped after the window) and run over the whole week
        IReadOnlyList<MetricSummary> cut = LossCase("7d", cut: true);
        IReadOnlyList<MetricSummary> whole = LossCase("7d", cut: false);

        // Then: every window measure is the same, replication by replication (common random numbers)
        foreach ((string name, string _) in MeasureNames.Outage)
        {
            MetricSummary a = Get(cut, name), b = Get(whole, name);
            Assert.That((a.Mean, a.Min, a.Max), Is.EqualTo((b.Mean, b.Min, b.Max)), name);
        }

        Assert.That(Get(cut, "requests_arrived").Mean, Is.LessThan(Get(whole, "requests_arrived").Mean / 4), "the stopped run simulated less than a day and a half");
    }

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "lookoutsim-zoneloss-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Test]
    public void RunCommand_ListedOutage_SummaryHasDuringOutagesRowsLineAndReportSection()
    {
        // Given the one-zone timeline as a file
        string dir = TempDir();
        try
        {
            string file = Path.Combine(dir, "timeline.yaml");
            File.WriteAllText(file, OneZone);
            string outDir = Path.Combine(dir, "out");

            // When
            var (code, stdout, err) = Cli("run", file, "--quiet", "--out", outDir);

            // Then: outage_* rows after the usual ones, a terminal line and a report section
            Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + stdout);
            string[] rows = File.ReadAllLines(Path.Combine(outDir, "summary.csv"));
            Assert.That(rows.Skip(1).Take(MeasureNames.All.Count).Select(r => r.Split(',')[0]), Is.EqualTo(MeasureNames.All.Select(m => m.Name)));
            Assert.That(rows.Skip(1 + MeasureNames.All.Count).Select(r => r.Split(',')[0]), Is.EqualTo(MeasureNames.Outage.Select(m => m.Name)));
            Assert.That(stdout, Does.Contain("during outages (37m (2220 s) pooled"));
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            Assert.That(summary.RootElement.GetProperty("metrics").GetProperty("outage_failed_rate").GetProperty("mean").GetDouble(), Is.EqualTo(1920.0 / 2220).Within(0.02));
            Assert.That(File.ReadAllText(Path.Combine(outDir, "report.html")), Does.Contain("During outages"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void PlanCommand_ZoneLoss_JudgedOnTheWindowAndReportedApart()
    {
        // Given 20 calls/s of 100 ms calls over two zones for an hour (see ScenarioSweepTests)
        string dir = TempDir();
        try
        {
            string file = Path.Combine(dir, "plan.yaml");
            File.WriteAllText(file, """
                name: plan-window
                seed: 7
                horizon: 1h
                warmup: 0s
                replications: 3
                service: { base: 100ms, per_megapixel: 0ms, per_megabyte: 0ms, distribution: deterministic }
                images:
                  - { width: 100, height: 100, size: 0.01MB }
                traffic:
                  - { name: line, pattern: poisson, rate: 20/s }
                deployment:
                  zones: [z1, z2]
                  min_units: 1
                  queue_per_unit: 8
                  unit_start: 3m
                autoscaling:
                  scale_in_cooldown: 10m
                billing:
                  price_per_unit_hour: 4
                slo:
                  latency_p99: 600ms
                  max_failed: 0.1%
                """);
            string outDir = Path.Combine(dir, "out");

            // When
            var (code, stdout, err) = Cli("plan", file, "--json", "--quiet", "--parallel", "2", "--min-replications", "3", "--units-limit", "8", "--zone-loss", "--out", outDir);

            // Then: the window is stated, every zone-loss check is on an outage_* measure, every base check on the whole run
            Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + stdout);
            using JsonDocument plan = JsonDocument.Parse(stdout);
            JsonElement window = plan.RootElement.GetProperty("zone_loss_window");
            Assert.That(window.GetProperty("recovery_s").GetDouble(), Is.EqualTo(180 + 600));
            Assert.That(window.GetProperty("outage_s").GetDouble(), Is.EqualTo(3600));
            foreach (JsonElement check in plan.RootElement.GetProperty("answer").GetProperty("checks").EnumerateArray())
            {
                string measure = check.GetProperty("measure").GetString()!;
                bool loss = check.GetProperty("case").GetString()!.StartsWith("zone_loss:", StringComparison.Ordinal);
                Assert.That(measure.StartsWith(MeasureNames.OutagePrefix, StringComparison.Ordinal), Is.EqualTo(loss), measure);
            }

            // and plan.csv has the zone-loss bounds beside the whole-horizon ones
            string[] csv = File.ReadAllLines(Path.Combine(outDir, "plan.csv"));
            string[] header = csv[0].Split(',');
            string[] answer = csv.Skip(1).Select(l => l.Split(',')).Single(r => r[1] == "answer");
            double Cell(string column) => double.Parse(answer[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);
            Assert.That(Cell("failed_rate_upper"), Is.LessThanOrEqualTo(0.001));
            Assert.That(Cell("zone_loss_failed_rate_upper"), Is.LessThanOrEqualTo(0.001));
            Assert.That(Cell("zone_loss_latency_p99_s_upper"), Is.LessThanOrEqualTo(0.6));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
