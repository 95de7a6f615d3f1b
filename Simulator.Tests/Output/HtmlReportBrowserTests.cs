using System.Diagnostics;
using LookoutSim.Output;
using SkiaSharp;

namespace LookoutSim.Tests.Output;

/// <summary>
/// Opens <c>report.html</c> in headless Chromium: the page must load without a console message
/// (a script error or a Content-Security-Policy violation would log one), its script must find all
/// five charts decoded, and a screenshot must show them. Chromium missing fails under <c>CI=true</c>
/// and is ignored elsewhere.
/// </summary>
[TestFixture]
[Category("Browser")]
[NonParallelizable]
public class HtmlReportBrowserTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private TempDir tmp = null!;
    private string report = "";
    private string chromium = "";

    [OneTimeSetUp]
    public void WriteReport()
    {
        chromium = FindChromium() ?? "";
        if (chromium.Length == 0)
        {
            string message = "chromium is not installed (Debian: apt-get install chromium); the report's browser test needs it";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        tmp = new TempDir();
        string dir = ResultsFolder.Write(
            FakeResults.Realistic("<script>alert(1)</script> & co"),
            tmp["results"],
            new ResultsWriteOptions { Charts = false, ReportDate = HtmlReportTests.Date });
        report = Path.Combine(dir, "report.html");
    }

    [OneTimeTearDown]
    public void Cleanup() => tmp?.Dispose();

    [Test]
    public void Chromium_Report_LoadsWithoutConsoleMessagesAndDecodesEveryChart()
    {
        // Given the report / When Chromium loads it and dumps the DOM after its load event
        (int code, string stdout, string stderr) = RunChromium("--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom", new Uri(report).AbsoluteUri);

        // Then it exited cleanly, logged nothing from the page, and the page's script counted five decoded charts
        Assert.That(code, Is.EqualTo(0), stderr);
        string[] console = stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToArray();
        Assert.That(console, Is.Empty, "console messages (script errors or CSP violations)");
        Assert.That(stdout, Does.Contain($"<body data-charts-loaded=\"{Charts.Names.Count}\">"));
        Assert.That(stdout, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    }

    [Test]
    public void Chromium_Screenshot_ShowsTheCharts()
    {
        // Given the report / When Chromium takes a 1400 x 3000 screenshot
        string shot = Path.Combine(tmp.Path, "shot.png");
        (int code, _, string stderr) = RunChromium("--hide-scrollbars", "--window-size=1400,3000", $"--screenshot={shot}", new Uri(report).AbsoluteUri);

        // Then the image is not blank, and its lower part (where the charts are) is drawn in several colours
        Assert.That(code, Is.EqualTo(0), stderr);
        using SKBitmap bitmap = SKBitmap.Decode(shot);
        Assert.That(bitmap, Is.Not.Null, "screenshot decodes");
        Assert.That(bitmap.Width, Is.EqualTo(1400));
        (double ink, int colours) = ChartsTests.Ink(bitmap);
        Assert.That(ink, Is.GreaterThan(0.03), "share of non-white pixels in the whole page");

        using var lower = new SKBitmap(bitmap.Width, bitmap.Height / 3);
        Assert.That(bitmap.ExtractSubset(lower, new SKRectI(0, bitmap.Height - lower.Height, bitmap.Width, bitmap.Height)), Is.True);
        (double chartInk, int chartColours) = ChartsTests.Ink(lower);
        Assert.That(chartInk, Is.GreaterThan(0.05), "ink where the charts are");
        Assert.That(chartColours, Is.GreaterThanOrEqualTo(3), "chart colours where the charts are");
        Assert.That(colours, Is.GreaterThanOrEqualTo(3));
    }

    [TestCase("plan", "plan.html")]
    [TestCase("sweep", "sweep.html")]
    [TestCase("sensitivity", "sensitivity.html")]
    public void Chromium_PlanAndSweepPages_LoadWithoutConsoleMessagesAndDecodeEveryChart(string verb, string page)
    {
        // Given the page of a plan, a sweep or a sensitivity run (small real scenarios, so it is quick), and the charts in its plots/
        string spec = verb switch
        {
            "plan" => LookoutSim.Tests.Experiments.SweepTestSupport.PlanScenarioFile(tmp.Path),
            "sensitivity" => LookoutSim.Tests.Cli.SensitivityCommandTests.SaturatedLine(tmp.Path),
            _ => LookoutSim.Tests.Experiments.SweepTestSupport.SweepScenario(tmp.Path, replications: 2),
        };
        string folder = Path.Combine(tmp.Path, verb + "-out");
        (int exit, string output, string error) = Support.CliRun.Run(verb, spec, "--quiet", "--out", folder);
        Assert.That(exit, Is.EqualTo(0), error + output);
        int charts = Directory.GetFiles(Path.Combine(folder, "plots"), "*.svg").Length;

        // When Chromium loads it
        (int code, string stdout, string stderr) = RunChromium("--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom", new Uri(Path.Combine(folder, page)).AbsoluteUri);

        // Then: no console message, and every chart decoded
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)), Is.Empty, "console messages (script errors or CSP violations)");
        Assert.That(charts, Is.GreaterThan(0));
        Assert.That(stdout, Does.Contain($"<body data-charts-loaded=\"{charts}\">"));
    }

    private (int Code, string Stdout, string Stderr) RunChromium(params string[] args)
    {
        string profile = Path.Combine(tmp.Path, "profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}",
                 }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? FindChromium()
    {
        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
