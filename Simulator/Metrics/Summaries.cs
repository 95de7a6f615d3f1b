using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace LookoutSim.Metrics;

/// <summary>Measures across replications and SLO verdicts.</summary>
public static class Summaries
{
    /// <summary>
    /// Every measure of <see cref="MeasureNames.All"/> across <paramref name="replications"/>: mean,
    /// 95% confidence interval of the mean, min and max, over the replications whose value is not
    /// NaN (see <see cref="Summarize(string, string, IReadOnlyList{double})"/>), then, when any
    /// replication has them (a run with outage windows), the same for <see cref="MeasureNames.Outage"/>.
    /// When no request failed in any replication, the failed share, the availability and the failed
    /// count get the Clopper–Pearson interval of the pooled counts instead (<see cref="ZeroFailuresUpper"/>):
    /// zero failures in N requests does not show that the failed share is 0, only that it is small.
    /// </summary>
    public static IReadOnlyList<MetricSummary> Summarize(IReadOnlyList<ReplicationResult> replications)
    {
        ArgumentNullException.ThrowIfNull(replications);
        var result = new List<MetricSummary>(MeasureNames.All.Count);
        var values = new List<double>(replications.Count);
        bool windows = replications.Any(r => r.Measures.ContainsKey(MeasureNames.Outage[0].Name));
        foreach ((string name, string unit) in windows ? MeasureNames.All.Concat(MeasureNames.Outage) : MeasureNames.All)
        {
            values.Clear();
            foreach (ReplicationResult r in replications)
            {
                if (r.Measures.TryGetValue(name, out double v) && !double.IsNaN(v))
                {
                    values.Add(v);
                }
            }

            result.Add(Summarize(name, unit, values));
        }

        BoundZeroFailures(result, replications, "");
        if (windows)
        {
            BoundZeroFailures(result, replications, MeasureNames.OutagePrefix);
        }

        return result;
    }

    /// <summary>
    /// The summary of one measure's values (NaNs already removed): the mean, and the 95% Student-t
    /// interval of the mean (t with n−1 degrees of freedom × s/√n) cut to the measure's domain
    /// (<see cref="Domain"/>: a share within [0, 1], anything else not below 0). No value: all NaN.
    /// One value: no interval (NaN, shown as n/a), since one replication says nothing of the spread.
    /// </summary>
    public static MetricSummary Summarize(string name, string unit, IReadOnlyList<double> values) =>
        Summarize(name, unit, values, Domain(unit));

    /// <summary>
    /// The summary of differences of one measure (e.g. paired high − low): as
    /// <see cref="Summarize(string, string, IReadOnlyList{double})"/>, but the interval is not cut to
    /// the measure's domain, since a difference of non-negative values may be negative.
    /// </summary>
    public static MetricSummary SummarizeDifferences(string name, string unit, IReadOnlyList<double> values) =>
        Summarize(name, unit, values, (double.NegativeInfinity, double.PositiveInfinity));

    private static MetricSummary Summarize(string name, string unit, IReadOnlyList<double> values, (double Low, double High) domain)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n == 0)
        {
            return new MetricSummary(name, unit, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = values.Average();
        double min = values.Min();
        double max = values.Max();
        if (n == 1)
        {
            return new MetricSummary(name, unit, mean, double.NaN, double.NaN, min, max);
        }

        double half = HalfWidth95(values.StandardDeviation(), n);
        (double low, double high) = domain;
        return new MetricSummary(name, unit, mean, Math.Clamp(mean - half, low, high), Math.Clamp(mean + half, low, high), min, max);
    }

    /// <summary>The values a measure of <paramref name="unit"/> can take: [0, 1] for a <c>ratio</c>, [0, ∞) for every other unit (counts, seconds, units, money, rates).</summary>
    public static (double Low, double High) Domain(string unit) =>
        unit == "ratio" ? (0, 1) : (0, double.PositiveInfinity);

    /// <summary>
    /// The upper end of the two-sided 95% Clopper–Pearson interval of a share when none of
    /// <paramref name="trials"/> failed: 1 − 0.025^(1/N) (about 3.69 / N for large N; the "rule of
    /// three" is its one-sided cousin, 3 / N). NaN when there is no trial.
    /// </summary>
    public static double ZeroFailuresUpper(double trials) =>
        trials >= 1 ? 1 - Math.Exp(Math.Log(0.025) / trials) : double.NaN;

    private static void BoundZeroFailures(List<MetricSummary> summaries, IReadOnlyList<ReplicationResult> replications, string prefix)
    {
        double failed = 0;
        double ended = 0;
        int counted = 0;
        foreach (ReplicationResult r in replications)
        {
            if (r.Measures.TryGetValue(prefix + Measure.RequestsFailed.Name, out double f) && !double.IsNaN(f)
                && r.Measures.TryGetValue(prefix + Measure.RequestsSucceeded.Name, out double ok) && !double.IsNaN(ok))
            {
                failed += f;
                ended += f + ok;
                counted++;
            }
        }

        if (failed != 0 || ended < 1)
        {
            return;
        }

        double upper = ZeroFailuresUpper(ended);
        for (int i = 0; i < summaries.Count; i++)
        {
            MetricSummary m = summaries[i];
            if (m.Name == prefix + Measure.FailedRate.Name && !double.IsNaN(m.Mean))
            {
                summaries[i] = m with { Ci95Low = 0, Ci95High = upper };
            }
            else if (m.Name == prefix + Measure.Availability.Name && !double.IsNaN(m.Mean))
            {
                summaries[i] = m with { Ci95Low = 1 - upper, Ci95High = 1 };
            }
            else if (m.Name == prefix + Measure.RequestsFailed.Name && !double.IsNaN(m.Mean))
            {
                summaries[i] = m with { Ci95Low = 0, Ci95High = upper * ended / counted };
            }
        }
    }

    /// <summary>Half-width of the 95% Student-t interval of a mean: t(0.975, n−1) × s / √n.</summary>
    public static double HalfWidth95(double sampleStdDev, int n) =>
        n < 2 ? 0 : StudentT.InvCDF(0, 1, n - 1, 0.975) * sampleStdDev / Math.Sqrt(n);

    /// <summary>
    /// The SLO verdicts, by the same rule as <c>plan</c> and <c>sweep</c>: a target is met when the
    /// 95% confidence bound of its measure on the far side is on the right side of it (upper bound of
    /// p99 latency and of the failed share at or under the target, lower bound of availability at or
    /// above it), the intervals being those of <see cref="Summarize(IReadOnlyList{ReplicationResult})"/>.
    /// With one replication (no interval) its value decides. <see cref="SloVerdict.MetReplications"/>
    /// counts the replications whose own value met the target (a NaN value — e.g. no request
    /// succeeded — does not).
    /// </summary>
    public static IReadOnlyList<SloVerdict> Verdicts(IReadOnlyList<ReplicationResult> replications, SloTargets targets)
    {
        ArgumentNullException.ThrowIfNull(replications);
        ArgumentNullException.ThrowIfNull(targets);
        var verdicts = new List<SloVerdict>();
        if (!targets.Any)
        {
            return verdicts;
        }

        IReadOnlyList<MetricSummary> summaries = Summarize(replications);
        foreach ((string slo, string measure, double target, bool upper) in targets.Checks())
        {
            int met = replications.Count(r => Meets(r.Measures.TryGetValue(measure, out double x) ? x : double.NaN, target, upper));
            MetricSummary s = summaries.First(m => m.Name == measure);
            double bound = upper ? s.Ci95High : s.Ci95Low;
            string rule = upper ? SloVerdict.UpperBoundRule : SloVerdict.LowerBoundRule;
            if (double.IsNaN(bound))
            {
                bound = s.Mean;
                rule = SloVerdict.MeanRule;
            }

            verdicts.Add(new SloVerdict(slo, target, met, Meets(bound, target, upper), s.Mean, bound, rule));
        }

        return verdicts;
    }

    private static bool Meets(double value, double target, bool atMost) =>
        !double.IsNaN(value) && (atMost ? value <= target : value >= target);
}
