using LookoutSim.Output;
using LookoutSim.Tests.Experiments;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// <c>plot</c> and <c>report</c> on a sweep, a plan and a sensitivity folder redraw them with the
/// code the verbs used: the charts and the page come back byte for byte.
/// </summary>
[NonParallelizable]
public sealed class RedrawSweepAndPlanTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = SweepTestSupport.TempFolder("redraw");

    private static Dictionary<string, byte[]> Snapshot(string folder, string page) =>
        Directory.GetFiles(Path.Combine(folder, "plots"))
            .Append(Path.Combine(folder, page))
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    private static void AssertRedrawn(string folder, string page)
    {
        // Given what the verb wrote, then the charts and page removed
        Dictionary<string, byte[]> before = Snapshot(folder, page);
        Directory.Delete(Path.Combine(folder, "plots"), recursive: true);
        File.Delete(Path.Combine(folder, page));

        // When
        var plot = CliRun.Run("plot", folder);
        var report = CliRun.Run("report", folder);

        // Then
        Assert.That(plot.Exit, Is.EqualTo(0), plot.Err);
        Assert.That(report.Exit, Is.EqualTo(0), report.Err);
        Assert.That(report.Out.Trim(), Is.EqualTo(Path.GetFullPath(Path.Combine(folder, page))));
        Dictionary<string, byte[]> after = Snapshot(folder, page);
        Assert.That(after.Keys.Order(), Is.EqualTo(before.Keys.Order()));
        foreach ((string file, byte[] bytes) in before)
        {
            Assert.That(after[file], Is.EqualTo(bytes), file);
        }

        Assert.That(Directory.GetDirectories(Path.Combine(folder, "plots")), Is.Empty, "no staging folder left behind");
    }

    [Test]
    public void PlotAndReport_SweepFolder_RedrawSweepHtmlAndChartsAsSweepDid()
    {
        // Given
        string file = SweepTestSupport.SweepScenario(_dir, replications: 2);
        string folder = Path.Combine(_dir, "sweep");
        var run = CliRun.Run("sweep", file, "--horizon", "2m", "--out", folder, "--quiet");
        Assert.That(run.Exit, Is.EqualTo(0), run.Err);
        Assert.That(Directory.GetFiles(Path.Combine(folder, "plots"), "*.png"), Is.Not.Empty);

        // Then
        AssertRedrawn(folder, SweepReport.FileName);
    }

    [Test]
    public void PlotAndReport_PlanFolder_RedrawPlanHtmlAndPlanPngAsPlanDid()
    {
        // Given
        string file = SweepTestSupport.PlanScenarioFile(_dir);
        string folder = Path.Combine(_dir, "plan");
        var run = CliRun.Run("plan", file, "--horizon", "10m", "--units-limit", "4", "--out", folder, "--quiet");
        Assert.That(run.Exit, Is.EqualTo(0), run.Err);
        Assert.That(File.Exists(Path.Combine(folder, PlanFile.FileName)), Is.True);

        // Then
        AssertRedrawn(folder, SweepPlanFolder.PageFile);
    }

    /// <summary>Runs <c>sensitivity</c> on the saturated line into <paramref name="name"/> (a short horizon, 2 replications); returns the folder.</summary>
    private string Sensitivity(string name, params string[] args)
    {
        string file = SensitivityCommandTests.SaturatedLine(_dir);
        string folder = Path.Combine(_dir, name);
        var run = CliRun.Run(["sensitivity", file, "--replications", "2", "--out", folder, "--quiet", .. args]);
        Assert.That(run.Exit, Is.EqualTo(0), run.Err);
        return folder;
    }

    [Test]
    public void PlotAndReport_SensitivityFolder_RedrawTornadoAndSampleChartsAndThePageAsSensitivityDid()
    {
        // Given a sensitivity run with its Latin-hypercube sample
        string folder = Sensitivity("sensitivity", "--samples", "3", "--set", "horizon=4m");
        Assert.That(Directory.GetFiles(Path.Combine(folder, "plots"), "tornado-*.png"), Is.Not.Empty);
        Assert.That(Directory.GetFiles(Path.Combine(folder, "plots"), "sample-*.svg"), Is.Not.Empty);

        // Then
        AssertRedrawn(folder, SensitivityReport.FileName);
    }

    [Test]
    public void PlotAndReport_SensitivityShard_Exit2SaysToMergeFirst()
    {
        // Given one shard of a sensitivity run
        string shard = Sensitivity("shard-1", "--samples", "1", "--set", "horizon=2m", "--shard", "1/2");

        foreach (string verb in new[] { "plot", "report" })
        {
            // When
            var r = CliRun.Run(verb, shard);

            // Then
            Assert.That(r.Exit, Is.EqualTo(2), verb + ": " + r.Err);
            Assert.That(r.Err, Does.Contain("is one shard of a sensitivity run").And.Contain("lookoutsim merge"), verb);
            Assert.That(r.Err, Does.Not.Contain("   at "), "no stack trace");
        }
    }

    [TestCase("{\"scenario\": \"x\"", "not a sensitivity.json written by lookoutsim sensitivity")]
    [TestCase("[]", "not a sensitivity.json written by lookoutsim sensitivity")]
    [TestCase("{\"scenario\":\"x\",\"scenario_sha256\":\"0\",\"seed\":1,\"replications\":2,\"samples\":-5,\"currency\":\"USD\",\"slo\":{},\"fields\":[],\"measures\":[\"cost\"],\"points\":[]}", "samples -5, not 0 to 10000")]
    [TestCase("{\"scenario\":\"x\",\"scenario_sha256\":\"0\",\"seed\":1,\"replications\":2,\"samples\":0,\"currency\":\"USD\",\"slo\":{},\"fields\":[null],\"measures\":[\"cost\"],\"points\":[]}", "a field missing or incomplete")]
    [TestCase("{\"scenario\":\"x\",\"scenario_sha256\":\"0\",\"seed\":1,\"replications\":2,\"samples\":0,\"currency\":\"USD\",\"slo\":{},\"fields\":[],\"measures\":[\"cost\"],\"points\":[null]}", "a point missing or incomplete")]
    [TestCase("{\"scenario\":\"x\",\"scenario_sha256\":\"0\",\"seed\":1,\"replications\":2,\"samples\":0,\"currency\":\"USD\",\"slo\":{},\"fields\":[],\"measures\":[\"wall_s\"],\"points\":[]}", "measures missing or not ones sensitivity writes")]
    public void PlotAndReport_SensitivityFolderWithABrokenDataFile_Exit2NamesTheFile(string content, string expected)
    {
        // Given a sensitivity folder whose sensitivity.json was cut short or replaced
        string folder = Sensitivity("broken", "--samples", "1", "--set", "horizon=2m");
        File.WriteAllText(Path.Combine(folder, SensitivityFolder.DataFile), content);
        byte[] page = File.ReadAllBytes(Path.Combine(folder, SensitivityReport.FileName));

        foreach (string verb in new[] { "plot", "report" })
        {
            // When
            var r = CliRun.Run(verb, folder);

            // Then: exit 2 naming the file, no trace, the page untouched
            Assert.That(r.Exit, Is.EqualTo(2), verb + ": " + r.Err);
            Assert.That(r.Err, Does.Contain(SensitivityFolder.DataFile).And.Contain(expected), verb);
            Assert.That(r.Err, Does.Not.Contain("   at "), "no stack trace");
        }

        Assert.That(File.ReadAllBytes(Path.Combine(folder, SensitivityReport.FileName)), Is.EqualTo(page));
    }

    [Test]
    public void PlotAndReport_SensitivityFolderWithAPointMissing_Exit2SaysWhatIsMissing()
    {
        // Given a sensitivity folder whose data lost its last point
        string folder = Sensitivity("short", "--samples", "1", "--set", "horizon=2m");
        string path = Path.Combine(folder, SensitivityFolder.DataFile);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        System.Text.Json.Nodes.JsonArray points = json["points"]!.AsArray();
        int had = points.Count;
        points.RemoveAt(had - 1);
        File.WriteAllText(path, json.ToJsonString());

        // When
        var r = CliRun.Run("plot", folder);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain($"{had - 1} points, the design has {had}"));
    }

    [Test]
    public void Report_PlanFolderWithTruncatedPlanJson_Exit2NamesTheFile()
    {
        // Given
        Directory.CreateDirectory(Path.Combine(_dir, "plan"));
        File.WriteAllText(Path.Combine(_dir, "plan", PlanFile.FileName), "{\"kind\": \"lookoutsim-plan\", \"format\": 1, \"candi");

        // When
        var r = CliRun.Run("report", Path.Combine(_dir, "plan"));

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("plan.json: not a plan.json written by lookoutsim plan"));
        Assert.That(r.Err, Does.Not.Contain("   at "));
    }

    [Test]
    public void Plot_SweepFolderWithoutPoints_Exit2SaysWhatIsMissing()
    {
        // Given a sweep folder whose points/ were removed
        string file = SweepTestSupport.SweepScenario(_dir, replications: 1);
        string folder = Path.Combine(_dir, "sweep");
        Assert.That(CliRun.Run("sweep", file, "--horizon", "1m", "--out", folder, "--quiet").Exit, Is.EqualTo(0));
        Directory.Delete(Path.Combine(folder, "points"), recursive: true);

        // When
        var r = CliRun.Run("plot", folder);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("is missing; the sweep's SLOs and currency are read from its first point"));
    }
}
