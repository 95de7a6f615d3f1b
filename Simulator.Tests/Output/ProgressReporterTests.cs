using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

[TestFixture]
public class ProgressReporterTests
{
    private double nowS;

    private TimeSpan Clock() => TimeSpan.FromSeconds(nowS);

    [SetUp]
    public void Reset() => nowS = 0;

    [Test]
    public void Report_QuickRun_ShowsNothing()
    {
        // Given a run that ends within the first second
        var err = new StringWriter();
        ProgressReporter p = ProgressReporter.Create(err, ProgressReporter.Mode.Bar, "replications", Clock);

        // When it reports and completes
        nowS = 0.5;
        p.Report(5, 10);
        p.Report(10, 10);
        p.Complete();

        // Then nothing was written
        Assert.That(err.ToString(), Is.Empty);
    }

    [Test]
    public void Report_Lines_OneLinePerTenthAtMostEveryTwoSeconds()
    {
        // Given plain-line progress (redirected stderr)
        var err = new StringWriter();
        ProgressReporter p = ProgressReporter.Create(err, ProgressReporter.Mode.Lines, "replications", Clock);

        // When 100 replications finish at 0.1 s each
        for (int i = 1; i <= 100; i++)
        {
            nowS = i * 0.1;
            p.Report(i, 100);
        }

        p.Complete();

        // Then lines appear with percentage, counts and an ETA, no carriage returns, the last at 100%
        string[] lines = err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(err.ToString(), Does.Not.Contain("\r"));
        Assert.That(lines, Has.Length.InRange(4, 6));
        Assert.That(lines[0], Does.Match(@"^\s*10% \(10/100 replications\), 1 s elapsed, ETA 9 s$"));
        Assert.That(lines[^1], Does.Contain("100% (100/100 replications)"));
    }

    [Test]
    public void Report_Bar_RedrawsInPlaceAndEndsWithDone()
    {
        // Given bar progress (interactive terminal)
        var err = new StringWriter();
        ProgressReporter p = ProgressReporter.Create(err, ProgressReporter.Mode.Bar, "replications", Clock);

        // When replications finish over several seconds
        for (int i = 1; i <= 4; i++)
        {
            nowS = i;
            p.Report(i, 4);
        }

        p.Complete();

        // Then the bar is redrawn with carriage returns and the run ends on a "done" line
        string text = err.ToString();
        Assert.That(text, Does.Contain("\r[#######").And.Contain("25% (1/4 replications)").And.Contain("ETA 3 s"));
        Assert.That(text.TrimEnd(), Does.EndWith("done: 4 replications in 4 s"));
    }

    [Test]
    public void Create_Quiet_WritesNothing()
    {
        var err = new StringWriter();
        ProgressReporter p = ProgressReporter.Create(err, quiet: true);
        p.Report(1, 2);
        p.Complete();
        Assert.That(err.ToString(), Is.Empty);
    }

    [Test]
    public void Choose_WriterThatIsNotTheConsole_IsPlainLines()
    {
        Assert.That(ProgressReporter.Choose(new StringWriter(), quiet: false), Is.EqualTo(ProgressReporter.Mode.Lines));
    }
}
