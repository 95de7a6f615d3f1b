using System.Collections;

namespace LookoutSim.Metrics;

/// <summary>
/// The time series of one replication kept as columns — one array per field, sized for the
/// horizon's intervals when the replication starts — and read as <see cref="TimeSeriesRow"/>s made
/// on demand. A month at one-minute intervals is 43,200 rows: as objects they would be the largest
/// thing a replication holds; as columns they are about a hundred bytes an interval.
/// </summary>
internal sealed class TimeSeriesColumns : IReadOnlyList<TimeSeriesRow>
{
    private readonly int _replication;
    private readonly double _interval;
    private readonly long[] _arrivals, _attempts, _succeeded, _throttled, _failed, _timeouts;
    private readonly int[] _unitsDesired;
    private readonly double[] _unitsReady, _utilization, _p50, _p99, _cost;

    /// <summary>Columns for as many intervals as the count arrays have; the counts are the collector's own arrays.</summary>
    public TimeSeriesColumns(
        int replication,
        double interval,
        long[] arrivals,
        long[] attempts,
        long[] succeeded,
        long[] throttled,
        long[] failed,
        long[] timeouts)
    {
        int intervals = arrivals.Length;
        _replication = replication;
        _interval = interval;
        (_arrivals, _attempts, _succeeded, _throttled, _failed, _timeouts) = (arrivals, attempts, succeeded, throttled, failed, timeouts);
        _unitsDesired = new int[intervals];
        _unitsReady = new double[intervals];
        _utilization = new double[intervals];
        _p50 = new double[intervals];
        _p99 = new double[intervals];
        _cost = new double[intervals];
    }

    /// <summary>
    /// These columns over the collector's resized count arrays (a copy continued with a shorter
    /// horizon, <see cref="MetricsCollector.ContinueAs"/>): the intervals closed so far are kept.
    /// </summary>
    public TimeSeriesColumns Resized(long[] arrivals, long[] attempts, long[] succeeded, long[] throttled, long[] failed, long[] timeouts)
    {
        if (Count > arrivals.Length)
        {
            throw new ArgumentException("more intervals are closed than the new columns hold", nameof(arrivals));
        }

        var to = new TimeSeriesColumns(_replication, _interval, arrivals, attempts, succeeded, throttled, failed, timeouts)
        {
            RatedTpsPerUnit = RatedTpsPerUnit,
            Count = Count,
        };
        Array.Copy(_unitsDesired, to._unitsDesired, Count);
        Array.Copy(_unitsReady, to._unitsReady, Count);
        Array.Copy(_utilization, to._utilization, Count);
        Array.Copy(_p50, to._p50, Count);
        Array.Copy(_p99, to._p99, Count);
        Array.Copy(_cost, to._cost, Count);
        return to;
    }

    /// <summary>A ready unit's rated calls/s, for the capacity column (set when the model is known).</summary>
    public double RatedTpsPerUnit { get; set; }

    /// <summary>Intervals closed so far.</summary>
    public int Count { get; private set; }

    /// <summary>The row of interval <paramref name="index"/>.</summary>
    public TimeSeriesRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return new TimeSeriesRow
            {
                Replication = _replication,
                TimeS = index * _interval,
                Arrivals = _arrivals[index],
                Attempts = _attempts[index],
                Succeeded = _succeeded[index],
                Throttled = _throttled[index],
                Failed = _failed[index],
                Timeouts = _timeouts[index],
                UnitsDesired = _unitsDesired[index],
                UnitsReady = _unitsReady[index],
                CapacityTps = _unitsReady[index] * RatedTpsPerUnit,
                Utilization = _utilization[index],
                LatencyP50S = _p50[index],
                LatencyP99S = _p99[index],
                Cost = _cost[index],
            };
        }
    }

    /// <summary>Closes the next interval with the levels measured over it (its counts are already in place).</summary>
    public void Close(int unitsDesired, double unitsReady, double utilization, double latencyP50S, double latencyP99S, double cost)
    {
        int k = Count++;
        _unitsDesired[k] = unitsDesired;
        _unitsReady[k] = unitsReady;
        _utilization[k] = utilization;
        _p50[k] = latencyP50S;
        _p99[k] = latencyP99S;
        _cost[k] = cost;
    }

    /// <inheritdoc />
    public IEnumerator<TimeSeriesRow> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The zone rows of one replication — each zone's state at every interval boundary — kept as
/// columns and read as <see cref="ZoneRow"/>s made on demand, boundary by boundary, zones in
/// deployment order.
/// </summary>
internal sealed class ZoneColumns : IReadOnlyList<ZoneRow>
{
    private readonly int _replication;
    private readonly string[] _zones;
    private double[] _times;
    private bool[] _up;
    private int[] _ready;
    private int[] _provisioning;
    private int _boundaries;

    /// <summary>Columns for about <paramref name="boundaries"/> boundaries of <paramref name="zones"/>; they grow if needed.</summary>
    public ZoneColumns(int replication, IReadOnlyList<string> zones, int boundaries)
    {
        _replication = replication;
        _zones = [.. zones];
        boundaries = Math.Max(1, boundaries);
        _times = new double[boundaries];
        _up = new bool[boundaries * _zones.Length];
        _ready = new int[boundaries * _zones.Length];
        _provisioning = new int[boundaries * _zones.Length];
    }

    /// <summary>Rows so far: boundaries × zones.</summary>
    public int Count => _boundaries * _zones.Length;

    /// <summary>Row <paramref name="index"/>: boundary index / zones, zone index % zones.</summary>
    public ZoneRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return new ZoneRow
            {
                Replication = _replication,
                TimeS = _times[index / _zones.Length],
                Zone = _zones[index % _zones.Length],
                Up = _up[index],
                UnitsReady = _ready[index],
                UnitsProvisioning = _provisioning[index],
            };
        }
    }

    /// <summary>Starts the rows of a boundary at <paramref name="time"/>; then <see cref="Set"/> each zone.</summary>
    public void AddBoundary(double time)
    {
        if (_boundaries == _times.Length)
        {
            int bigger = _times.Length * 2;
            Array.Resize(ref _times, bigger);
            Array.Resize(ref _up, bigger * _zones.Length);
            Array.Resize(ref _ready, bigger * _zones.Length);
            Array.Resize(ref _provisioning, bigger * _zones.Length);
        }

        _times[_boundaries++] = time;
    }

    /// <summary>Zone <paramref name="zone"/>'s state at the last boundary.</summary>
    public void Set(int zone, bool up, int ready, int provisioning)
    {
        int i = ((_boundaries - 1) * _zones.Length) + zone;
        _up[i] = up;
        _ready[i] = ready;
        _provisioning[i] = provisioning;
    }

    /// <inheritdoc />
    public IEnumerator<ZoneRow> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
