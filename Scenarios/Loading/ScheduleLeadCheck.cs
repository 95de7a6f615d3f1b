using System.Globalization;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios.Loading;

/// <summary>
/// Warns when a scheduled <c>start</c> of a stopped model leaves less than
/// <c>deployment.model_start</c> (its longest value) before traffic begins: calls arriving while the
/// model is being hosted fail at once (only those after the warm-up count, so only they are looked
/// at). Traffic "begins" at the first minute from the start (or the warm-up's end) at which a
/// source's rate is above zero (poisson, daily with its shape and weekdays, steps, bursty) or a batch
/// job starts; trace replays are not looked at. Each entry is warned about once, at its worst firing.
/// </summary>
internal static class ScheduleLeadCheck
{
    private const double Day = 86400;
    private const double Step = 60;
    private const int MaxFirings = 2000;

    public static IEnumerable<Diagnostic> Check(Scenario scenario, YSequence? scheduleNodes)
    {
        if (scheduleNodes is null || scenario.Schedule.Count == 0 || scenario.Horizon <= TimeSpan.Zero)
        {
            yield break;
        }

        double horizon = scenario.Horizon.TotalSeconds;
        double lead = scenario.Deployment.ModelStart.Max.TotalSeconds;
        var firings = new List<(double T, int Index)>();
        for (int i = 0; i < scenario.Schedule.Count; i++)
        {
            firings.AddRange(Firings(scenario, scenario.Schedule[i], horizon).Select(t => (t, i)));
        }

        firings.Sort();
        var worst = new Dictionary<int, (double Start, double Begins, string Source)>();
        bool running = false;
        foreach ((double t, int i) in firings)
        {
            ScheduleEntry e = scenario.Schedule[i];
            if (e.Action == ScheduleAction.Stop)
            {
                running = false;
                continue;
            }

            if (running)
            {
                continue;
            }

            // Calls before the warm-up ends are not counted, so only the part of the start after it matters.
            running = true;
            double from = Math.Max(t, scenario.Warmup.TotalSeconds);
            if (from < t + lead && TrafficBegins(scenario, from, Math.Min(t + lead, horizon) - from) is (double begins, string source)
                && (!worst.TryGetValue(i, out var w) || begins - t < w.Begins - w.Start))
            {
                worst[i] = (t, begins, source);
            }
        }

        foreach ((int i, (double s, double begins, string source)) in worst.OrderBy(x => x.Key))
        {
            if (scheduleNodes.Items.Count <= i || scheduleNodes.Items[i] is not YMapping node)
            {
                continue;
            }

            string key = node.Get("cron") is not null ? "cron" : "at";
            YNode at = node.Get(key) ?? node;
            string path = string.Create(CultureInfo.InvariantCulture, $"schedule[{i}].{key}");
            DateTimeOffset local = TimeZoneInfo.ConvertTime(scenario.Start.AddSeconds(s), scenario.Timezone);
            string gap = begins - s < Step ? "at once" : $"{ScenarioValues.FormatDuration(TimeSpan.FromSeconds(begins - s))} later";
            DurationRange ms = scenario.Deployment.ModelStart;
            string msText = ms.IsFixed ? ScenarioValues.FormatDuration(ms.Max) : $"{ScenarioValues.FormatDuration(ms.Min)}..{ScenarioValues.FormatDuration(ms.Max)}";
            string message = string.Create(
                CultureInfo.InvariantCulture,
                $"{path} starts the model at {local:ddd yyyy-MM-dd HH:mm zzz} and traffic ({source}) begins {gap}, before the model can be hosted (deployment.model_start {msText}); calls until then fail. Start it at least {ScenarioValues.FormatDuration(ms.Max)} before traffic");
            yield return SchemaValidator.At(at, path, message, (at as YScalar)?.Text) with { Severity = DiagnosticSeverity.Warning };
        }
    }

    /// <summary>Seconds from the start at which <paramref name="e"/> fires inside the horizon (at most <see cref="MaxFirings"/>).</summary>
    private static IEnumerable<double> Firings(Scenario scenario, ScheduleEntry e, double horizon)
    {
        if (e.At is TimeSpan at)
        {
            if (at.TotalSeconds >= 0 && at.TotalSeconds < horizon)
            {
                yield return at.TotalSeconds;
            }

            yield break;
        }

        if (e.Cron is not CronSchedule cron)
        {
            yield break;
        }

        DateTimeOffset? next = cron.NextFrom(scenario.Start);
        for (int n = 0; n < MaxFirings && next is DateTimeOffset d; n++)
        {
            double t = (d - scenario.Start).TotalSeconds;
            if (t >= horizon)
            {
                yield break;
            }

            yield return t;
            next = cron.NextAfter(d);
        }
    }

    /// <summary>The first time in [<paramref name="from"/>, from + <paramref name="within"/>) at which some source sends calls, and that source's name; null when none does.</summary>
    private static (double, string)? TrafficBegins(Scenario scenario, double from, double within)
    {
        double weekOffset = WeekOffset(scenario);
        (double T, string Name)? first = null;
        foreach (TrafficSource source in scenario.Traffic)
        {
            double? t = source.Pattern == TrafficPattern.Closed
                ? BatchStart(scenario, source, from, within)
                : FirstActive(source, from, within, weekOffset);
            if (t is double found && (first is null || found < first.Value.T))
            {
                first = (found, source.Name);
            }
        }

        return first;
    }

    private static double? FirstActive(TrafficSource source, double from, double within, double weekOffset)
    {
        for (double t = from; t < from + within; t += Step)
        {
            bool? active = Active(source, t, weekOffset);
            if (active is null)
            {
                return null;
            }

            if (active.Value)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="source"/>'s rate is above zero at <paramref name="t"/>; null when it cannot be told (a trace).</summary>
    internal static bool? Active(TrafficSource source, double t, double weekOffset) => source.Pattern switch
    {
        TrafficPattern.Poisson => source.Rate > 0,
        TrafficPattern.Bursty => source.Bursts is { } b && (b.NormalRate > 0 || b.BurstRate > 0),
        TrafficPattern.Steps => StepRate(source, t) > 0,
        TrafficPattern.Daily => source.Rate > 0 && DailyMultiplier(source, t + weekOffset) > 0,
        _ => null,
    };

    /// <summary>The profile × weekday multiplier at <paramref name="w"/> seconds from Monday 00:00 local time, with the source's shape.</summary>
    internal static double DailyMultiplier(TrafficSource source, double w)
    {
        double days = Math.Floor(w / Day);
        double inDay = w - (days * Day);
        WeekdayMultipliers wd = source.Weekdays;
        double[] week = [wd.Mon, wd.Tue, wd.Wed, wd.Thu, wd.Fri, wd.Sat, wd.Sun];
        double day = week[(int)(((long)days % 7 + 7) % 7)];
        if (source.Profile.Count != 24)
        {
            return day;
        }

        if (source.Shape == ProfileShape.Step)
        {
            return day * source.Profile[Math.Min(23, (int)(inDay / 3600))];
        }

        double x = (inDay / 3600) - 0.5;
        if (x < 0)
        {
            x += 24;
        }

        int h = Math.Min(23, (int)x);
        double f = x - h;
        return day * ((source.Profile[h] * (1 - f)) + (source.Profile[(h + 1) % 24] * f));
    }

    private static double StepRate(TrafficSource source, double t)
    {
        if (source.Steps.Count == 0)
        {
            return 0;
        }

        if (source.Repeat is TimeSpan repeat && repeat > TimeSpan.Zero)
        {
            t %= repeat.TotalSeconds;
        }

        double rate = source.Steps[0].Rate;
        foreach (RateStep s in source.Steps)
        {
            if (s.At.TotalSeconds <= t)
            {
                rate = s.Rate;
            }
        }

        return rate;
    }

    private static double? BatchStart(Scenario scenario, TrafficSource source, double from, double within)
    {
        if (source.Closed is not { } job)
        {
            return null;
        }

        double? t = job.Cron is { } cron && cron.NextFrom(scenario.Start.AddSeconds(from)) is DateTimeOffset d
            ? (d - scenario.Start).TotalSeconds
            : job.Cron is null ? (job.At ?? TimeSpan.Zero).TotalSeconds : null;
        return t is double x && x >= from && x < from + within ? x : null;
    }

    /// <summary>Seconds from Monday 00:00 (local time at the start) to the start, as the model counts the week.</summary>
    private static double WeekOffset(Scenario scenario)
    {
        DateTimeOffset local = TimeZoneInfo.ConvertTime(scenario.Start, scenario.Timezone);
        int daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
        return (daysSinceMonday * Day) + local.TimeOfDay.TotalSeconds;
    }
}
