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
    public void Summarize_OneReplication_IntervalIsTheMean()
    {
        MetricSummary s = Summaries.Summarize([Rep(0, ("cost", 7))]).Single(m => m.Name == "cost");
        Assert.That((s.Mean, s.Ci95Low, s.Ci95High, s.Min, s.Max), Is.EqualTo((7.0, 7.0, 7.0, 7.0, 7.0)));
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

    [Test]
    public void Verdicts_PerReplicationAndOnTheMean()
    {
        // Given p99 of 1.0, 1.2, 2.0 s against 1.5 s (mean 1.4), failed rates all below 0.01, availability one below
        var reps = new[]
        {
            Rep(0, ("latency_p99_s", 1.0), ("failed_rate", 0.001), ("availability", 0.999)),
            Rep(1, ("latency_p99_s", 1.2), ("failed_rate", 0.002), ("availability", 0.998)),
            Rep(2, ("latency_p99_s", 2.0), ("failed_rate", 0.009), ("availability", 0.991)),
        };

        // When
        var v = Summaries.Verdicts(reps, new SloTargets(LatencyP99S: 1.5, MaxFailed: 0.01, Availability: 0.995));

        // Then
        Assert.That(v.Select(x => (x.Name, x.MetReplications, x.Met)), Is.EqualTo(new[]
        {
            ("latency_p99", 2, true),
            ("max_failed", 3, true),
            ("availability", 2, true),
        }));
    }

    [Test]
    public void Verdicts_NoSuccess_NotMet()
    {
        var v = Summaries.Verdicts([Rep(0, ("latency_p99_s", double.NaN))], new SloTargets(LatencyP99S: 1));
        Assert.That((v[0].MetReplications, v[0].Met), Is.EqualTo((0, false)));
    }
}
