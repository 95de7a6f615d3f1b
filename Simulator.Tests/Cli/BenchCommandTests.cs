using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Experiments.Bench;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Cli;

/// <summary>The bench command's shape, its simulation results and its verdict logic; never its speed or memory figures.</summary>
public sealed class BenchCommandTests
{
    private static string Steady => Path.Combine(LayeringTests.RepositoryRoot(), "samples", "steady.yaml");

    [Test]
    public void BenchKernel_Json_ReportsEveryFieldErlangCAndTargets()
    {
        // When
        (int code, string stdout, string stderr) = Bench("kernel", "--customers", "400000", "--pairs", "2", "--json");

        // Then
        Assert.That(code, Is.Zero, stderr);
        JsonElement k = JsonDocument.Parse(stdout).RootElement.GetProperty("kernel");
        foreach (string key in new[] { "customers", "pairs", "customers_per_s", "customers_per_s_runs", "events_per_s", "alloc_bytes_per_customer", "wq_s", "wq_theory_s", "floor_customers_per_s", "floor_customers_per_s_runs", "ratio_to_floor", "ratio_to_floor_runs", "ratio_to_floor_min", "ratio_to_floor_max", "ratio_to_floor_cpu", "floor_wq_s", "lean_customers_per_s", "lean_floor_customers_per_s", "lean_ratio_to_floor", "lean_ratio_to_floor_runs", "lean_ratio_to_floor_cpu", "lean_wq_s", "lean_floor_wq_s" })
        {
            Assert.That(k.TryGetProperty(key, out _), Is.True, key);
        }

        Assert.That(k.GetProperty("pairs").GetInt32(), Is.EqualTo(2));
        double[] ratios = [.. k.GetProperty("ratio_to_floor_runs").EnumerateArray().Select(r => r.GetDouble())];
        Assert.That(ratios, Has.Length.EqualTo(2).And.All.GreaterThan(0));
        Assert.That(k.GetProperty("ratio_to_floor").GetDouble(), Is.EqualTo(ratios.Average()).Within(0.0015), "median of two pairs");
        Assert.That(k.GetProperty("customers_per_s_runs").GetArrayLength(), Is.EqualTo(2));

        Assert.That(k.GetProperty("wq_theory_s").GetDouble(), Is.EqualTo(1.525).Within(0.001));
        Assert.That(k.GetProperty("wq_s").GetDouble(), Is.EqualTo(1.525).Within(0.2), "400k customers: Wq within a loose band of Erlang C");
        foreach (string other in new[] { "floor_wq_s", "lean_wq_s", "lean_floor_wq_s" })
        {
            Assert.That(k.GetProperty(other).GetDouble(), Is.EqualTo(k.GetProperty("wq_s").GetDouble()), $"{other}: the same seed, the same sample path");
        }

        double[] leanRatios = [.. k.GetProperty("lean_ratio_to_floor_runs").EnumerateArray().Select(r => r.GetDouble())];
        Assert.That(leanRatios, Has.Length.EqualTo(2).And.All.GreaterThan(0));
        Assert.That(k.GetProperty("lean_ratio_to_floor").GetDouble(), Is.EqualTo(leanRatios.Average()).Within(0.0015), "median of two lean pairs");
        Assert.That(k.GetProperty("alloc_bytes_per_customer").GetDouble(), Is.LessThan(16));
        string[] names = [.. k.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];
        Assert.That(names, Is.EqualTo(new[] { "customers_per_s", "alloc_bytes_per_customer", "ratio_to_floor" }));
        AssertTargetShape(k.GetProperty("targets"), expectMeasured: true);
    }

    [Test]
    public void BenchModel_ShortHorizons_JsonHasEveryPartAndTarget()
    {
        // Given: the steady sample at 2 h, and 6 h for the long memory probe (bench.yaml's week is too long for a unit test)
        // When
        (int code, string stdout, string stderr) = Bench(
            "model", "--scenario", Steady, "--horizon", "2h", "--long-horizon", "6h", "--runs", "2", "--replications", "2", "--customers", "200000", "--json");

        // Then: every key, two runs, both memory children ran, scaling timed
        Assert.That(code, Is.Zero, stderr);
        JsonElement m = JsonDocument.Parse(stdout).RootElement.GetProperty("model");
        foreach (string key in new[] { "scenario", "horizon_s", "requests", "requests_per_s", "events_per_s", "peak_working_set_mb", "alloc_bytes_per_request", "requests_per_s_runs", "floor_customers_per_s", "floor_customers_per_s_runs", "floor_ratio", "floor_ratio_runs", "floor_ratio_cpu", "floor_ratio_cpu_runs", "memory", "scaling", "targets" })
        {
            Assert.That(m.TryGetProperty(key, out _), Is.True, key);
        }

        Assert.That(m.GetProperty("scenario").GetString(), Is.EqualTo("steady"));
        Assert.That(m.GetProperty("horizon_s").GetDouble(), Is.EqualTo(7200));
        Assert.That(m.GetProperty("requests").GetInt64(), Is.GreaterThan(1000));
        JsonElement[] runs = [.. m.GetProperty("requests_per_s_runs").EnumerateArray()];
        Assert.That(runs, Has.Length.EqualTo(2));
        Assert.That(runs.Select(r => r.GetDouble()), Is.All.GreaterThan(0));
        double[] floor = [.. m.GetProperty("floor_customers_per_s_runs").EnumerateArray().Select(r => r.GetDouble())];
        double[] ratios = [.. m.GetProperty("floor_ratio_runs").EnumerateArray().Select(r => r.GetDouble())];
        Assert.That(floor, Has.Length.EqualTo(2).And.All.GreaterThan(0), "one bare-loop run before each model run");
        for (int i = 0; i < 2; i++)
        {
            Assert.That(ratios[i], Is.EqualTo(runs[i].GetDouble() / floor[i]).Within(0.002), "each run's ratio is its requests/s over the loop timed with it");
        }

        Assert.That(m.GetProperty("floor_ratio").GetDouble(), Is.EqualTo((ratios[0] + ratios[1]) / 2).Within(0.002), "the judged ratio is the median of the runs'");
        Assert.That(m.GetProperty("floor_ratio_cpu_runs").EnumerateArray().Select(r => r.GetDouble()), Has.Exactly(2).GreaterThan(0));
        Assert.That(m.GetProperty("alloc_bytes_per_request").GetDouble(), Is.GreaterThanOrEqualTo(0));

        JsonElement mem = m.GetProperty("memory");
        Assert.That(mem.GetProperty("horizon_s").GetDouble(), Is.EqualTo(7200));
        Assert.That(mem.GetProperty("long_horizon_s").GetDouble(), Is.EqualTo(6 * 3600));
        Assert.That(mem.GetProperty("peak_working_set_mb").GetDouble(), Is.GreaterThan(0));
        Assert.That(mem.GetProperty("long_peak_working_set_mb").GetDouble(), Is.GreaterThan(0));
        Assert.That(mem.GetProperty("requests").GetInt64(), Is.EqualTo(m.GetProperty("requests").GetInt64()), "the short child ran the same replication as the speed runs");
        Assert.That(mem.GetProperty("long_requests").GetInt64(), Is.GreaterThan(mem.GetProperty("requests").GetInt64()));
        Assert.That(mem.GetProperty("ratio").GetDouble(), Is.GreaterThan(0));

        JsonElement sc = m.GetProperty("scaling");
        Assert.That(sc.GetProperty("replications").GetInt32(), Is.EqualTo(2));
        Assert.That(sc.GetProperty("threads").GetInt32(), Is.EqualTo(Math.Min(2, Environment.ProcessorCount)));
        Assert.That(sc.GetProperty("seconds_one_thread").GetDouble(), Is.GreaterThan(0));
        if (Environment.ProcessorCount >= 2)
        {
            Assert.That(sc.GetProperty("seconds_parallel").GetDouble(), Is.GreaterThan(0));
            Assert.That(sc.GetProperty("speedup").GetDouble(), Is.GreaterThan(0));
        }

        string[] names = [.. m.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];
        Assert.That(names, Is.EqualTo(BenchTargets.Model.Select(t => t.Name)));
        AssertTargetShape(m.GetProperty("targets"), expectMeasured: false);
        Assert.That(stderr, Does.Contain("run 2/2"));

        // And: a 2 h run is not judged against targets meant for the reference week; the 6 h peak is
        JsonElement[] targets = [.. m.GetProperty("targets").EnumerateArray()];
        foreach (JsonElement t in targets)
        {
            bool week = BenchTargets.ForReferenceWeek.Any(w => w.Name == t.GetProperty("name").GetString());
            Assert.That(t.GetProperty("not_judged").ValueKind, Is.EqualTo(week ? JsonValueKind.String : JsonValueKind.Null), t.GetProperty("name").GetString());
            if (week)
            {
                Assert.That(t.GetProperty("met").ValueKind, Is.EqualTo(JsonValueKind.Null));
                Assert.That(t.GetProperty("not_judged").GetString(), Is.EqualTo("horizon too short"));
            }
            else
            {
                Assert.That(t.GetProperty("met").ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False));
            }
        }
    }

    [Test]
    public void BenchModel_SkipMemoryAndScaling_TableWithNotMeasuredTargets()
    {
        // When
        (int code, string stdout, string stderr) = Bench("model", "--scenario", Steady, "--horizon", "1h", "--runs", "1", "--customers", "100000", "--skip", "memory,scaling");

        // Then: a table with the judged speed and the skipped parts as n/a, no child ran
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("measure").And.Contain("target").And.Contain("verdict"));
        Assert.That(stdout, Does.Match(@"floor_ratio\s+[\d.]+\s+≥ 0\.3 ×\s+n/a: horizon too short"));
        Assert.That(stdout, Does.Match(@"requests_per_s\s+[\d,]+\s+median"));
        Assert.That(stdout, Does.Match(@"floor_customers_per_s\s+[\d,]+\s+bare M/M/5"));
        Assert.That(stdout, Does.Not.Contain("NOT met"), "a 1 h run is not judged against a target meant for a week");
        Assert.That(stdout, Does.Match(@"memory\.ratio\s+—\s+≤ 1\.2 ×\s+n/a\s+skipped"));
        Assert.That(stdout, Does.Match(@"scaling\.speedup\s+—\s+≥ 1\.8 ×\s+n/a\s+skipped"));
        Assert.That(stderr, Does.Not.Contain("fresh process").And.Not.Contain("scaling"));
    }

    [Test]
    public void BenchModel_SkipJson_SkippedPartsAreNullAndNotJudged()
    {
        // When
        (int code, string stdout, string stderr) = Bench("model", "--scenario", Steady, "--horizon", "1h", "--runs", "1", "--customers", "100000", "--skip", "memory", "--skip", "scaling", "--json", "--check");

        // Then
        Assert.That(code, Is.AnyOf(ExitCodes.Ok, ExitCodes.CheckFailed), stderr);
        JsonElement m = JsonDocument.Parse(stdout).RootElement.GetProperty("model");
        Assert.That(m.GetProperty("memory").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(m.GetProperty("scaling").ValueKind, Is.EqualTo(JsonValueKind.Null));
        JsonElement[] targets = [.. m.GetProperty("targets").EnumerateArray()];
        Assert.That(targets.Select(t => t.GetProperty("met").ValueKind), Is.All.EqualTo(JsonValueKind.Null));
        Assert.That(targets[0].GetProperty("value").GetDouble(), Is.GreaterThan(0), "the speed is measured and shown");
        Assert.That(targets[0].GetProperty("not_judged").GetString(), Is.EqualTo("horizon too short"));
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), "--check fails only on a judged figure; at 1 h none is");
    }

    [TestCase(BenchComparison.AtLeast, 3.0, 3.0, true)]
    [TestCase(BenchComparison.AtLeast, 2.9, 3.0, false)]
    [TestCase(BenchComparison.AtMost, 200.0, 200.0, true)]
    [TestCase(BenchComparison.AtMost, 200.1, 200.0, false)]
    public void Judge_MadeUpFigure_MetOnTheRightSideOfTheBound(BenchComparison comparison, double value, double bound, bool met)
    {
        // Given
        var target = new BenchTarget("x", "u", comparison, bound);

        // When
        TargetVerdict v = target.Judge(value);

        // Then
        Assert.That(v.Met, Is.EqualTo(met));
        Assert.That(v.Label, Is.EqualTo(met ? "met" : "NOT met"));
        Assert.That(v.Value, Is.EqualTo(value));
    }

    [Test]
    public void Judge_NotMeasured_IsNotApplicable()
    {
        Assert.That(BenchTargets.ModelSpeedup.Judge(null).Label, Is.EqualTo("n/a"));
        Assert.That(BenchTargets.ModelSpeedup.Judge(double.NaN).Met, Is.Null);
        Assert.That(BenchTargets.ModelSpeedup.Judge(double.NaN).Value, Is.Null);
    }

    [Test]
    public void JudgeModel_SixHours_WeekTargetsNotJudgedLongPeakJudged()
    {
        // Given a 6 h run, slower than the target, and a 30 d probe over its memory bound
        var speed = new ModelSpeedResult("bench", 6 * 3600, 500_000, [1e6], [3e6], [10e6], 70, 0.1);
        var memory = new ModelMemoryResult(new MemoryProbeResult("bench", 6 * 3600, 500_000, 60), new MemoryProbeResult("bench", 2_592_000, 51_000_000, 250));
        var scaling = new ModelScalingResult(4, 2, 16, 8);

        // When
        IReadOnlyList<TargetVerdict> v = BenchTargets.Judge(new ModelBenchResult(speed, memory, scaling));

        // Then
        Assert.That(v.Select(x => x.Label), Is.EqualTo(new[] { "n/a: horizon too short", "n/a: horizon too short", "NOT met", "n/a: horizon too short", "n/a: horizon too short" }));
        Assert.That(v[0].Value, Is.EqualTo(0.1).Within(1e-9), "the figure is still shown");
        Assert.That(BenchCommand.ExitCode(v.Where(x => x.Target != BenchTargets.ModelLongPeakWorkingSetMb), check: true), Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public void JudgeModel_MadeUpFigures_VerdictPerTargetAndCheckExitCode()
    {
        // Given: fast enough (run ratios 0.32, 0.31, 0.29 to the loop), too much memory at the long horizon, one core (no speed-up)
        var speed = new ModelSpeedResult("bench", 604_800, 12_000_000, [3.2e6, 3.1e6, 2.9e6], [9e6, 9e6, 9e6], [10e6, 10e6, 10e6], 70, 0.1);
        var memory = new ModelMemoryResult(new MemoryProbeResult("bench", 604_800, 12_000_000, 100), new MemoryProbeResult("bench", 2_592_000, 51_000_000, 150));
        var scaling = new ModelScalingResult(4, 1, 16, null);

        // When
        IReadOnlyList<TargetVerdict> v = BenchTargets.Judge(new ModelBenchResult(speed, memory, scaling));

        // Then: median ratio 0.31 met; 100 and 150 MB met; ratio 1.5 not; speed-up n/a
        Assert.That(v.Select(x => x.Label), Is.EqualTo(new[] { "met", "met", "met", "NOT met", "n/a" }));
        Assert.That(v[0].Value, Is.EqualTo(0.31).Within(1e-12));
        Assert.That(v[3].Value, Is.EqualTo(1.5));
        Assert.That(BenchCommand.ExitCode(v, check: true), Is.EqualTo(ExitCodes.CheckFailed));
        Assert.That(BenchCommand.ExitCode(v, check: false), Is.EqualTo(ExitCodes.Ok), "bench is a measurement unless --check");
        Assert.That(BenchCommand.ExitCode(v.Where(x => x.Met != false), check: true), Is.EqualTo(ExitCodes.Ok), "n/a does not fail --check");
    }

    [Test]
    public void FloorRatio_MadeUpRuns_MedianOfEachRunOverTheLoopTimedWithIt()
    {
        // Given: the machine slows down in run 2; each ratio pairs a model run with the loop run just before it
        var speed = new ModelSpeedResult("bench", 604_800, 12_000_000, [3.0e6, 1.5e6, 2.8e6], [6e6, 3e6, 5.6e6], [10e6, 5e6, 10e6], 70, 0.1);

        // Then: ratios 0.30, 0.30, 0.28 → median 0.30, met; the median of the speeds alone would give 2.8/10
        Assert.That(speed.FloorRatioRuns, Is.EqualTo(new[] { 0.30, 0.30, 0.28 }).Within(1e-12));
        Assert.That(speed.FloorRatio, Is.EqualTo(0.30).Within(1e-12));
        Assert.That(BenchTargets.ModelFloorRatio.Judge(speed.FloorRatio).Label, Is.EqualTo("met"));
        Assert.That(BenchTargets.ModelFloorRatio.Judge(0.29).Label, Is.EqualTo("NOT met"));
    }

    [Test]
    public void Scaling_MadeUpTimes_SpeedupIsOneThreadOverParallel()
    {
        Assert.That(new ModelScalingResult(4, 2, 10, 5.5).Speedup, Is.EqualTo(10 / 5.5).Within(1e-12));
        Assert.That(new ModelScalingResult(4, 1, 10, null).Speedup, Is.Null);
    }

    [Test]
    public void Median_OddAndEvenCounts()
    {
        Assert.That(ModelBenchmark.Median([3, 1, 2]), Is.EqualTo(2));
        Assert.That(ModelBenchmark.Median([4, 1, 3, 2]), Is.EqualTo(2.5));
        Assert.That(ModelBenchmark.Median([7]), Is.EqualTo(7));
    }

    [TestCase("--runs", "0")]
    [TestCase("--replications", "0")]
    [TestCase("--skip", "speed")]
    [TestCase("--long-horizon", "1h")]
    [TestCase("--horizon", "soon")]
    public void BenchModel_BadOption_Exit2NamingIt(string option, string value)
    {
        // When
        (int code, _, string stderr) = Bench("model", "--scenario", Steady, "--horizon", "2h", option, value);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr, Does.Contain(option));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void BenchKernel_NoPairs_Exit2()
    {
        (int code, _, string stderr) = Bench("kernel", "--pairs", "0");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr, Does.Contain("--pairs"));
    }

    [Test]
    public void Bench_TooFewCustomers_Exit2()
    {
        (int code, _, string stderr) = Bench("kernel", "--customers", "10");
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr, Does.Contain("--customers"));
    }

    [Test]
    public void MemoryProbe_ChildFails_ClearErrorWithItsStderrAndNoStackTrace()
    {
        // Given: a scenario path the child cannot read
        string missing = Path.Combine(Path.GetTempPath(), "lookoutsim-no-such-dir", "nothing.yaml");

        // When
        UsageException? ex = Assert.Throws<UsageException>(() => BenchMemoryProbe.RunChild(missing, "1h"));

        // Then: the message says which probe failed and carries the child's own error
        Assert.That(ex!.Message, Does.Contain("memory probe").And.Contain("nothing.yaml").And.Contain("not found"));
        Assert.That(ex.Message, Does.Not.Contain(" at LookoutSim"));
    }

    [Test]
    public void MemoryProbe_InProcess_PrintsJsonAndIsHiddenFromHelp()
    {
        // When
        (int code, string stdout, string stderr) = Bench("memory-probe", "--scenario", Steady, "--horizon", "1h");
        (_, string help, _) = Bench("--help");

        // Then
        Assert.That(code, Is.Zero, stderr);
        JsonElement r = JsonDocument.Parse(stdout).RootElement;
        Assert.That(r.GetProperty("horizon_s").GetDouble(), Is.EqualTo(3600));
        Assert.That(r.GetProperty("requests").GetInt64(), Is.GreaterThan(0));
        Assert.That(r.GetProperty("peak_working_set_mb").GetDouble(), Is.GreaterThan(0));
        Assert.That(help, Does.Contain("--check").And.Not.Contain("memory-probe"));
    }

    private static void AssertTargetShape(JsonElement targets, bool expectMeasured)
    {
        foreach (JsonElement t in targets.EnumerateArray())
        {
            foreach (string key in new[] { "name", "unit", "value", "bound", "comparison", "met" })
            {
                Assert.That(t.TryGetProperty(key, out _), Is.True, key);
            }

            Assert.That(t.GetProperty("comparison").GetString(), Is.AnyOf("at_least", "at_most"));
            if (expectMeasured)
            {
                Assert.That(t.GetProperty("met").ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False), t.GetProperty("name").GetString());
            }
        }
    }

    [Test]
    public void BenchPlan_ShortScenario_AnswersAsPlanDoesAndJudgesTheFastestRun()
    {
        // Given: what plan itself answers for a small scenario with two zones
        string file = Path.Combine(LayeringTests.RepositoryRoot(), "samples", "spec-example.yaml");
        string outDir = Path.Combine(Path.GetTempPath(), $"lookoutsim-benchplan-test-{Environment.ProcessId}");
        (int planCode, string planJson, _) = Support.CliRun.Run("plan", file, "--set", "horizon=2h", "--json", "--quiet", "--out", outDir, "--force");
        Directory.Delete(outDir, recursive: true);
        Assert.That(planCode, Is.AnyOf(ExitCodes.Ok, ExitCodes.CheckFailed));

        // When: bench plan on a copy with the same horizon, two runs, zone loss skipped
        string copy = Path.Combine(Path.GetTempPath(), $"lookoutsim-benchplan-test-{Environment.ProcessId}.yaml");
        File.WriteAllText(copy, File.ReadAllText(file).Replace("horizon: ", "horizon: 2h # was ", StringComparison.Ordinal));
        (int code, string stdout, string stderr) = Bench("plan", "--scenario", copy, "--runs", "2", "--skip", "zone-loss", "--json");
        File.Delete(copy);

        // Then: the same answer; two runs whose fastest is judged, with how each search used its workers; the zone-loss case not measured
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr);
        JsonElement plan = JsonDocument.Parse(stdout).RootElement.GetProperty("plan");
        JsonElement answer = JsonDocument.Parse(planJson).RootElement.GetProperty("answer");
        Assert.That(plan.GetProperty("base").GetProperty("answer").GetString(), Does.StartWith($"min_units {answer.GetProperty("min_units").GetInt32()}, max_units {answer.GetProperty("max_units").GetInt32()},"));
        double[] runs = [.. plan.GetProperty("base").GetProperty("wall_s_runs").EnumerateArray().Select(r => r.GetDouble())];
        Assert.That(runs, Has.Length.EqualTo(2));
        Assert.That(plan.GetProperty("base").GetProperty("wall_s").GetDouble(), Is.EqualTo(runs.Min()));
        Assert.That(plan.GetProperty("zone_loss").ValueKind, Is.EqualTo(JsonValueKind.Null));
        string[] search = [.. plan.GetProperty("base").GetProperty("search").EnumerateArray().Select(r => r.GetString()!)];
        Assert.That(search, Has.Length.EqualTo(2).And.All.Match(@"^[1-9][0-9]* replications on [0-9]+ workers in [0-9.]+ s, [0-9]+ run ahead \([0-9]+ used\); workers busy [0-9]+%"),
            "each run's search line, as plan prints it");
        JsonElement[] targets = [.. plan.GetProperty("targets").EnumerateArray()];
        Assert.That(targets.Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "plan.wall_s", "plan_zone_loss.wall_s" }));
        Assert.That(targets[0].GetProperty("bound").GetDouble(), Is.EqualTo(25));
        Assert.That(targets[1].GetProperty("met").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    private static (int Code, string Stdout, string Stderr) Bench(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CommandLine.Run(["bench", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
