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
            Assert.That(Regex.Count(html, "<img class=\"chart\"[^>]*src=\"data:image/svg\\+xml;base64,"), Is.EqualTo(Charts.Names.Count));
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

    [Test]
    public void Render_Realistic_OpensWithTheAnswerDescriptionAndWorstHour()
    {
        // Given the report of a day (so cost per day is the cost over the horizon)
        (RunResult result, string html) = Realistic.Value;
        double cost = result.Metrics.Single(m => m.Name == "cost").Mean;

        // Then the first paragraph after the title is the answer: deployment, costs, verdicts
        Match first = Regex.Match(html, "</h1>\n<p class=\"answer\" id=\"answer\">([^<]*)</p>");
        Assert.That(first.Success, Is.True, "the answer comes right after the title");
        string answer = System.Net.WebUtility.HtmlDecode(first.Groups[1].Value);
        Assert.That(answer, Does.StartWith("2 to 12 units over 3 zones (us-east-1a, us-east-1b, us-east-1c), autoscaling at 70% utilization · "));
        string day = cost.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        string month = (30 * cost).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(cost, Is.InRange(34, 1000), "the fake's cost: under 1,000 a day, over 1,000 a month");
        Assert.That(answer, Does.Contain($"{day} USD over 1 d = {day} USD per day, {month} USD per 30 days"));
        Assert.That(answer, Does.EndWith("SLOs: p99 latency ≤ 1.5 s met, failed ≤ 0.1 % MISSED, availability ≥ 99.9 % met"));

        // And the description, and when failures happened: in the outage (10:00–12:30), on Monday
        Assert.That(html, Does.Contain("<p class=\"description\" id=\"description\">Line 3 on a weekday, us-east-1b lost from 10:00 to 12:30.</p>"));
        Assert.That(html, Does.Match("id=\"failures\">Failed requests: [0-9,]+ over 3 replication\\(s\\), in 3 of 24 hours; the worst hour was Mon 1 Jan 2024 1[01]:00–1[12]:00 UTC"));
    }

    [Test]
    public void FailuresLine_FailuresInTwoHours_NamesTheWorstClockHourInTheScenarioZone()
    {
        // Given a start at 10:30 Berlin time, half-hour rows, 5 failed at 11:00 and 3 at 12:00 in each of 2 replications
        RunResult result = HalfHourly([0, 5, 0, 3, 0]);

        // When
        string line = HtmlReport.FailuresLine(result);
        FailureHours worst = FailureHours.Find(result)!;

        // Then the hour 11:00–12:00 (rows 1800 s and 3600 s): 10 of 30 ended requests
        Assert.That((worst.FromS, worst.ToS, worst.Failed, worst.Ended, worst.HoursWithFailures, worst.Hours, worst.TotalFailed), Is.EqualTo((1800.0, 5400.0, 10L, 30L, 2, 3, 16L)));
        Assert.That(line, Is.EqualTo("Failed requests: 16 over 2 replication(s), in 2 of 3 hours; the worst hour was Wed 3 Jan 2024 11:00–12:00 Europe/Berlin with 10, 33.33% of the requests that ended in it."));
    }

    [Test]
    public void FailuresLine_NoFailure_SaysNone()
    {
        Assert.That(FailureHours.Find(HalfHourly([0, 0, 0, 0, 0])), Is.Null);
        Assert.That(HtmlReport.FailuresLine(HalfHourly([0, 0, 0, 0, 0])), Is.EqualTo("Failed requests: none in any replication."));
    }

    private static RunResult HalfHourly(long[] failed)
    {
        RunResult small = FakeResults.Small();
        ReplicationResult Rep(int k) => new()
        {
            Replication = k,
            Measures = small.Replications[0].Measures,
            LatencyMicros = small.Replications[0].LatencyMicros,
            TimeSeries = [.. failed.Select((f, i) => new TimeSeriesRow { Replication = k, TimeS = i * 1800, Failed = f, Succeeded = 5 })],
        };

        return new RunResult
        {
            Version = "0.1.0",
            Scenario = "half-hourly",
            ScenarioSha256 = "",
            Seed = 1,
            HorizonS = failed.Length * 1800,
            WarmupS = 0,
            IntervalS = 1800,
            Metrics = small.Metrics,
            Replications = [Rep(0), Rep(1)],
            Start = new DateTimeOffset(2024, 1, 3, 9, 30, 0, TimeSpan.Zero),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        };
    }
}
