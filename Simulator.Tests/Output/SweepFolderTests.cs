using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Output;
using LookoutSim.Tests.Experiments;

namespace LookoutSim.Tests.Output;

public sealed class SweepFolderTests
{
    /// <summary>Plan options that keep the search small.</summary>
    private static readonly string[] SmallPlan = ["--min-replications", "3", "--units-limit", "8", "--parallel", "2"];

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Test]
    public void Sweep_Cli_WritesSweepCsvPointsAndChartsAndNoTempFolder()
    {
        // Given
        string folder = SweepTestSupport.TempFolder("sweep");
        string spec = SweepTestSupport.SweepScenario(folder, replications: 3);
        string outDir = Path.Combine(folder, "out");

        // When
        (int code, _, string err) = Cli("sweep", spec, "--out", outDir, "--parallel", "2");

        // Then
        Assert.That(code, Is.EqualTo(0), err);
        string[] rows = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        Assert.That(rows, Has.Length.EqualTo(9));
        string[] ids = [.. rows.Skip(1).Select(r => r.Split(',')[0])];
        Assert.That(Directory.GetDirectories(Path.Combine(outDir, "points")).Select(Path.GetFileName), Is.EquivalentTo(ids));
        Assert.That(File.Exists(Path.Combine(outDir, "points", ids[3], "summary.csv")), Is.True);
        Assert.That(File.ReadAllLines(Path.Combine(outDir, "points", ids[3], "replications.csv")), Has.Length.EqualTo(4));
        string plots = Path.Combine(outDir, "plots");
        foreach (string chart in new[] { "pareto", "pareto-availability", "sweep-deployment.min_units-cost", "sweep-autoscaling.target-latency_p99_s" })
        {
            Assert.That(new FileInfo(Path.Combine(plots, chart + ".png")).Length, Is.GreaterThan(10_000), chart);
            Assert.That(File.ReadAllText(Path.Combine(plots, chart + ".svg")), Does.Contain("<svg").And.Contain("</svg>"), chart);
        }

        Assert.That(File.Exists(Path.Combine(outDir, "shard.json")), Is.False, "a whole sweep is not a shard");
        Assert.That(Directory.GetDirectories(folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "out" }), "no temporary folder left");
        Assert.That(err, Is.Empty.Or.Contain("100%"), "progress: nothing within the first second, else it ends at 100%");
    }

    [Test]
    public void Sweep_ExistingFolderWithoutForce_Exit2AndUntouched()
    {
        // Given
        string folder = SweepTestSupport.TempFolder("exists");
        string spec = SweepTestSupport.SweepScenario(folder, replications: 2);
        string outDir = Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;
        File.WriteAllText(Path.Combine(outDir, "mine.txt"), "keep");

        // When
        (int code, _, string err) = Cli("sweep", spec, "--out", outDir, "--quiet");

        // Then
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--force"));
        Assert.That(Directory.GetFiles(outDir).Select(Path.GetFileName), Is.EqualTo(new[] { "mine.txt" }));

        // And with --force it is still refused: mine.txt is not LookoutSim's
        (code, _, err) = Cli("sweep", spec, "--out", outDir, "--quiet", "--force");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("mine.txt"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "mine.txt")), Is.EqualTo("keep"));

        // And once it is only LookoutSim's folder, --force replaces it
        File.Delete(Path.Combine(outDir, "mine.txt"));
        Assert.That(Cli("sweep", spec, "--out", outDir, "--quiet").Code, Is.EqualTo(2));
        Assert.That(Cli("sweep", spec, "--out", outDir, "--quiet", "--force").Code, Is.EqualTo(0));
        Assert.That(Cli("sweep", spec, "--out", outDir, "--quiet", "--force").Code, Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(outDir, "sweep.csv")), Is.True);
    }

    [Test]
    public void Write_EvaluatorFails_LeavesNothingBehind()
    {
        // Given the real model of a small sweep, failing on the fifth point
        string folder = SweepTestSupport.TempFolder("fail");
        string spec = SweepTestSupport.SweepScenario(SweepTestSupport.TempFolder("fail-spec"), replications: 2);
        SweepSetup setup = ScenarioSweep.Resolve(spec, new SweepOverrides(null, null, []));
        string fifth = setup.Definition.Points[4].Id;
        var failing = new SweepModel
        {
            Evaluate = (p, r, ct) => p.Id == fifth ? throw new InvalidOperationException("model failed") : setup.Model.Evaluate(p, r, ct),
            Summarize = setup.Model.Summarize,
            BuildRunResult = setup.Model.BuildRunResult,
        };

        // When
        Assert.Throws<InvalidOperationException>(() =>
        {
            using SweepFolderWriter writer = SweepFolder.Begin(setup.Definition, Path.Combine(folder, "out"), new SweepWriteOptions());
            SweepTable table = SweepRunner.Run(setup.Definition, failing, [.. Enumerable.Range(0, setup.Definition.Points.Count)], 2,
                (_, point, run) => writer.WritePoint(point, run), null, CancellationToken.None);
            writer.Complete(table, CancellationToken.None);
        });

        // Then
        Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty);
    }

    [Test]
    public void Sweep_BadShard_Exit2()
    {
        string folder = SweepTestSupport.TempFolder("badshard");
        string spec = SweepTestSupport.SweepScenario(folder, replications: 2);
        (int code, _, string err) = Cli("sweep", spec, "--out", Path.Combine(folder, "o"), "--shard", "4/3");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("1-based").Or.Contain("outside"));
    }

    [Test]
    public void Plan_Cli_PrintsAnswerNaiveAndWritesPlanCsvAndChart()
    {
        // Given 20 calls/s of deterministic 100 ms calls: 10 calls/s per unit, 2 units naive, 3 at the peak
        string folder = SweepTestSupport.TempFolder("plan");
        string spec = SweepTestSupport.PlanScenarioFile(folder);
        string outDir = Path.Combine(folder, "plan");

        // When
        (int code, string stdout, string err) = Cli(["plan", spec, "--out", outDir, "--quiet", .. SmallPlan]);

        // Then
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(stdout, Does.Match(@"answer:     min_units \d+, max_units 3"));
        Assert.That(stdout, Does.Contain("naive:      ceil(20 calls/s ÷ 10 calls/s per unit) = 2 units fixed"));
        Assert.That(stdout, Does.Contain("cheaper candidates and why they fail:"));
        string[] csv = File.ReadAllLines(Path.Combine(outDir, "plan.csv"));
        Assert.That(csv[0], Is.EqualTo(SweepPlanFolder.Header));
        Assert.That(csv.Skip(1).Count(l => l.Split(',')[1] == "answer"), Is.EqualTo(1));
        Assert.That(new FileInfo(Path.Combine(outDir, "plots", "plan.png")).Length, Is.GreaterThan(10_000));
        Assert.That(File.Exists(Path.Combine(outDir, "plots", "plan.svg")), Is.True);
    }

    [Test]
    public void Plan_Cli_NothingFeasible_Exit1()
    {
        // Given a p99 target below the 100 ms service time itself
        string folder = SweepTestSupport.TempFolder("plan1");
        string spec = SweepTestSupport.PlanScenarioFile(folder, "z1", ("latency_p99: 600ms", "latency_p99: 50ms"));
        (int code, string stdout, _) = Cli(["plan", spec, "--out", Path.Combine(folder, "plan"), "--quiet", .. SmallPlan]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("answer:     none"));
    }

    [Test]
    public void Plan_Cli_Json_GivesTheAnswerAsAnObject()
    {
        string folder = SweepTestSupport.TempFolder("planjson");
        string spec = SweepTestSupport.PlanScenarioFile(folder);
        (int code, string stdout, string err) = Cli(["plan", spec, "--out", Path.Combine(folder, "plan"), "--quiet", "--json", .. SmallPlan]);
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        System.Text.Json.JsonElement answer = doc.RootElement.GetProperty("answer");
        Assert.That(answer.GetProperty("max_units").GetInt32(), Is.EqualTo(3));
        Assert.That(answer.GetProperty("min_units").GetInt32(), Is.InRange(1, 3));
        Assert.That(doc.RootElement.GetProperty("naive").GetProperty("feasible").GetBoolean(), Is.False);
    }
}
