using HdrHistogram;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Metrics;

public sealed class IntervalHistogramTests
{
    [Test]
    public void ValueAtPercentile_OverResets_MatchesHdrHistogram()
    {
        // Given: HdrHistogram's own LongHistogram as the reference, same range (a week in µs) and precision
        const long highest = 1_209_600_000_000L;
        var reference = new LongHistogram(highest, 2);
        var interval = new IntervalHistogram(highest, 2);
        var random = new Random(11);

        // When: intervals of latencies spread over six decades (and one empty), each followed by a reset
        for (int round = 0; round < 40; round++)
        {
            int n = round == 7 ? 0 : random.Next(1, 400);
            for (int i = 0; i < n; i++)
            {
                long v = (long)Math.Pow(10, 1 + (random.NextDouble() * (round % 2 == 0 ? 6 : 2)));
                reference.RecordValue(v);
                interval.RecordValue(v);
            }

            // Then: the same count and the same value at every percentile the collector and a reader might ask
            Assert.That(interval.TotalCount, Is.EqualTo(reference.TotalCount), $"round {round}");
            foreach (double q in new[] { 0.0, 1, 50, 90, 99, 99.9, 100 })
            {
                long expected = reference.TotalCount > 0 ? reference.GetValueAtPercentile(q) : 0;
                Assert.That(interval.ValueAtPercentile(q), Is.EqualTo(expected), $"round {round}, p{q}");
                if (reference.TotalCount > 0)
                {
                    Assert.That(interval.GetValueAtPercentile(q), Is.EqualTo(expected), $"round {round}, p{q} through HdrHistogram");
                }
            }

            reference.Reset();
            interval.Reset();
        }
    }
}
