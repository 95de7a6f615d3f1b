using HdrHistogram;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Metrics;

public sealed class SummariesTests
{
    private static ReplicationResult Rep(int i, params (string Name, double Value)[] measures) => new()
    {
        Replication = i,
        Measures = measures.ToDictionary(m => m.Name, m => m.Value),
        LatencyMicros = new LongHistogram(1000, 3),
    };

    [Test]
    public void Summarize_FourValues_StudentTInterval()
    {
        // Given 1, 2, 3, 4: mean 2.5, s = 1.29099, t(0.975, 3) = 3.18245
        var reps = new[] { 1.0, 2, 3, 4 }.Select((v, i) => Rep(i, ("cost", v))).ToList();

        // When
        MetricSummary s = Summaries.Summarize(reps).Single(m => m.Name == "cost");

        // Then
        double half = 3.182446 * 1.290994 / 2;
        Assert.That(s.Mean, Is.EqualTo(2.5));
        Assert.That(s.Ci95Low, Is.EqualTo(2.5 - half).Within(1e-5));
        Assert.That(s.Ci95High, Is.EqualTo(2.5 + half).Within(1e-5));
        Assert.That((s.Min, s.Max), Is.EqualTo((1.0, 4.0)));
        Assert.That(s.Unit, Is.EqualTo("currency"));
    }

    [Test]
    public void Summarize_OneReplication_NoInterval()
    {
        MetricSummary s = Summaries.Summarize([Rep(0, ("cost", 7))]).Single(m => m.Name == "cost");
        Assert.That((s.Mean, s.Ci95Low, s.Ci95High, s.Min, s.Max), Is.EqualTo((7.0, double.NaN, double.NaN, 7.0, 7.0)));
    }

    [Test]
    public void Summarize_IntervalsStayInTheMeasuresDomain()
    {
        // Given retries 0, 0, 20 (t-interval 6.667 ± 28.68) and availability 0.9999, 0.99, 1 (0.996633 ± 0.014271)
        var reps = new[] { (0.0, 0.9999), (0.0, 0.99), (20.0, 1.0) }
            .Select((v, i) => Rep(i, ("retries", v.Item1), ("availability", v.Item2), ("requests_failed", 1), ("requests_succeeded", 100))).ToList();

        // When
        var all = Summaries.Summarize(reps);
        MetricSummary retries = all.Single(m => m.Name == "retries");
        MetricSummary availability = all.Single(m => m.Name == "availability");

        // Then a count's interval starts at 0, a share's ends at 100%
        Assert.That((retries.Ci95Low, retries.Ci95High), Is.EqualTo((0.0, 35.351018)).Within(1e-5));
        Assert.That(availability.Ci95High, Is.EqualTo(1.0));
        Assert.That(availability.Ci95Low, Is.EqualTo(0.9823623).Within(1e-6));
    }

    [Test]
    public void Summarize_NoFailureInAnyReplication_ClopperPearsonOnThePooledCounts()
    {
        // Given 3 replications of 1,000 requests each, none failed
        var reps = Enumerable.Range(0, 3)
            .Select(i => Rep(i, ("requests_failed", 0), ("requests_succeeded", 1000), ("failed_rate", 0), ("availability", 1))).ToList();

        // When
        var all = Summaries.Summarize(reps);

        // Then the failed share is in [0, 1 − 0.025^(1/3000)] = [0, 0.0012289] (not [0, 0]), availability in [0.99877, 1],
        // and the failed count per replication in [0, 1.2289]
        double upper = 1 - Math.Pow(0.025, 1.0 / 3000);
        Assert.That(upper, Is.EqualTo(0.0012289).Within(1e-7));
        MetricSummary failed = all.Single(m => m.Name == "failed_rate");
        MetricSummary availability = all.Single(m => m.Name == "availability");
        MetricSummary count = all.Single(m => m.Name == "requests_failed");
        Assert.That((failed.Mean, failed.Ci95Low, failed.Ci95High), Is.EqualTo((0.0, 0.0, upper)).Within(1e-12));
        Assert.That((availability.Ci95Low, availability.Ci95High), Is.EqualTo((1 - upper, 1.0)).Within(1e-12));
        Assert.That((count.Ci95Low, count.Ci95High), Is.EqualTo((0.0, upper * 1000)).Within(1e-9));
    }

    [Test]
    public void Summarize_OneReplicationWithoutFailures_StillBoundsTheFailedShare()
    {
        var all = Summaries.Summarize([Rep(0, ("requests_failed", 0), ("requests_succeeded", 10), ("failed_rate", 0), ("availability", 1))]);
        MetricSummary failed = all.Single(m => m.Name == "failed_rate");
        Assert.That((failed.Ci95Low, failed.Ci95High), Is.EqualTo((0.0, 1 - Math.Pow(0.025, 0.1))).Within(1e-12));
    }

    [Test]
    public void Summarize_NaNs_AreLeftOutAndAllNaNGivesNaN()
    {
        var reps = new[] { Rep(0, ("latency_p99_s", double.NaN), ("cost", 1)), Rep(1, ("latency_p99_s", 2.0), ("cost", 1)) };
        var all = Summaries.Summarize(reps);
        Assert.That(all.Single(m => m.Name == "latency_p99_s").Mean, Is.EqualTo(2.0));
        Assert.That(all.Single(m => m.Name == "batch_completion_s").Mean, Is.NaN);
        Assert.That(all.Select(m => m.Name), Is.EqualTo(MeasureNames.All.Select(m => m.Name)));
    }

    private static readonly ReplicationResult[] ThreeReps =
    [
        // p99 1.0, 1.2, 2.0 s (mean 1.4, s 0.52915); failed 0.001, 0.002, 0.009 (mean 0.004, s 0.0043589); availability its complement
        Rep(0, ("latency_p99_s", 1.0), ("failed_rate", 0.001), ("availability", 0.999), ("requests_failed", 1), ("requests_succeeded", 999)),
        Rep(1, ("latency_p99_s", 1.2), ("failed_rate", 0.002), ("availability", 0.998), ("requests_failed", 2), ("requests_succeeded", 998)),
        Rep(2, ("latency_p99_s", 2.0), ("failed_rate", 0.009), ("availability", 0.991), ("requests_failed", 9), ("requests_succeeded", 991)),
    ];

    [Test]
    public void Verdicts_TheFarSide95PercentBoundDecides_WithItsMargin()
    {
        // Given the three replications: t(0.975, 2) = 4.302653, half-widths 1.314482 s and 0.010828
        var v = Summaries.Verdicts(ThreeReps, new SloTargets(LatencyP99S: 3, MaxFailed: 0.02, Availability: 0.98));

        // Then p99's upper bound 2.714482 s is 0.285518 s under 3 s; the failed share's 0.014828 is 0.005172 under 0.02;
        // availability's lower bound 0.985172 is 0.005172 above 0.98
        Assert.That(v.Select(x => (x.Name, x.Met, x.Rule)), Is.EqualTo(new[]
        {
            ("latency_p99", true, SloVerdict.UpperBoundRule),
            ("max_failed", true, SloVerdict.UpperBoundRule),
            ("availability", true, SloVerdict.LowerBoundRule),
        }));
        Assert.That(v.Select(x => x.Bound), Is.EqualTo(new[] { 2.714482, 0.014828, 0.985172 }).Within(1e-6));
        Assert.That(v.Select(x => x.Margin), Is.EqualTo(new[] { 0.285518, 0.005172, 0.005172 }).Within(1e-6));
        Assert.That(v.Select(x => x.Mean), Is.EqualTo(new[] { 1.4, 0.004, 0.996 }).Within(1e-12));
    }

    [Test]
    public void Verdicts_MeanInsideButBoundOutside_NotMet_AsPlanJudgesIt()
    {
        // Given targets the means meet (1.4 ≤ 1.5 s, 0.004 ≤ 0.01, 0.996 ≥ 0.995) but the bounds do not
        var v = Summaries.Verdicts(ThreeReps, new SloTargets(LatencyP99S: 1.5, MaxFailed: 0.01, Availability: 0.995));

        // Then none is met, with negative margins, and per replication 2, 3 and 2 met them
        Assert.That(v.Select(x => (x.Name, x.MetReplications, x.Met)), Is.EqualTo(new[]
        {
            ("latency_p99", 2, false),
            ("max_failed", 3, false),
            ("availability", 2, false),
        }));
        Assert.That(v.All(x => x.Margin < 0), Is.True);
    }

    [Test]
    public void Verdicts_OneReplication_TheValueDecides_AndTheRuleSaysSo()
    {
        var v = Summaries.Verdicts([ThreeReps[0]], new SloTargets(LatencyP99S: 1.5));
        Assert.That((v[0].Met, v[0].Rule, v[0].Bound, v[0].Margin), Is.EqualTo((true, SloVerdict.MeanRule, 1.0, 0.5)));
    }

    [Test]
    public void Verdicts_NoSuccess_NotMet()
    {
        var v = Summaries.Verdicts([Rep(0, ("latency_p99_s", double.NaN))], new SloTargets(LatencyP99S: 1));
        Assert.That((v[0].MetReplications, v[0].Met), Is.EqualTo((0, false)));
    }
}
