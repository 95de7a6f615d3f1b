using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

[TestFixture]
public class SummaryTableTests
{
    [Test]
    [SetCulture("de-DE")]
    public void Write_SmallResult_ShowsMeasuresIntervalsAndVerdicts()
    {
        // Given a result with one SLO met and one missed
        RunResult result = FakeResults.Small();
        var output = new StringWriter();

        // When the summary is written
        SummaryTable.Write(result, output);
        string text = output.ToString();

        // Then measures show with invariant numbers and intervals, NaN measures are left out, and both verdicts show
        Assert.That(text, Does.Contain("availability"));
        Assert.That(text, Does.Contain("98.50").And.Contain("[92.15, 104.85]"));
        Assert.That(text, Does.Contain("requests_arrived").And.Contain("93.5"));
        Assert.That(text, Does.Not.Contain("batch_completion_s"));
        Assert.That(text, Does.Contain("p99 latency ≤ 1.5 s").And.Contain("MET"));
        Assert.That(text, Does.Contain("availability ≥ 99.9 %").And.Contain("MISSED").And.Contain("0 of 2 replications"));
        Assert.That(text, Does.Contain("1 of 2 SLOs missed."));
    }

    [Test]
    public void Write_Rows_AreAligned()
    {
        // Given the summary of a result
        var output = new StringWriter();
        SummaryTable.Write(FakeResults.Realistic(replications: 2), output);

        // Then every table row (between the header rule and the blank line) has the rule's width or less
        string[] lines = output.ToString().Split('\n');
        int rule = Array.FindIndex(lines, l => l.StartsWith("-----", StringComparison.Ordinal));
        Assert.That(rule, Is.GreaterThan(0));
        int width = lines[rule].TrimEnd().Length;
        for (int i = rule + 1; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            Assert.That(lines[i].TrimEnd().Length, Is.EqualTo(width), lines[i]);
        }
    }

    [Test]
    public void SummaryJson_ToJson_IsTheSummaryFileText()
    {
        // Given a result written to a folder
        RunResult result = FakeResults.Small();
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(result, tmp["r"], new ResultsWriteOptions { Charts = false, Report = false });

        // Then --json prints the same document as summary.json, NaN as null
        string json = SummaryJson.ToJson(result);
        Assert.That(json, Is.EqualTo(File.ReadAllText(Path.Combine(dir, "summary.json"))));
        Assert.That(json, Does.Contain("\"mean\": null"));
    }
}
