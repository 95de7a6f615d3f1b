using LookoutSim.Cli;
using LookoutSim.Output;
using LookoutSim.Tests.Output;

namespace LookoutSim.Tests.Cli;

[TestFixture]
public class ReportCommandTests
{
    [Test]
    public void Run_ResultsFolder_RewritesTheReportFromTheFiles()
    {
        // Given a results folder written without a report
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Realistic(replications: 2), tmp["r"], new ResultsWriteOptions { Charts = false, Report = false });
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // When `lookoutsim report DIR` runs
        int code = CommandLine.Run(["report", dir], stdout, stderr);

        // Then the report exists, with the scenario, the five charts and the preset notes read back
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr.ToString());
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.That(html, Does.Contain("<h1>line-3-weekday</h1>"));
        Assert.That(System.Text.RegularExpressions.Regex.Count(html, "<img class=\"chart\""), Is.EqualTo(Charts.Names.Count));
        Assert.That(html, Does.Contain("Lookout for Vision: one inference unit"));
        Assert.That(stdout.ToString().Trim(), Is.EqualTo(Path.Combine(dir, "report.html")));
    }

    [Test]
    public void Run_OutOption_WritesThereAndLeavesTheFolderAlone()
    {
        // Given a results folder
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Small(), tmp["r"], new ResultsWriteOptions { Charts = false, Report = false });

        // When the report is written elsewhere
        int code = CommandLine.Run(["report", dir, "--out", tmp["elsewhere/page.html"]], new StringWriter(), new StringWriter());

        // Then it is there and not in the folder
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(File.Exists(tmp["elsewhere/page.html"]), Is.True);
        Assert.That(File.Exists(Path.Combine(dir, "report.html")), Is.False);
    }

    [Test]
    public void Run_MissingFolder_ExitsTwo()
    {
        using var tmp = new TempDir();
        var stderr = new StringWriter();
        int code = CommandLine.Run(["report", tmp["absent"]], new StringWriter(), stderr);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr.ToString(), Does.Contain("does not exist"));
    }
}
