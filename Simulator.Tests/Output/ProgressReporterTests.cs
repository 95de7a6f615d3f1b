using LookoutSim.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Output;

[TestFixture]
public class ProgressReporterTests
{
    private ManualTime time = new();

    [SetUp]
    public void Reset() => time = new ManualTime();

    [Test]
    public void Report_QuickRun_ShowsNothing()
    {
        // Given a run that ends within the first second
        var err = new StringWriter();
        var p = new ProgressReporter(err, ProgressReporter.Mode.Bar, "replications", time);

        // When it reports and completes
        time.NowS = 0.5;
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
        var p = new ProgressReporter(err, ProgressReporter.Mode.Lines, "replications", time);

        // When 100 replications finish at 0.1 s each
        for (int i = 1; i <= 100; i++)
        {
            time.NowS = i * 0.1;
            p.Report(i, 100);
        }

        p.Complete();

        // Then lines appear with percentage, counts and an ETA, no carriage returns, the last at 100%
        string[] lines = err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(err.ToString(), Does.Not.Contain("\r"));
        Assert.That(lines, Has.Length.InRange(4, 6));
        Assert.That(lines[0], Does.Match(@"^\s*10% \(10/100 replications\), 1s elapsed, ETA 9s$"));
        Assert.That(lines[^1], Does.Contain("100% (100/100 replications)").And.Not.Contain("ETA"));
    }

    [Test]
    public void Report_LinesWithLabel_PrefixesEveryLine()
    {
        // Given a labelled reporter (a sweep), with every report two seconds apart
        var err = new StringWriter();
        var p = new ProgressReporter(err, ProgressReporter.Mode.Lines, "replications", time, "sweep x: 4 points × 25 replications");

        // When 100 replications finish
        for (int i = 1; i <= 100; i++)
        {
            time.NowS = 2 * i;
            p.Report(i, 100);
        }

        p.Complete();

        // Then a first line, one per tenth after it, each naming the sweep, 50% half-way with an ETA
        string[] lines = err.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(11));
        Assert.That(lines, Has.All.StartWith("sweep x: 4 points × 25 replications: "));
        Assert.That(lines[5], Does.Contain(" 50% (50/100 replications), 1m40s elapsed, ETA 1m40s"));
    }

    [Test]
    public void Report_Bar_RedrawsInPlaceAndEndsWithDone()
    {
        // Given bar progress (interactive terminal)
        var err = new StringWriter();
        var p = new ProgressReporter(err, ProgressReporter.Mode.Bar, "replications", time);

        // When replications finish over several seconds
        for (int i = 1; i <= 4; i++)
        {
            time.NowS = i;
            p.Report(i, 4);
        }

        p.Complete();

        // Then the bar is redrawn with carriage returns and the run ends on a "done" line
        string text = err.ToString();
        Assert.That(text, Does.Contain("\r[#######").And.Contain("25% (1/4 replications)").And.Contain("ETA 3s"));
        Assert.That(text.TrimEnd(), Does.EndWith("done: 4 replications in 4s"));
    }

    [Test]
    public void Line_DuringABar_ClearsTheBarAndShowsAtOnce()
    {
        // Given a bar on screen
        var err = new StringWriter();
        var p = new ProgressReporter(err, ProgressReporter.Mode.Bar, "candidates", time);
        time.NowS = 2;
        p.Report(1, 4);

        // When a line is written
        p.Line("plan: candidate 1: fails");

        // Then the bar is wiped (carriage return, spaces, carriage return) and the line stands alone
        string text = err.ToString();
        int bar = text.IndexOf('[', StringComparison.Ordinal);
        int width = text.IndexOf('\r', bar) - 1;
        Assert.That(text, Does.EndWith("\r" + new string(' ', width) + "\rplan: candidate 1: fails" + Environment.NewLine));
    }

    [Test]
    public void Line_BeforeTheQuietPeriod_IsShown()
    {
        var err = new StringWriter();
        var p = new ProgressReporter(err, ProgressReporter.Mode.Lines, "candidates", time);
        p.Line("plan: candidate 1: meets the SLOs");
        Assert.That(err.ToString(), Is.EqualTo("plan: candidate 1: meets the SLOs" + Environment.NewLine));
    }

    [Test]
    public void Create_Quiet_WritesNothing()
    {
        var err = new StringWriter();
        ProgressReporter p = ProgressReporter.Create(err, quiet: true);
        p.Report(1, 2);
        p.Line("hello");
        p.Complete();
        Assert.That(err.ToString(), Is.Empty);
    }

    [Test]
    public void Choose_WriterThatIsNotTheConsole_IsPlainLines()
    {
        Assert.That(ProgressReporter.Choose(new StringWriter(), quiet: false), Is.EqualTo(ProgressReporter.Mode.Lines));
    }

    [TestCase(42, "42s")]
    [TestCase(185, "3m5s")]
    [TestCase(3720, "1h2m")]
    [TestCase(90061, "1d1h1m1s")]
    [TestCase(double.NaN, "?")]
    [TestCase(-1, "?")]
    public void Duration_WholeSecondsAsAScenarioWritesThem(double seconds, string expected)
    {
        Assert.That(ProgressReporter.Duration(seconds), Is.EqualTo(expected));
    }
}
