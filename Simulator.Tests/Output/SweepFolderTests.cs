using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Output;
using LookoutSim.Tests.Experiments;

namespace LookoutSim.Tests.Output;

public sealed class SweepFolderTests
{
    private static string Spec(string folder, SweepTestSpec spec)
    {
        string path = Path.Combine(folder, "spec.json");
        File.WriteAllText(path, SweepTestSupport.Json(spec));
        return path;
    }

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
        string spec = Spec(folder, SweepTestSupport.SweepSpec(replications: 3));
        string outDir = Path.Combine(folder, "out");

        // When
        (int code, _, string err) = Cli("sweep", spec, "--test-model", "--out", outDir, "--parallel", "2");

        // Then
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(File.ReadAllLines(Path.Combine(outDir, "sweep.csv")), Has.Length.EqualTo(9));
        Assert.That(Directory.GetDirectories(Path.Combine(outDir, "points")).Select(Path.GetFileName), Is.EquivalentTo(Enumerable.Range(0, 8).Select(i => $"p00{i}")));
        Assert.That(File.Exists(Path.Combine(outDir, "points", "p003", "summary.csv")), Is.True);
        Assert.That(File.ReadAllLines(Path.Combine(outDir, "points", "p003", "replications.csv")), Has.Length.EqualTo(4));
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
        string spec = Spec(folder, SweepTestSupport.SweepSpec(replications: 2));
        string outDir = Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;
        File.WriteAllText(Path.Combine(outDir, "mine.txt"), "keep");

        // When
        (int code, _, string err) = Cli("sweep", spec, "--test-model", "--out", outDir, "--quiet");

        // Then
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--force"));
        Assert.That(Directory.GetFiles(outDir).Select(Path.GetFileName), Is.EqualTo(new[] { "mine.txt" }));

        // And with --force it is still refused: mine.txt is not LookoutSim's
        (code, _, err) = Cli("sweep", spec, "--test-model", "--out", outDir, "--quiet", "--force");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("mine.txt"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "mine.txt")), Is.EqualTo("keep"));

        // And once it is only LookoutSim's folder, --force replaces it
        File.Delete(Path.Combine(outDir, "mine.txt"));
        Assert.That(Cli("sweep", spec, "--test-model", "--out", outDir, "--quiet").Code, Is.EqualTo(2));
        Assert.That(Cli("sweep", spec, "--test-model", "--out", outDir, "--quiet", "--force").Code, Is.EqualTo(0));
        Assert.That(Cli("sweep", spec, "--test-model", "--out", outDir, "--quiet", "--force").Code, Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(outDir, "sweep.csv")), Is.True);
    }

    [Test]
    public void Write_EvaluatorFails_LeavesNothingBehind()
    {
        // Given an evaluator that fails on the fifth point
        string folder = SweepTestSupport.TempFolder("fail");
        var model = new SweepTestModel(SweepTestSupport.SweepSpec(replications: 2));
        var failing = new SweepModel
        {
            Evaluate = (p, r, ct) => p.Id == "p004" ? throw new InvalidOperationException("model failed") : model.Evaluate(p, r, ct),
            Summarize = SweepStatistics.Summarize,
        };

        // When
        Assert.Throws<InvalidOperationException>(() =>
            SweepFolder.Write(model.Definition(), failing, Path.Combine(folder, "out"), new SweepWriteOptions { Parallel = 2 }, CancellationToken.None));

        // Then
        Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty);
    }

    [Test]
    public void Sweep_BadShard_Exit2()
    {
        string folder = SweepTestSupport.TempFolder("badshard");
        string spec = Spec(folder, SweepTestSupport.SweepSpec(replications: 2));
        (int code, _, string err) = Cli("sweep", spec, "--test-model", "--out", Path.Combine(folder, "o"), "--shard", "4/3");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("1-based").Or.Contain("outside"));
    }

    [Test]
    public void Plan_Cli_PrintsAnswerNaiveAndWritesPlanCsvAndChart()
    {
        // Given
        string folder = SweepTestSupport.TempFolder("plan");
        string spec = Spec(folder, SweepTestSupport.PlanSpec());
        string outDir = Path.Combine(folder, "plan");

        // When
        (int code, string stdout, string err) = Cli("plan", spec, "--test-model", "--targets", "50%", "--out", outDir, "--quiet");

        // Then
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(stdout, Does.Contain("answer:     min_units 4, max_units 7, target 50%"));
        Assert.That(stdout, Does.Contain("naive:      ceil(20 calls/s ÷ 5 calls/s per unit) = 4 units fixed"));
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
        string folder = SweepTestSupport.TempFolder("plan1");
        string spec = Spec(folder, SweepTestSupport.PlanSpec() with { Slo = new SweepTestSlo { LatencyP99S = 0.1 } });
        (int code, string stdout, _) = Cli("plan", spec, "--test-model", "--out", Path.Combine(folder, "plan"), "--quiet");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("answer:     none"));
    }

    [Test]
    public void Plan_Cli_Json_GivesTheAnswerAsAnObject()
    {
        string folder = SweepTestSupport.TempFolder("planjson");
        string spec = Spec(folder, SweepTestSupport.PlanSpec());
        (int code, string stdout, string err) = Cli("plan", spec, "--test-model", "--targets", "50%", "--out", Path.Combine(folder, "plan"), "--quiet", "--json");
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        System.Text.Json.JsonElement answer = doc.RootElement.GetProperty("answer");
        Assert.That((answer.GetProperty("min_units").GetInt32(), answer.GetProperty("max_units").GetInt32()), Is.EqualTo((4, 7)));
        Assert.That(doc.RootElement.GetProperty("naive").GetProperty("feasible").GetBoolean(), Is.False);
    }
}
