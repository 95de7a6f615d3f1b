using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

public sealed class SweepProgressTests
{
    [Test]
    public void Report_Redirected_OneLinePerTenthWithEta()
    {
        // Given
        var err = new StringWriter();
        var progress = new SweepProgress(err, "sweep x", quiet: false, interactive: false);

        // When
        for (int done = 1; done <= 100; done++)
        {
            progress.Report(done, 100);
        }

        // Then: 0%…100% in tenths, no carriage returns, an ETA before the end
        string[] lines = err.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(11));
        Assert.That(err.ToString(), Does.Not.Contain("\r"));
        Assert.That(lines[5], Does.StartWith("sweep x: 50% (50/100,").And.Contain("ETA"));
        Assert.That(lines[^1], Does.StartWith("sweep x: 100% (100/100,").And.Not.Contain("ETA"));
    }

    [Test]
    public void Report_Quiet_PrintsNothing()
    {
        var err = new StringWriter();
        var progress = new SweepProgress(err, "sweep x", quiet: true, interactive: true);
        progress.Report(1, 2);
        progress.Report(2, 2);
        progress.Line("hello");
        Assert.That(err.ToString(), Is.Empty);
    }

    [Test]
    public void Report_Interactive_RedrawsABarAndEndsTheLine()
    {
        var err = new StringWriter();
        var progress = new SweepProgress(err, "sweep x", quiet: false, interactive: true);
        progress.Report(1, 4);
        progress.Report(4, 4);
        Assert.That(err.ToString(), Does.StartWith("\rsweep x [").And.Contain("100% 4/4").And.EndWith(Environment.NewLine));
    }

    [TestCase(42, "42s")]
    [TestCase(185, "3m05s")]
    [TestCase(3720, "1h02m")]
    public void Duration_Formats(double seconds, string expected)
    {
        Assert.That(SweepProgress.Duration(seconds), Is.EqualTo(expected));
    }
}
