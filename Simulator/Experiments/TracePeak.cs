using LookoutSim.Model;

namespace LookoutSim.Experiments;

/// <summary>The busiest hour of a recorded trace, as the model will replay it.</summary>
/// <param name="StartS">Start of the hour, seconds from the scenario start.</param>
/// <param name="RatePerS">Mean calls per second over that hour.</param>
public readonly record struct TraceHour(double StartS, double RatePerS);

/// <summary>
/// Reads a trace through once and finds its busiest clock hour (from the scenario start) inside
/// the horizon, with the replay's speed and scale applied: a record at time t counts at t ÷ speed,
/// a per-interval count is spread evenly over its interval ÷ speed (shared between hours where it
/// straddles one), and every count is multiplied by the scale. What <c>plan</c> uses as a trace
/// source's peak demand and as the hour to lose a zone in.
/// </summary>
public static class TracePeak
{
    private const double Hour = 3600;

    /// <summary>The busiest hour, or null when no call of the trace falls inside the horizon.</summary>
    public static TraceHour? Busiest(ITraceSource source, double speed, double scale, double horizon)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        var calls = new Dictionary<long, double>();
        double interval = source.CountInterval / speed;
        using (ITraceCursor cursor = source.Open())
        {
            while (cursor.TryRead(out TraceRecord record))
            {
                double start = record.Time / speed;
                double end = Math.Min(start + interval, horizon);
                double count = record.Count * scale;
                if (start >= horizon || count <= 0)
                {
                    continue;
                }

                if (!(end > start))
                {
                    Add(calls, start, count);
                    continue;
                }

                // Spread evenly over [start, start + interval), clipped at the horizon.
                double perSecond = count / interval;
                for (double from = start; from < end;)
                {
                    double to = Math.Min(end, (Math.Floor(from / Hour) + 1) * Hour);
                    Add(calls, from, (to - from) * perSecond);
                    from = to;
                }
            }
        }

        if (calls.Count == 0)
        {
            return null;
        }

        KeyValuePair<long, double> busiest = calls.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First();
        return new TraceHour(busiest.Key * Hour, busiest.Value / Hour);
    }

    private static void Add(Dictionary<long, double> calls, double time, double count)
    {
        long hour = (long)Math.Floor(time / Hour);
        calls[hour] = calls.GetValueOrDefault(hour) + count;
    }
}
