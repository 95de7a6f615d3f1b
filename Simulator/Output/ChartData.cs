using HdrHistogram;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>A time range in which a zone was down in one replication, in seconds from the start.</summary>
/// <param name="Replication">Replication index.</param>
/// <param name="Zone">Zone name.</param>
/// <param name="StartS">Start, seconds.</param>
/// <param name="EndS">End, seconds (the horizon when the zone never came back).</param>
public readonly record struct ZoneOutage(int Replication, string Zone, double StartS, double EndS);

/// <summary>
/// The series the charts draw, taken from a <see cref="RunResult"/>: per interval, the mean across
/// replications (a replication missing an interval or with NaN there is left out of that mean),
/// cumulative cost with its min–max band, ready units by zone, zone outages and the merged latency
/// histogram. Kept apart from drawing so that it can be checked without pixels.
/// </summary>
public sealed class ChartData
{
    /// <summary>Most points drawn per line: longer series are averaged over consecutive intervals.</summary>
    public const int MaxPoints = 2000;

    private ChartData()
    {
    }

    /// <summary>Seconds per unit of the time axis: 60 (minutes) up to 2 hours, 3600 (hours) up to 3 days, 86400 (days) beyond.</summary>
    public double TimeUnitS { get; private init; }

    /// <summary>Name of the time axis unit: <c>min</c>, <c>h</c> or <c>days</c>.</summary>
    public string TimeUnitName { get; private init; } = "h";

    /// <summary>Horizon in time-axis units.</summary>
    public double Horizon { get; private init; }

    /// <summary>Interval length, seconds.</summary>
    public double IntervalS { get; private init; }

    /// <summary>Start of each (possibly averaged) interval, in time-axis units.</summary>
    public double[] Times { get; private init; } = [];

    /// <summary>Width of each plotted point, in time-axis units.</summary>
    public double Step { get; private init; }

    /// <summary>Demand: arrivals per second (mean across replications).</summary>
    public double[] DemandTps { get; private init; } = [];

    /// <summary>Rated capacity of ready units, calls/s.</summary>
    public double[] CapacityTps { get; private init; } = [];

    /// <summary>
    /// Rated calls/s of one unit: the run's <c>rated_tps_per_unit</c>, else capacity ÷ ready units of
    /// the first interval with a ready unit; NaN when neither is known.
    /// </summary>
    public double RatedTpsPerUnit { get; private init; } = double.NaN;

    /// <summary>Ready units (all zones).</summary>
    public double[] UnitsReady { get; private init; } = [];

    /// <summary>Desired units.</summary>
    public double[] UnitsDesired { get; private init; } = [];

    /// <summary>Median latency of the interval, seconds (NaN when no request succeeded).</summary>
    public double[] LatencyP50S { get; private init; } = [];

    /// <summary>99th percentile latency of the interval, seconds.</summary>
    public double[] LatencyP99S { get; private init; } = [];

    /// <summary>Throttled attempts as a percentage of attempts.</summary>
    public double[] ThrottledPercent { get; private init; } = [];

    /// <summary>Failed requests as a percentage of requests that ended (succeeded + failed).</summary>
    public double[] FailedPercent { get; private init; } = [];

    /// <summary>Times of the cumulative cost points (interval ends, starting at 0).</summary>
    public double[] CostTimes { get; private init; } = [];

    /// <summary>Mean cumulative cost.</summary>
    public double[] CostMean { get; private init; } = [];

    /// <summary>Lowest cumulative cost of any replication.</summary>
    public double[] CostMin { get; private init; } = [];

    /// <summary>Highest cumulative cost of any replication.</summary>
    public double[] CostMax { get; private init; } = [];

    /// <summary>Zone names in order.</summary>
    public IReadOnlyList<string> Zones { get; private init; } = [];

    /// <summary>Ready units by zone (mean across replications), aligned with <see cref="ZoneTimes"/>.</summary>
    public IReadOnlyList<double[]> ZoneReady { get; private init; } = [];

    /// <summary>Times of the zone rows, in time-axis units.</summary>
    public double[] ZoneTimes { get; private init; } = [];

    /// <summary>Every zone outage of every replication.</summary>
    public IReadOnlyList<ZoneOutage> Outages { get; private init; } = [];

    /// <summary>Client latency of all replications merged, microseconds.</summary>
    public LongHistogram Latency { get; private init; } = new(2, 3);

    /// <summary>Number of replications.</summary>
    public int Replications { get; private init; }

    /// <summary>Extracts the chart series from a result.</summary>
    public static ChartData From(RunResult result)
    {
        double unit = result.HorizonS > 3 * 86400 ? 86400 : result.HorizonS > 2 * 3600 ? 3600 : 60;
        double interval = result.IntervalS > 0 ? result.IntervalS : 60;

        // Interval index → per-replication sums.
        var times = new List<double>();
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (TimeSeriesRow row in r.TimeSeries)
            {
                times.Add(row.TimeS);
            }
        }

        double[] t = SortedDistinct(times);
        var index = new Dictionary<double, int>(t.Length);
        for (int i = 0; i < t.Length; i++)
        {
            index[t[i]] = i;
        }

        int n = t.Length;
        var demand = new MeanAccumulator(n);
        var capacity = new MeanAccumulator(n);
        var ready = new MeanAccumulator(n);
        var desired = new MeanAccumulator(n);
        var p50 = new MeanAccumulator(n);
        var p99 = new MeanAccumulator(n);
        var throttled = new double[n];
        var attempts = new double[n];
        var failed = new double[n];
        var ended = new double[n];
        int reps = result.Replications.Count;
        var cumulative = new double[reps][];
        for (int k = 0; k < reps; k++)
        {
            ReplicationResult r = result.Replications[k];
            cumulative[k] = new double[n];
            var costAt = new double[n];
            foreach (TimeSeriesRow row in r.TimeSeries)
            {
                int i = index[row.TimeS];
                demand.Add(i, row.Arrivals / interval);
                capacity.Add(i, row.CapacityTps);
                ready.Add(i, row.UnitsReady);
                desired.Add(i, row.UnitsDesired);
                p50.Add(i, row.LatencyP50S);
                p99.Add(i, row.LatencyP99S);
                throttled[i] += row.Throttled;
                attempts[i] += row.Attempts;
                failed[i] += row.Failed;
                ended[i] += row.Failed + row.Succeeded;
                costAt[i] += double.IsFinite(row.Cost) ? row.Cost : 0;
            }

            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += costAt[i];
                cumulative[k][i] = sum;
            }
        }

        var costMean = new double[n + 1];
        var costMin = new double[n + 1];
        var costMax = new double[n + 1];
        var costTimes = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            costTimes[i + 1] = (t[i] + interval) / unit;
            if (reps > 0)
            {
                // Sums of finite costs, so never NaN: the mean, least and greatest over replications.
                double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
                foreach (double[] c in cumulative)
                {
                    sum += c[i];
                    min = Math.Min(min, c[i]);
                    max = Math.Max(max, c[i]);
                }

                costMean[i + 1] = sum / reps;
                costMin[i + 1] = min;
                costMax[i + 1] = max;
            }
        }

        var throttledPct = new double[n];
        var failedPct = new double[n];
        for (int i = 0; i < n; i++)
        {
            throttledPct[i] = attempts[i] > 0 ? 100 * throttled[i] / attempts[i] : 0;
            failedPct[i] = ended[i] > 0 ? 100 * failed[i] / ended[i] : 0;
        }

        int block = Math.Max(1, (n + MaxPoints - 1) / MaxPoints);
        (double[] zoneTimes, List<string> zoneNames, List<double[]> zoneReady) = ZoneSeries(result, unit, block);
        double[] times0 = t.Select(x => x / unit).ToArray();
        double[] capacityMeans = capacity.Means();
        double[] readyMeans = ready.Means();
        double rated = result.Metrics.FirstOrDefault(m => m.Name == Measure.RatedTpsPerUnit.Name)?.Mean ?? double.NaN;
        for (int i = 0; i < n && !(rated > 0 && double.IsFinite(rated)); i++)
        {
            if (readyMeans[i] > 0 && double.IsFinite(capacityMeans[i]))
            {
                rated = capacityMeans[i] / readyMeans[i];
            }
        }

        return new ChartData
        {
            TimeUnitS = unit,
            TimeUnitName = unit switch { 60 => "min", 3600 => "h", _ => "days" },
            Horizon = result.HorizonS / unit,
            IntervalS = interval,
            Times = Every(times0, block),
            Step = interval * block / unit,
            DemandTps = Average(demand.Means(), block),
            CapacityTps = Average(capacityMeans, block),
            RatedTpsPerUnit = rated > 0 && double.IsFinite(rated) ? rated : double.NaN,
            UnitsReady = Average(readyMeans, block),
            UnitsDesired = Average(desired.Means(), block),
            LatencyP50S = Average(p50.Means(), block),
            LatencyP99S = Average(p99.Means(), block),
            ThrottledPercent = Average(throttledPct, block),
            FailedPercent = Average(failedPct, block),
            CostTimes = EveryKeepLast(costTimes, block),
            CostMean = EveryKeepLast(costMean, block),
            CostMin = EveryKeepLast(costMin, block),
            CostMax = EveryKeepLast(costMax, block),
            Zones = zoneNames,
            ZoneTimes = zoneTimes,
            ZoneReady = zoneReady,
            Outages = FindOutages(result),
            Latency = ResultsCsv.MergedLatency(result),
            Replications = reps,
        };
    }

    /// <summary>
    /// Zone outages from <c>zone_down</c>/<c>zone_up</c> events; when a result has no zone events at
    /// all, from runs of <c>up = false</c> in the zone rows.
    /// </summary>
    public static IReadOnlyList<ZoneOutage> FindOutages(RunResult result)
    {
        var outages = new List<ZoneOutage>();
        bool anyZoneEvent = false;
        foreach (ReplicationResult r in result.Replications)
        {
            var down = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (EventRow e in r.Events)
            {
                if (e.Kind == "zone_down")
                {
                    anyZoneEvent = true;
                    down.TryAdd(e.Zone, e.TimeS);
                }
                else if (e.Kind == "zone_up")
                {
                    anyZoneEvent = true;
                    if (down.Remove(e.Zone, out double start))
                    {
                        outages.Add(new ZoneOutage(r.Replication, e.Zone, start, e.TimeS));
                    }
                }
            }

            foreach ((string zone, double start) in down.OrderBy(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal))
            {
                outages.Add(new ZoneOutage(r.Replication, zone, start, result.HorizonS));
            }
        }

        if (anyZoneEvent)
        {
            return outages;
        }

        double interval = result.IntervalS > 0 ? result.IntervalS : 60;
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (IGrouping<string, ZoneRow> zone in r.Zones.GroupBy(z => z.Zone, StringComparer.Ordinal))
            {
                double? start = null;
                double last = 0;
                foreach (ZoneRow row in zone.OrderBy(z => z.TimeS))
                {
                    if (!row.Up && start is null)
                    {
                        start = row.TimeS;
                    }
                    else if (row.Up && start is not null)
                    {
                        outages.Add(new ZoneOutage(r.Replication, zone.Key, start.Value, row.TimeS));
                        start = null;
                    }

                    last = row.TimeS;
                }

                if (start is not null)
                {
                    outages.Add(new ZoneOutage(r.Replication, zone.Key, start.Value, Math.Min(result.HorizonS, last + interval)));
                }
            }
        }

        return outages;
    }

    private static (double[] Times, List<string> Names, List<double[]> Ready) ZoneSeries(RunResult result, double unit, int block)
    {
        var names = new List<string>(result.Zones);
        var times = new List<double>();
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (ZoneRow z in r.Zones)
            {
                times.Add(z.TimeS);
                if (!names.Contains(z.Zone))
                {
                    names.Add(z.Zone);
                }
            }
        }

        double[] t = SortedDistinct(times);
        var index = new Dictionary<double, int>(t.Length);
        for (int i = 0; i < t.Length; i++)
        {
            index[t[i]] = i;
        }

        var acc = names.Select(_ => new MeanAccumulator(t.Length)).ToList();
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (ZoneRow z in r.Zones)
            {
                acc[names.IndexOf(z.Zone)].Add(index[z.TimeS], z.UnitsReady);
            }
        }

        return (Every(t.Select(x => x / unit).ToArray(), block), names, acc.Select(a => Average(a.Means(), block)).ToList());
    }

    /// <summary>
    /// The distinct values of <paramref name="values"/> in ascending order, as a sorted set would hold
    /// them (equal under <see cref="double.CompareTo(double)"/> counts once). A replication's rows
    /// come in time order, so the sort has little to do; a sorted set of a week's minutes cost tens
    /// of milliseconds.
    /// </summary>
    internal static double[] SortedDistinct(List<double> values)
    {
        double[] all = [.. values];
        Array.Sort(all);
        int kept = 0;
        foreach (double v in all)
        {
            if (kept == 0 || v.CompareTo(all[kept - 1]) != 0)
            {
                all[kept++] = v;
            }
        }

        Array.Resize(ref all, kept);
        return all;
    }

    private static double[] Every(double[] xs, int block)
    {
        if (block == 1)
        {
            return xs;
        }

        var result = new double[(xs.Length + block - 1) / block];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = xs[i * block];
        }

        return result;
    }

    private static double[] EveryKeepLast(double[] xs, int block)
    {
        if (block == 1 || xs.Length == 0)
        {
            return xs;
        }

        var picked = new List<double>();
        for (int i = 0; i < xs.Length; i += block)
        {
            picked.Add(xs[i]);
        }

        if ((xs.Length - 1) % block != 0)
        {
            picked.Add(xs[^1]);
        }

        return [.. picked];
    }

    private static double[] Average(double[] xs, int block)
    {
        if (block == 1)
        {
            return xs;
        }

        var result = new double[(xs.Length + block - 1) / block];
        for (int i = 0; i < result.Length; i++)
        {
            double sum = 0;
            int count = 0;
            for (int j = i * block; j < Math.Min(xs.Length, (i + 1) * block); j++)
            {
                if (!double.IsNaN(xs[j]))
                {
                    sum += xs[j];
                    count++;
                }
            }

            result[i] = count > 0 ? sum / count : double.NaN;
        }

        return result;
    }

    private sealed class MeanAccumulator(int n)
    {
        private readonly double[] sum = new double[n];
        private readonly int[] count = new int[n];

        public void Add(int i, double value)
        {
            if (!double.IsNaN(value))
            {
                sum[i] += value;
                count[i]++;
            }
        }

        public double[] Means()
        {
            var m = new double[sum.Length];
            for (int i = 0; i < m.Length; i++)
            {
                m[i] = count[i] > 0 ? sum[i] / count[i] : double.NaN;
            }

            return m;
        }
    }
}
