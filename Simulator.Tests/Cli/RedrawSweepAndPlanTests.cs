using LookoutSim.Output;
using LookoutSim.Tests.Experiments;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// <c>plot</c> and <c>report</c> on a sweep folder and on a plan folder redraw them with the code the
/// verbs used: the charts and the page come back byte for byte.
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
