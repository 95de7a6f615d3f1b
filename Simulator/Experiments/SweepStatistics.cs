using LookoutSim.Metrics;
using MathNet.Numerics.Distributions;

namespace LookoutSim.Experiments;

/// <summary>
/// The plain summary of replications the sweep and the planner fall back on when the caller does
/// not pass its own: per measure the mean, the Student-t 95% confidence interval of the mean,
/// min and max over the replications that have a value (NaN values are skipped).
/// </summary>
/// <remarks>With no value every field is NaN; with one value the interval is NaN (it is undefined), min = max = mean.</remarks>
public static class SweepStatistics
{
    /// <summary>Every measure of <see cref="MeasureNames.All"/>, in that order, then of <see cref="MeasureNames.Outage"/> when a replication has them.</summary>
    public static IReadOnlyList<MetricSummary> Summarize(IReadOnlyList<ReplicationResult> replications)
    {
        var summaries = new List<MetricSummary>(MeasureNames.All.Count);
        bool windows = replications.Any(r => r.Measures.ContainsKey(MeasureNames.Outage[0].Name));
        foreach ((string name, string unit) in windows ? MeasureNames.All.Concat(MeasureNames.Outage) : MeasureNames.All)
        {
            double[] values = replications
                .Select(r => r.Measures.TryGetValue(name, out double v) ? v : double.NaN)
                .Where(v => !double.IsNaN(v))
                .ToArray();
            summaries.Add(Summarize(name, unit, values));
        }

        return summaries;
    }

    /// <summary>The summary of one measure's values.</summary>
    public static MetricSummary Summarize(string name, string unit, IReadOnlyList<double> values)
    {
        int n = values.Count;
        if (n == 0)
        {
            return new MetricSummary(name, unit, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = values.Average();
        if (n == 1)
        {
            return new MetricSummary(name, unit, mean, double.NaN, double.NaN, mean, mean);
        }

        double ss = 0;
        foreach (double v in values)
        {
            ss += (v - mean) * (v - mean);
        }

        double half = HalfWidth(n) * Math.Sqrt(ss / (n - 1) / n);
        return new MetricSummary(name, unit, mean, mean - half, mean + half, values.Min(), values.Max());
    }

    /// <summary>The 97.5% quantile of Student's t with n − 1 degrees of freedom.</summary>
    public static double HalfWidth(int n) => StudentT.InvCDF(0, 1, n - 1, 0.975);
}
