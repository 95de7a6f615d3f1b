using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Experiments.Observed;

/// <summary>One period of one series: what was observed and what the replications simulated.</summary>
/// <param name="TimeS">Start of the period, seconds from the observed window's start.</param>
/// <param name="Series">The series' name (<see cref="BacktestSeries.Name"/>).</param>
/// <param name="Observed">The observed value (NaN when the period has no datapoint).</param>
/// <param name="SimMean">Mean over the replications that have a value.</param>
/// <param name="SimLow">Lower end of the 95% prediction band.</param>
/// <param name="SimHigh">Upper end of the 95% prediction band.</param>
public readonly record struct BacktestRow(double TimeS, string Series, double Observed, double SimMean, double SimLow, double SimHigh)
{
    /// <summary>Whether both an observation and a band exist for the period.</summary>
    public bool Compared => double.IsFinite(Observed) && double.IsFinite(SimMean);

    /// <summary>Whether the observation lies in the band (within 1e-9 of its ends).</summary>
    public bool Inside => Compared && Observed >= SimLow - 1e-9 && Observed <= SimHigh + 1e-9;
}

/// <summary>The error figures of one series over the compared periods.</summary>
/// <param name="Series">The series' name.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Periods">Periods with both an observation and a simulated value.</param>
/// <param name="Mae">Mean absolute error |sim_mean − observed|.</param>
/// <param name="Bias">Mean of sim_mean − observed (positive: the scenario simulates more than was observed).</param>
/// <param name="InsideShare">Share of the compared periods whose observation lies in the simulated band.</param>
/// <param name="ObservedMean">Mean of the observations compared.</param>
public sealed record BacktestScore(string Series, string Unit, int Periods, double Mae, double Bias, double InsideShare, double ObservedMean);

/// <summary>
/// Compares simulated replications with an observed series, period by period (<c>lookoutsim backtest</c>).
/// </summary>
/// <remarks>
/// The band of a period is a 95% prediction interval for one more replication, which is what one
/// observed day is: mean ± t(0.975, n−1) × s × √(1 + 1/n) over the n replications that have a value
/// (Student t; counts and units are clipped at 0). With one replication it is that replication's value.
/// </remarks>
public static class Backtest
{
    /// <summary>Compares <paramref name="replications"/> with <paramref name="observed"/>, series by series.</summary>
    /// <param name="replications">The simulated replications, whose time series have the observed period as interval.</param>
    /// <param name="observed">Per series, the observed value of each period (NaN where none), index k = period k of the window.</param>
    /// <param name="periodS">The period, seconds.</param>
    public static (IReadOnlyList<BacktestRow> Rows, IReadOnlyList<BacktestScore> Scores) Compare(
        IReadOnlyList<ReplicationResult> replications,
        IReadOnlyList<(BacktestSeries Series, double[] Values)> observed,
        double periodS)
    {
        ArgumentNullException.ThrowIfNull(replications);
        ArgumentNullException.ThrowIfNull(observed);
        var rows = new List<BacktestRow>();
        var scores = new List<BacktestScore>();
        foreach ((BacktestSeries series, double[] values) in observed)
        {
            var seriesRows = new List<BacktestRow>(values.Length);
            var sim = new List<double>(replications.Count);
            for (int k = 0; k < values.Length; k++)
            {
                sim.Clear();
                foreach (ReplicationResult r in replications)
                {
                    if (k < r.TimeSeries.Count && series.Simulated(r.TimeSeries[k]) is var v && double.IsFinite(v))
                    {
                        sim.Add(v);
                    }
                }

                (double mean, double low, double high) = Band(sim, series.NonNegative);
                seriesRows.Add(new BacktestRow(k * periodS, series.Name, values[k], mean, low, high));
            }

            rows.AddRange(seriesRows);
            scores.Add(Score(series, seriesRows));
        }

        return (rows, scores);
    }

    /// <summary>The mean and 95% prediction band of <paramref name="values"/> (NaN when empty).</summary>
    public static (double Mean, double Low, double High) Band(IReadOnlyList<double> values, bool nonNegative)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        double mean = values.Average();
        if (n == 1)
        {
            return (mean, mean, mean);
        }

        double half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 1, 0.975) * MathNet.Numerics.Statistics.Statistics.StandardDeviation(values) * Math.Sqrt(1 + (1.0 / n));
        double low = mean - half;
        return (mean, nonNegative ? Math.Max(0, low) : low, mean + half);
    }

    private static BacktestScore Score(BacktestSeries series, List<BacktestRow> rows)
    {
        var compared = rows.Where(r => r.Compared).ToList();
        if (compared.Count == 0)
        {
            return new BacktestScore(series.Name, series.Unit, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new BacktestScore(
            series.Name,
            series.Unit,
            compared.Count,
            compared.Average(r => Math.Abs(r.SimMean - r.Observed)),
            compared.Average(r => r.SimMean - r.Observed),
            (double)compared.Count(r => r.Inside) / compared.Count,
            compared.Average(r => r.Observed));
    }
}
