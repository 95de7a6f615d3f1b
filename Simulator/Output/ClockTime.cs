using System.Globalization;

namespace LookoutSim.Output;

/// <summary>A tick of a clock-time axis: its position in axis units, its label (empty for a minor tick).</summary>
/// <param name="Position">Position on the axis, in the axis's units from the start.</param>
/// <param name="Label">Clock time shown (empty for a minor tick).</param>
/// <param name="Major">Whether the tick is labelled.</param>
public readonly record struct ClockTick(double Position, string Label, bool Major);

/// <summary>
/// Simulated time shown as the planner's clock: the scenario's <c>start</c> plus seconds, in its
/// <c>timezone</c>. Gives the ticks of the charts' time axes (<c>14:00</c> for a horizon of a day or
/// less, <c>Tue 06:00</c> beyond, <c>Tue 2</c> when the ticks are days apart, <c>2 Jan</c> weeks apart) and the
/// clock times the report names. Everything is in the invariant culture.
/// </summary>
public static class ClockTime
{
    private const double Minute = 60, Hour = 3600, Day = 86400;

    /// <summary>Major tick spacing and its minor subdivision, seconds, from the finest to the coarsest.</summary>
    private static readonly (double Major, double Minor)[] Spacings =
    [
        (5 * Minute, Minute), (10 * Minute, 2 * Minute), (15 * Minute, 5 * Minute), (30 * Minute, 10 * Minute),
        (Hour, 15 * Minute), (2 * Hour, 30 * Minute), (3 * Hour, Hour), (6 * Hour, Hour), (12 * Hour, 3 * Hour),
        (Day, 6 * Hour), (2 * Day, 12 * Hour), (7 * Day, Day), (14 * Day, Day), (28 * Day, 7 * Day),
        (91 * Day, 7 * Day), (364 * Day, 28 * Day),
    ];

    /// <summary>
    /// The ticks of a time axis from the start to <paramref name="horizonS"/>, positions in units of
    /// <paramref name="unitS"/> seconds: at whole clock times (every 5 min … every 4 weeks, the finest
    /// spacing whose labels fit: 12 of <c>14:00</c>, 8 of <c>Tue 06:00</c>, 15 of <c>Tue 2</c>, 12 of <c>2 Jan</c>).
    /// </summary>
    public static IReadOnlyList<ClockTick> Ticks(DateTimeOffset start, TimeZoneInfo zone, double horizonS, double unitS)
    {
        ArgumentNullException.ThrowIfNull(zone);
        bool withinDay = horizonS <= Day + 1e-6;
        (double major, double minor) = Spacings[^1];
        string format = LabelFormat(withinDay, major);
        foreach ((double ma, double mi) in Spacings)
        {
            string f = LabelFormat(withinDay, ma);
            if (horizonS / ma <= MaxLabels(f))
            {
                (major, minor, format) = (ma, mi, f);
                break;
            }
        }

        var ticks = new List<ClockTick>();
        var majors = new HashSet<long>();
        foreach (double position in Positions(start, zone, horizonS, unitS, major))
        {
            DateTimeOffset at = start.AddSeconds(position * unitS);
            ticks.Add(new ClockTick(position, TimeZoneInfo.ConvertTime(at, zone).ToString(format, CultureInfo.InvariantCulture), true));
            majors.Add(Key(position * unitS));
        }

        foreach (double position in Positions(start, zone, horizonS, unitS, minor))
        {
            if (!majors.Contains(Key(position * unitS)))
            {
                ticks.Add(new ClockTick(position, "", false));
            }
        }

        return ticks;
    }

    /// <summary><c>14:00</c> within a day, <c>Tue 06:00</c> for ticks hours apart, <c>Tue 2</c> for ticks days apart, <c>2 Jan</c> for weeks.</summary>
    private static string LabelFormat(bool withinDay, double major) =>
        withinDay ? "HH:mm" : major < Day ? "ddd HH:mm" : major < 7 * Day ? "ddd d" : "d MMM";

    /// <summary>How many labels of a format fit across a 1600-pixel chart without touching.</summary>
    private static int MaxLabels(string format) => format switch
    {
        "HH:mm" => 12,
        "ddd HH:mm" => 8,
        "ddd d" => 15,
        _ => 12,
    };

    /// <summary>The title of a clock-time axis: <c>clock time, UTC (start Mon 1 Jan 2024 04:00)</c>.</summary>
    public static string AxisLabel(DateTimeOffset start, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return $"clock time, {ZoneName(zone)} (start {Local(start, zone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture)})";
    }

    /// <summary>
    /// A span of simulated time as clock times: <c>Mon 1 Jan 2024 09:00–10:00 UTC</c> (the end's date
    /// too when it falls on another day).
    /// </summary>
    public static string Span(DateTimeOffset start, TimeZoneInfo zone, double fromS, double toS)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DateTimeOffset a = Local(start.AddSeconds(fromS), zone);
        DateTimeOffset b = Local(start.AddSeconds(toS), zone);
        string from = a.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        string to = b.Date == a.Date || (b - a <= TimeSpan.FromDays(1) && b.TimeOfDay == TimeSpan.Zero)
            ? b.ToString("HH:mm", CultureInfo.InvariantCulture)
            : b.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        return $"{from}–{to} {ZoneName(zone)}";
    }

    private static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    private static DateTimeOffset Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);

    /// <summary>Positions of the whole clock times every <paramref name="stepS"/> (a divisor of a day, or whole days from local midnight).</summary>
    private static IEnumerable<double> Positions(DateTimeOffset start, TimeZoneInfo zone, double horizonS, double unitS, double stepS)
    {
        DateTime local = Local(start, zone).DateTime;
        DateTime wall;
        if (stepS >= Day)
        {
            wall = local.Date;
        }
        else
        {
            long step = (long)stepS;
            long sinceMidnight = (long)Math.Floor(local.TimeOfDay.TotalSeconds);
            wall = local.Date.AddSeconds(sinceMidnight / step * step);
        }

        // Walk the wall clock (not the instants) so that ticks stay on whole hours across a change of
        // the zone's offset; a wall time the change skips is left out.
        for (int guard = 0; guard < 100_000; guard++, wall = wall.AddSeconds(stepS))
        {
            if (zone.IsInvalidTime(wall))
            {
                continue;
            }

            var at = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            double s = (at - start).TotalSeconds;
            if (s > horizonS + 1e-6)
            {
                yield break;
            }

            if (s >= -1e-6)
            {
                yield return Math.Max(0, s) / unitS;
            }
        }
    }

    private static long Key(double seconds) => (long)Math.Round(seconds);
}
