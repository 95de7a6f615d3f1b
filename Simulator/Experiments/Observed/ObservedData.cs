using System.Collections.Immutable;

namespace LookoutSim.Experiments.Observed;

/// <summary>One observed period of a series: its start, seconds from the window start, and its value.</summary>
/// <param name="TimeS">Start of the period, seconds from <see cref="ObservedData.Start"/>.</param>
/// <param name="Value">Calls per period for counts, the period average for unit counts, seconds for latency.</param>
public readonly record struct ObservedPoint(double TimeS, double Value);

/// <summary>One metric's observed series, in time order, one point per period that has a datapoint.</summary>
/// <param name="Metric">The CloudWatch metric name (<c>SuccessfulRequestCount</c>).</param>
/// <param name="Kind">What it measures.</param>
/// <param name="Points">Its points, strictly increasing in time, each on a period boundary. CloudWatch
/// publishes no datapoint for a period without calls, so a count series may skip periods.</param>
public sealed record ObservedSeries(string Metric, ObservedKind Kind, ImmutableArray<ObservedPoint> Points)
{
    /// <summary>The sum of the values (calls in all, for a count series).</summary>
    public double Total()
    {
        double total = 0;
        foreach (ObservedPoint p in Points)
        {
            total += p.Value;
        }

        return total;
    }

    /// <summary>
    /// The values by period index (<c>time_s ÷ <paramref name="periodLength"/></c>) over <paramref name="count"/> periods;
    /// periods without a datapoint hold <paramref name="missing"/>.
    /// </summary>
    public double[] ByPeriod(double periodLength, int count, double missing)
    {
        var values = new double[count];
        Array.Fill(values, missing);
        foreach (ObservedPoint p in Points)
        {
            long i = (long)Math.Round(p.TimeS / periodLength);
            if (i >= 0 && i < count)
            {
                values[i] = p.Value;
            }
        }

        return values;
    }
}

/// <summary>
/// The observed folder as read back (<c>observed.csv</c>): the window's start, its period, and the
/// series of each metric read. What <c>import cloudwatch</c> writes and <c>backtest</c> and
/// <c>fit autoscaler</c> compare a scenario with.
/// </summary>
/// <param name="Start">The window's start (UTC): the first period's start timestamp; time 0.</param>
/// <param name="PeriodS">The period of every series, seconds (60 for per-minute metrics).</param>
/// <param name="Series">One per metric, in catalogue order (<see cref="CloudWatchMetrics"/>).</param>
public sealed record ObservedData(DateTimeOffset Start, double PeriodS, ImmutableArray<ObservedSeries> Series)
{
    /// <summary>The series of <paramref name="kind"/>, or null when it was not observed.</summary>
    public ObservedSeries? Find(ObservedKind kind) => Series.FirstOrDefault(s => s.Kind == kind);

    /// <summary>Periods in the window: from time 0 to the end of the last period with a datapoint in any series.</summary>
    public int PeriodCount
    {
        get
        {
            double last = -1;
            foreach (ObservedSeries s in Series)
            {
                if (s.Points.Length > 0)
                {
                    last = Math.Max(last, s.Points[^1].TimeS);
                }
            }

            return last < 0 ? 0 : (int)Math.Round(last / PeriodS) + 1;
        }
    }

    /// <summary>The window's length, seconds (<see cref="PeriodCount"/> × <see cref="PeriodS"/>).</summary>
    public double WindowS => PeriodCount * PeriodS;

    /// <summary>The namespace the metric names can only come from, or null when every name is shared by both.</summary>
    public string? Namespace => CloudWatchMetrics.NamespaceOf(Series.Select(s => s.Metric));
}
