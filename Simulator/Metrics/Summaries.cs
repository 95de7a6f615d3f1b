using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace LookoutSim.Metrics;

/// <summary>Measures across replications and SLO verdicts.</summary>
public static class Summaries
{
    /// <summary>
    /// Every measure of <see cref="MeasureNames.All"/> across <paramref name="replications"/>: mean,
    /// 95% Student-t confidence interval of the mean (t with n−1 degrees of freedom × s/√n), min
    /// and max, over the replications whose value is not NaN. No value: all NaN. One value: the
    /// interval is the value itself. Then, when any replication has them (a run with outage
    /// windows), the same for <see cref="MeasureNames.Outage"/>.
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

        return result;
    }

    /// <summary>The summary of one measure's values (NaNs already removed).</summary>
    public static MetricSummary Summarize(string name, string unit, IReadOnlyList<double> values)
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
            return new MetricSummary(name, unit, mean, mean, mean, min, max);
        }

        double half = HalfWidth95(values.StandardDeviation(), n);
        return new MetricSummary(name, unit, mean, mean - half, mean + half, min, max);
    }

    /// <summary>Half-width of the 95% Student-t interval of a mean: t(0.975, n−1) × s / √n.</summary>
    public static double HalfWidth95(double sampleStdDev, int n) =>
        n < 2 ? 0 : StudentT.InvCDF(0, 1, n - 1, 0.975) * sampleStdDev / Math.Sqrt(n);

    /// <summary>
    /// The SLO verdicts. Per replication, each target is checked on that replication's measure
    /// (a NaN measure — e.g. no request succeeded — does not meet it). Overall, a target is met
    /// when the mean of the measure across replications meets it (the same rule as a single run
    /// of the mean); <see cref="SloVerdict.MetReplications"/> shows how many replications met it,
    /// so a planner can ask for all of them instead.
    /// </summary>
    public static IReadOnlyList<SloVerdict> Verdicts(IReadOnlyList<ReplicationResult> replications, SloTargets targets)
    {
        ArgumentNullException.ThrowIfNull(replications);
        ArgumentNullException.ThrowIfNull(targets);
        var verdicts = new List<SloVerdict>();
        if (targets.LatencyP99S is double p99)
        {
            verdicts.Add(Verdict(replications, "latency_p99", Measure.LatencyP99S.Name, p99, atMost: true));
        }

        if (targets.MaxFailed is double maxFailed)
        {
            verdicts.Add(Verdict(replications, "max_failed", Measure.FailedRate.Name, maxFailed, atMost: true));
        }

        if (targets.Availability is double availability)
        {
            verdicts.Add(Verdict(replications, "availability", Measure.Availability.Name, availability, atMost: false));
        }

        return verdicts;
    }

    private static SloVerdict Verdict(IReadOnlyList<ReplicationResult> replications, string slo, string measure, double target, bool atMost)
    {
        int met = 0;
        double sum = 0;
        int n = 0;
        foreach (ReplicationResult r in replications)
        {
            double v = r.Measures.TryGetValue(measure, out double x) ? x : double.NaN;
            if (Meets(v, target, atMost))
            {
                met++;
            }

            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        double mean = n > 0 ? sum / n : double.NaN;
        return new SloVerdict(slo, target, met, n > 0 && Meets(mean, target, atMost));
    }

    private static bool Meets(double value, double target, bool atMost) =>
        !double.IsNaN(value) && (atMost ? value <= target : value >= target);
}
