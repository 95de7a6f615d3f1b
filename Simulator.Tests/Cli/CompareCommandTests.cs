using LookoutSim.Cli;

namespace LookoutSim.Tests.Cli;

public sealed class CompareCommandTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lookoutsim-compare-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Sub(string name) => Path.Combine(_dir, name);

    private static (int Exit, string Out, string Err) Run(params string[] args) => Support.CliRun.Run(args);

    private static string Row(string output, string measure) =>
        output.Split('\n').Single(l => l.StartsWith(measure + " ", StringComparison.Ordinal));

    [Test]
    public void Compare_IdenticalRuns_ExitZeroEveryMeasureOk()
    {
        // Given the same run twice
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), CompareFixtures.TenUnits());

        // When
        (int exit, string output, string err) = Run("compare", a, b);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), err);
        Assert.That(output, Does.Contain("result: no regression"));
        Assert.That(output, Does.Not.Contain("REGRESSED"));
        Assert.That(Row(output, "cost"), Does.EndWith(" ok"));
        Assert.That(output, Does.Contain("line-3-weekday, seed 7, 10 replications"));
    }

    [Test]
    [SetCulture("de-DE")]
    public void Compare_OneMoreUnit_CostRegressedExitOne()
    {
        // Given a baseline on 10 units and a current run billing 11 (cost +10%, deterministic)
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), CompareFixtures.ElevenUnits());

        // When
        (int exit, string output, _) = Run("compare", a, b);

        // Then cost regressed, the faster service is an improvement, utilization only changed
        Assert.That(exit, Is.EqualTo(ExitCodes.CheckFailed));
        Assert.Multiple(() =>
        {
            Assert.That(Row(output, "cost"), Does.Contain("6,720 [6,720, 6,720]").And.Contain("+10.0%").And.EndWith("REGRESSED"));
            Assert.That(Row(output, "unit_hours"), Does.EndWith("REGRESSED"));
            Assert.That(Row(output, "wait_mean_s"), Does.EndWith("improved"));
            Assert.That(Row(output, "utilization"), Does.EndWith("changed"));
            Assert.That(Row(output, "availability"), Does.EndWith("ok"));
            Assert.That(output, Does.Contain("result: 3 regressions: unit_hours, cost, cost_per_1000_images"));
        });
    }

    [Test]
    public void Compare_OneMoreUnitWithLooseCostTolerance_Passes()
    {
        // Given +10% cost accepted by --tolerance 15% for every measure
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), CompareFixtures.ElevenUnits());

        // When
        (int exit, string output, _) = Run("compare", a, b, "--tolerance", "15%");

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), output);
    }

    [Test]
    public void Compare_PerMeasureTolerance_AppliesToThatMeasureOnly()
    {
        // Given cost and unit-hours +10%; only cost gets 15%
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), CompareFixtures.ElevenUnits());

        // When
        (int exit, string output, _) = Run("compare", a, b, "--tolerance", "cost=15%", "--tolerance", "cost_per_1000_images=15%");

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.CheckFailed));
        Assert.That(Row(output, "cost"), Does.Contain("15%").And.EndWith("ok"));
        Assert.That(Row(output, "unit_hours"), Does.EndWith("REGRESSED"));
    }

    [Test]
    public void Compare_RunsDifferingOnlyBySeed_NotFlagged()
    {
        // Given the same configuration with another seed (and another machine's wall time)
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), CompareFixtures.TenUnitsOtherSeed());

        // When
        (int exit, string output, string err) = Run("compare", a, b);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), output + err);
        Assert.That(Row(output, "latency_p999_s"), Does.Contain("+5.83%").And.EndWith("ok"));
        Assert.That(output, Does.Not.Contain("wall_s"));
    }

    [Test]
    public void Compare_Markdown_AppendedWithVerdictsAndTable()
    {
        // Given a summary file that already has content (as $GITHUB_STEP_SUMMARY may)
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), CompareFixtures.ElevenUnits());
        string md = Sub("summary.md");
        File.WriteAllText(md, "# earlier step\n");

        // When
        (int exit, _, _) = Run("compare", a, b, "--markdown", md);

        // Then
        string text = File.ReadAllText(md);
        Assert.That(exit, Is.EqualTo(ExitCodes.CheckFailed));
        Assert.That(text, Does.StartWith("# earlier step\n"));
        Assert.That(text, Does.Contain("### LookoutSim compare: "));
        Assert.That(text, Does.Contain("| cost (currency) | 6,720 [6,720, 6,720] | 7,392 [7,392, 7,392] | +10.0% | 5% | **REGRESSED** |"));
        Assert.That(text, Does.Contain("<details>"));
    }

    [Test]
    public void Compare_Sweeps_AddedAndRemovedPointsReportedRegressedPointFlagged()
    {
        // Given points 2..4 units in the baseline, 3..5 in the current; 3 units lost availability
        string a = CompareFixtures.WriteSweep(Sub("a"),
            [("p1", 2, CompareFixtures.SweepPoint(2)), ("p2", 3, CompareFixtures.SweepPoint(3)), ("p3", 4, CompareFixtures.SweepPoint(4))]);
        string b = CompareFixtures.WriteSweep(Sub("b"),
            [("p2", 3, CompareFixtures.SweepPoint(3, availability: 0.93)), ("p3", 4, CompareFixtures.SweepPoint(4)), ("p4", 5, CompareFixtures.SweepPoint(5))]);
        string md = Sub("summary.md");

        // When
        (int exit, string output, string err) = Run("compare", a, b, "--markdown", md);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.CheckFailed), err);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("points only in the current folder (added; not a regression): p4"));
            Assert.That(output, Does.Contain("points only in the baseline (removed; not a regression): p1"));
            Assert.That(output.Split('\n').Single(l => l.StartsWith("p2 ", StringComparison.Ordinal)), Does.Contain("availability").And.EndWith("REGRESSED"));
            Assert.That(output, Does.Contain("result: 1 regression: availability at point p2"));
            Assert.That(File.ReadAllText(md), Does.Contain("| p2 | availability (ratio) |").And.Contain("added; not a regression"));
        });
    }

    [Test]
    public void Compare_SweepsWithOnlyAddedPoint_ExitZero()
    {
        string a = CompareFixtures.WriteSweep(Sub("a"), [("p1", 2, CompareFixtures.SweepPoint(2))]);
        string b = CompareFixtures.WriteSweep(Sub("b"), [("p1", 2, CompareFixtures.SweepPoint(2)), ("p2", 3, CompareFixtures.SweepPoint(3))]);

        (int exit, string output, _) = Run("compare", a, b, "--all");

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("added; not a regression): p2"));
        Assert.That(output, Does.Contain("p1     cost"));
    }

    [Test]
    public void Compare_MeasureMissingOnOneSide_Reported()
    {
        var fewer = CompareFixtures.TenUnits();
        fewer.Remove("retries");
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), fewer);

        (int exit, string output, _) = Run("compare", a, b);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("measures only in the baseline (not compared): retries"));
    }

    [Test]
    public void Compare_MissingFolder_ExitTwoNamingIt()
    {
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());

        (int exit, _, string err) = Run("compare", a, Sub("nope"));

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(Sub("nope") + ": error: no such folder"));
    }

    [Test]
    public void Compare_FolderWithoutResults_ExitTwo()
    {
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        Directory.CreateDirectory(Sub("empty"));

        (int exit, _, string err) = Run("compare", a, Sub("empty"));

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("not a results folder"));
    }

    [Test]
    public void Compare_MalformedSummary_EveryProblemWithFileAndLine()
    {
        // Given a summary.csv with a non-number on line 3 and a short row on line 5
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        Directory.CreateDirectory(Sub("b"));
        File.WriteAllText(Path.Combine(Sub("b"), "summary.csv"),
            "metric,unit,mean,ci95_low,ci95_high,min,max\n"
            + "cost,currency,6720,6720,6720,6720,6720\n"
            + "availability,ratio,0,999,0.998,1,0.99,1\n"
            + "timeouts,attempts,40,28,52,20,60\n"
            + "retries,attempts,5\n");

        // When
        (int exit, string output, string err) = Run("compare", a, Sub("b"));

        // Then
        string file = Path.Combine(Sub("b"), "summary.csv");
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(output, Is.Empty);
        Assert.That(err, Does.Contain($"{file}:3: error: 8 fields, the header has 7"));
        Assert.That(err, Does.Contain($"{file}:5: error: 3 fields, the header has 7"));
    }

    [Test]
    public void Compare_NonNumberAndMissingColumn_Reported()
    {
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        Directory.CreateDirectory(Sub("b"));
        Directory.CreateDirectory(Sub("c"));
        File.WriteAllText(Path.Combine(Sub("b"), "summary.csv"), "metric,unit,mean,ci95_low,ci95_high,min,max\ncost,currency,lots,1,2,1,2\n");
        File.WriteAllText(Path.Combine(Sub("c"), "summary.csv"), "metric,unit,mean\ncost,currency,1\n");

        (int exitB, _, string errB) = Run("compare", a, Sub("b"));
        (int exitC, _, string errC) = Run("compare", a, Sub("c"));

        Assert.That(exitB, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(errB, Does.Contain("summary.csv:2: error: mean: 'lots' is not a number"));
        Assert.That(exitC, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(errC, Does.Contain("summary.csv:1: error: missing column 'ci95_low'"));
    }

    [Test]
    public void Compare_MalformedSweep_RepeatedPointAndOrphanColumnReported()
    {
        string a = CompareFixtures.WriteSweep(Sub("a"), [("p1", 2, CompareFixtures.SweepPoint(2))]);
        Directory.CreateDirectory(Sub("b"));
        File.WriteAllText(Path.Combine(Sub("b"), "sweep.csv"),
            "point,x,cost_mean,cost_ci95_low,cost_ci95_high,lat_ci95_low\np1,1,2,1,3,0\np1,1,2,1,3,0\n");

        (int exit, _, string err) = Run("compare", a, Sub("b"));

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("sweep.csv:1: error: column 'lat_ci95_low' has no matching '<measure>_mean' column"));
        Assert.That(err, Does.Contain("sweep.csv:3: error: point 'p1' repeated (first on line 2)"));
    }

    [Test]
    public void Compare_RunAgainstSweep_ExitTwo()
    {
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteSweep(Sub("b"), [("p1", 2, CompareFixtures.SweepPoint(2))]);

        (int exit, _, string err) = Run("compare", a, b);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("cannot compare a run folder"));
    }

    [TestCase("5", "ambiguous")]
    [TestCase("cots=1%", "no measure 'cots'")]
    public void Compare_BadTolerance_ExitTwo(string tolerance, string message)
    {
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());

        (int exit, _, string err) = Run("compare", a, a, "--tolerance", tolerance);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(message));
    }

    [Test]
    public void Compare_Json_OneObjectWithVerdicts()
    {
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), CompareFixtures.ElevenUnits());

        (int exit, string output, _) = Run("compare", a, b, "--json");

        Assert.That(exit, Is.EqualTo(ExitCodes.CheckFailed));
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("regressions").GetInt32(), Is.EqualTo(3));
        var cost = root.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetString() == "cost");
        Assert.That(cost.GetProperty("verdict").GetString(), Is.EqualTo("regressed"));
        Assert.That(cost.GetProperty("change").GetDouble(), Is.EqualTo(0.1).Within(1e-12));
        Assert.That(cost.GetProperty("worse").GetString(), Is.EqualTo("higher"));
        Assert.That(cost.GetProperty("current").GetProperty("mean").GetDouble(), Is.EqualTo(7392));
    }
}
