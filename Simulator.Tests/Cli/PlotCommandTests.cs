using LookoutSim.Cli;
using LookoutSim.Output;
using LookoutSim.Tests.Output;

namespace LookoutSim.Tests.Cli;

[TestFixture]
public class PlotCommandTests
{
    [Test]
    public void Run_ResultsFolderWithoutPlots_RedrawsEveryChart()
    {
        // Given a results folder written without charts
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Realistic(replications: 2), tmp["r"], new ResultsWriteOptions { Charts = false, Report = false });
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // When `lookoutsim plot DIR` runs
        int code = CommandLine.Run(["plot", dir], stdout, stderr);

        // Then it succeeds, writes a PNG and an SVG per chart, lists them, and leaves no temporary file
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr.ToString());
        string plots = Path.Combine(dir, "plots");
        foreach (string name in Charts.Names)
        {
            Assert.That(new FileInfo(Path.Combine(plots, name + ".png")).Length, Is.GreaterThan(10_000), name);
            Assert.That(File.ReadAllText(Path.Combine(plots, name + ".svg")), Does.Contain("<svg"), name);
        }

        Assert.That(stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2 * Charts.Names.Count));
        Assert.That(Directory.GetFiles(plots, ".*"), Is.Empty);
    }

    [Test]
    public void Run_NotAResultsFolder_ExitsTwoWithAMessage()
    {
        // Given an empty folder
        using var tmp = new TempDir();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // When plotted
        int code = CommandLine.Run(["plot", tmp.Path], stdout, stderr);

        // Then exit 2 with a one-line error naming the missing file
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr.ToString(), Does.StartWith("error: ").And.Contain("summary.json"));
    }
}
