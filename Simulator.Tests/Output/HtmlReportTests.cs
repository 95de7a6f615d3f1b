using System.Text.RegularExpressions;
using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

[TestFixture]
public class HtmlReportTests
{
    internal static readonly DateTimeOffset Date = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<(RunResult Result, string Html)> Realistic = new(() =>
    {
        RunResult result = FakeResults.Realistic();
        string html = HtmlReport.Render(result, Charts.Draw(result), Date);
        string dir = Environment.GetEnvironmentVariable("LOOKOUTSIM_CHART_DIR") ?? "";
        if (dir.Length > 0)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "report.html"), html);
        }

        return (result, html);
    });

    [Test]
    public void Render_HostileScenarioName_IsEscapedEverywhere()
    {
        // Given a scenario whose name, notes and YAML carry markup
        RunResult fake = FakeResults.Small();
        const string evil = "<script>alert(1)</script>";
        var result = new RunResult
        {
            Version = fake.Version,
            Scenario = evil,
            ScenarioSha256 = fake.ScenarioSha256,
            Seed = 1,
            HorizonS = fake.HorizonS,
            WarmupS = 0,
            Metrics = fake.Metrics,
            Replications = fake.Replications,
            Slo = fake.Slo,
            Zones = ["<b>zone</b>"],
            ResolvedScenarioYaml = $"name: \"{evil}\"\n",
            PresetNotes = [$"note {evil} & more"],
        };

        // When the report is rendered
        string html = HtmlReport.Render(result, [], Date);

        // Then no markup from the scenario survives: the only <script> is the page's own, at the end
        Assert.That(Regex.Count(html, "<script>"), Is.EqualTo(1));
        Assert.That(html, Does.Not.Contain("alert(1)</script>"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(html, Does.Not.Contain("<b>zone</b>"));
        Assert.That(html, Does.Contain("&amp; more"));
    }

    [Test]
    public void Render_Realistic_HasVerdictsTableChartsScenarioAndProvenance()
    {
        // Given the report of a realistic result (one SLO missed)
        string html = Realistic.Value.Html;

        // Then it holds each part the spec asks for
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("class=\"verdict missed\"").And.Contain("1 of 3 SLOs missed"));
            Assert.That(Regex.Count(html, "<span class=\"badge met\">met</span>"), Is.EqualTo(2));
            Assert.That(Regex.Count(html, "<span class=\"badge missed\">missed</span>"), Is.EqualTo(1));
            Assert.That(html, Does.Contain("<td class=\"mono\">latency_p99_s</td>"));
            Assert.That(Regex.Count(html, "<img class=\"chart\"[^>]*src=\"data:image/svg\\+xml;base64,"), Is.EqualTo(5));
            Assert.That(html, Does.Contain("<pre>name: line-3-weekday  # file"));
            Assert.That(html, Does.Contain("3f5a1c0e9b7d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a"));
            Assert.That(html, Does.Contain("2026-11-24 12:00:00 UTC"));
            Assert.That(html, Does.Contain("Lookout for Vision: one inference unit"));
        });
    }

    [Test]
    public void Render_Realistic_NeedsNoNetwork()
    {
        // Given the report
        string html = Realistic.Value.Html;

        // Then nothing is fetched: no http(s) or protocol-relative URL in src/href, and a CSP that forbids it
        Assert.That(html, Does.Not.Match("(src|href)=\"(https?:)?//"));
        Assert.That(html, Does.Contain("Content-Security-Policy").And.Contain("default-src 'none'"));
    }
}
