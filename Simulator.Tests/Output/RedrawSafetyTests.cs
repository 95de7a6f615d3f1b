using LookoutSim.Cli;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

/// <summary><c>plot</c> and <c>report</c> never write through a link planted inside a results folder.</summary>
public sealed class RedrawSafetyTests
{
    [Test]
    public void Plot_PlotsFolderIsASymlink_Exit2AndNothingWrittenIntoItsTarget()
    {
        // Given: a results folder whose plots/ is a link to a folder elsewhere
        using var dir = new TempDir();
        string results = dir["run"];
        ResultsFolder.Write(FakeResults.Small(), results, new ResultsWriteOptions { Charts = false, Report = false });
        string elsewhere = Directory.CreateDirectory(dir["elsewhere"]).FullName;
        Directory.CreateSymbolicLink(Path.Combine(results, ResultsFolder.PlotsFolder), elsewhere);

        // When
        var err = new StringWriter();
        int code = CommandLine.Run(["plot", results], new StringWriter(), err);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err.ToString());
        Assert.That(err.ToString(), Does.Contain("is a link"));
        Assert.That(Directory.GetFileSystemEntries(elsewhere), Is.Empty);
    }

    [Test]
    public void Report_ReportFileIsASymlink_Exit2AndTheTargetIsUntouched()
    {
        // Given: report.html is a link to a file elsewhere
        using var dir = new TempDir();
        string results = dir["run"];
        ResultsFolder.Write(FakeResults.Small(), results, new ResultsWriteOptions { Charts = false, Report = false });
        File.WriteAllText(dir["notes.txt"], "mine");
        File.CreateSymbolicLink(Path.Combine(results, ResultsFolder.ReportFile), dir["notes.txt"]);

        // When
        int code = CommandLine.Run(["report", results], new StringWriter(), new StringWriter());

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(File.ReadAllText(dir["notes.txt"]), Is.EqualTo("mine"));
    }

    [TestCase(-5)]
    [TestCase(2_000_000_000)]
    public void Plot_SummaryJsonWithImpossibleReplicationCount_Exit2(int replications)
    {
        // Given
        using var dir = new TempDir();
        string results = dir["run"];
        ResultsFolder.Write(FakeResults.Small(), results, new ResultsWriteOptions { Charts = false, Report = false });
        string json = Path.Combine(results, ResultsFolder.SummaryJsonFile);
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!;
        node["replications"] = replications;
        File.WriteAllText(json, node.ToJsonString());

        // When
        var err = new StringWriter();
        int code = CommandLine.Run(["plot", results], new StringWriter(), err);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err.ToString());
        Assert.That(err.ToString(), Does.Contain("replications"));
    }
}
