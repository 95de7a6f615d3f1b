using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// Replays a trace record by record, holding one record at a time (bounded memory whatever the
/// trace's length). A record at t is replayed at t / speed. With per-interval counts, the calls of
/// an interval are spread uniformly at random over it (drawn as sorted order statistics, one at a
/// time). Scale multiplies calls: ⌊scale × n⌋ plus one with probability frac(scale × n).
/// Records earlier than the clock (out of order) are replayed at once.
/// </summary>
internal sealed class TraceSource : TrafficSource
{
    private readonly TraceTraffic _config;
    private readonly double _interval;
    private ITraceCursor? _cursor;
    private long _remaining;
    private double _position;
    private double _end;

    public TraceSource(ServingSystem system, int index, TraceTraffic config, ImageMix mix, Client client)
        : base(system, index, config, mix, client)
    {
        if (!(config.Speed > 0) || !(config.Scale >= 0))
        {
            throw new ArgumentException($"trace source '{config.Name}': speed must be > 0 and scale ≥ 0", nameof(config));
        }

        _config = config;
        _interval = config.Source.CountInterval / config.Speed;
    }

    /// <summary>Records read so far.</summary>
    public long RecordsRead { get; private set; }

    internal override void Begin()
    {
        _cursor = _config.Source.Open();
        ScheduleNext();
    }

    /// <summary>
    /// In a copy of a running replication (which shares the original's cursor): a cursor of its own,
    /// at the record the original had reached (the trace read again up to it).
    /// </summary>
    internal void ReopenAfterCopy()
    {
        if (_cursor is null)
        {
            return;
        }

        _cursor = _config.Source.Open();
        for (long i = 0; i < RecordsRead; i++)
        {
            if (!_cursor.TryRead(out _))
            {
                throw new InvalidOperationException($"trace source '{_config.Name}': the trace ended before the {RecordsRead} records read by the original run");
            }
        }
    }

    public override void Handle(in EventPayload payload)
    {
        Arrive();
        ScheduleNext();
    }

    internal override void Close()
    {
        _cursor?.Dispose();
        _cursor = null;
    }

    private void ScheduleNext()
    {
        while (_remaining == 0)
        {
            if (_cursor == null || !_cursor.TryRead(out TraceRecord record))
            {
                Close();
                return;
            }

            RecordsRead++;
            double start = Math.Max(System.Sim.Now, record.Time / _config.Speed);
            if (start >= System.Config.Horizon)
            {
                Close();
                return;
            }

            _remaining = Scaled(record.Count);
            _position = start;
            _end = _interval > 0 ? Math.Max(start, (record.Time / _config.Speed) + _interval) : start;
        }

        if (_interval > 0)
        {
            // Next of the remaining m uniform points on [position, end): the minimum of m uniforms.
            double u = Arrivals.NextUnitOpenZero();
            _position += (_end - _position) * (1 - Math.Pow(u, 1.0 / _remaining));
        }

        _remaining--;
        if (_position < System.Config.Horizon)
        {
            System.Sim.ScheduleAt(_position, this, default, ModelPriorities.Arrival);
        }
        else
        {
            _remaining = 0;
            Close();
        }
    }

    private long Scaled(long count)
    {
        double scale = _config.Scale;
        if (scale == 1)
        {
            return count;
        }

        double x = count * scale;
        long n = (long)Math.Floor(x);
        return Arrivals.NextUnit() < x - n ? n + 1 : n;
    }
}
