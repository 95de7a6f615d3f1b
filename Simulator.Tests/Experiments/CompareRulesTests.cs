using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Experiments;

public sealed class CompareRulesTests
{
    private static MetricSummary M(string name, double mean, double low, double high) =>
        new(name, MeasureNames.UnitOf(name), mean, low, high, low, high);

    [Test]
    public void Judge_CostUpBeyondToleranceAndCisApart_Regressed()
    {
        // Given cost +10% with tight, disjoint intervals
        MetricSummary b = M("cost", 6720, 6715, 6725);
        MetricSummary c = M("cost", 7392, 7387, 7397);

        // When
        (double change, CompareVerdict verdict) = CompareRules.Judge(b, c, 0.05, CompareRules.DirectionOf("cost"));

        // Then
        Assert.That(change, Is.EqualTo(0.10).Within(1e-12));
        Assert.That(verdict, Is.EqualTo(CompareVerdict.Regressed));
    }

    [Test]
    public void Judge_CostDownBeyondToleranceAndCisApart_Improved()
    {
        (_, CompareVerdict verdict) = CompareRules.Judge(M("cost", 7392, 7387, 7397), M("cost", 6720, 6715, 6725), 0.05, MeasureDirection.HigherIsWorse);

        Assert.That(verdict, Is.EqualTo(CompareVerdict.Improved));
    }

    [Test]
    public void Judge_BeyondToleranceButCisOverlap_Ok()
    {
        // Given p99.9 latency +12% but both intervals wide (noisy tail)
        MetricSummary b = M("latency_p999_s", 1.2, 1.0, 1.4);
        MetricSummary c = M("latency_p999_s", 1.344, 1.15, 1.55);

        // When
        (double change, CompareVerdict verdict) = CompareRules.Judge(b, c, 0.05, MeasureDirection.HigherIsWorse);

        // Then
        Assert.That(change, Is.GreaterThan(0.05));
        Assert.That(verdict, Is.EqualTo(CompareVerdict.Ok));
    }

    [Test]
    public void Judge_CisApartButWithinTolerance_Ok()
    {
        // Given cost +0.15% with zero-width intervals (billing is deterministic)
        (double change, CompareVerdict verdict) = CompareRules.Judge(M("cost", 6720, 6720, 6720), M("cost", 6730, 6730, 6730), 0.05, MeasureDirection.HigherIsWorse);

        Assert.That(change, Is.LessThan(0.05));
        Assert.That(verdict, Is.EqualTo(CompareVerdict.Ok));
    }

    [Test]
    public void Judge_TouchingIntervals_CountAsOverlap()
    {
        (_, CompareVerdict verdict) = CompareRules.Judge(M("cost", 100, 90, 110), M("cost", 120, 110, 130), 0.05, MeasureDirection.HigherIsWorse);

        Assert.That(verdict, Is.EqualTo(CompareVerdict.Ok));
    }

    [Test]
    public void Judge_AvailabilityDown_Regressed_Up_Improved()
    {
        MetricSummary high = M("availability", 0.9995, 0.9994, 0.9996);
        MetricSummary low = M("availability", 0.93, 0.92, 0.94);

        Assert.Multiple(() =>
        {
            Assert.That(CompareRules.Judge(high, low, 0.05, CompareRules.DirectionOf("availability")).Verdict, Is.EqualTo(CompareVerdict.Regressed));
            Assert.That(CompareRules.Judge(low, high, 0.05, CompareRules.DirectionOf("availability")).Verdict, Is.EqualTo(CompareVerdict.Improved));
        });
    }

    [Test]
    public void Judge_NeutralMeasureMoved_ChangedNotRegressed()
    {
        (_, CompareVerdict verdict) = CompareRules.Judge(M("events", 1e6, 0.99e6, 1.01e6), M("events", 2e6, 1.99e6, 2.01e6), 0.05, CompareRules.DirectionOf("events"));

        Assert.That(verdict, Is.EqualTo(CompareVerdict.Changed));
    }

    [Test]
    public void Judge_BaselineZeroCurrentPositive_InfiniteChangeRegressed()
    {
        (double change, CompareVerdict verdict) = CompareRules.Judge(M("timeouts", 0, 0, 0), M("timeouts", 40, 28, 52), 0.05, MeasureDirection.HigherIsWorse);

        Assert.That(change, Is.EqualTo(double.PositiveInfinity));
        Assert.That(verdict, Is.EqualTo(CompareVerdict.Regressed));
    }

    [Test]
    public void Judge_NoCi_DecidesOnToleranceAlone()
    {
        // Given one replication: no confidence interval on either side
        (_, CompareVerdict verdict) = CompareRules.Judge(M("cost", 100, double.NaN, double.NaN), M("cost", 110, double.NaN, double.NaN), 0.05, MeasureDirection.HigherIsWorse);

        Assert.That(verdict, Is.EqualTo(CompareVerdict.Regressed));
    }

    [Test]
    public void Judge_NaNOnBothSides_NotAvailable_OnOneSide_Missing()
    {
        MetricSummary none = M("batch_completion_s", double.NaN, double.NaN, double.NaN);
        MetricSummary some = M("batch_completion_s", 3600, 3500, 3700);

        Assert.Multiple(() =>
        {
            Assert.That(CompareRules.Judge(none, none, 0.05, MeasureDirection.HigherIsWorse).Verdict, Is.EqualTo(CompareVerdict.NotAvailable));
            Assert.That(CompareRules.Judge(none, some, 0.05, MeasureDirection.HigherIsWorse).Verdict, Is.EqualTo(CompareVerdict.Missing));
            Assert.That(CompareRules.Judge(some, null, 0.05, MeasureDirection.HigherIsWorse).Verdict, Is.EqualTo(CompareVerdict.Missing));
        });
    }

    [Test]
    public void DirectionOf_EveryKnownMeasure_HasADeliberateDirection()
    {
        // Given the measures whose worse direction the outputs spec implies
        string[] upWorse = ["cost", "cost_per_1000_images", "unit_hours", "latency_p99_s", "latency_mean_s", "failed_rate", "throttle_rate", "timeouts", "retries", "requests_failed", "server_errors", "throttled_attempts", "wait_mean_s", "batch_completion_s"];
        string[] downWorse = ["availability", "requests_succeeded", "rated_tps_per_unit"];
        string[] neutral = ["requests_arrived", "events", "attempts", "utilization", "units_ready_mean", "units_desired_mean", "requests_in_flight_at_end", "some_future_measure"];

        Assert.Multiple(() =>
        {
            foreach (string m in upWorse)
            {
                Assert.That(CompareRules.DirectionOf(m), Is.EqualTo(MeasureDirection.HigherIsWorse), m);
            }

            foreach (string m in downWorse)
            {
                Assert.That(CompareRules.DirectionOf(m), Is.EqualTo(MeasureDirection.LowerIsWorse), m);
            }

            foreach (string m in neutral)
            {
                Assert.That(CompareRules.DirectionOf(m), Is.EqualTo(MeasureDirection.Neutral), m);
            }

            Assert.That(CompareRules.IsExcluded("wall_s"), Is.True);
            Assert.That(CompareRules.IsExcluded("cost"), Is.False);
        });
    }
}
