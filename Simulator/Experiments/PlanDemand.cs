using LookoutSim.Model;
using LookoutSim.Scenarios;
using S = LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>
/// What the planner reads from a scenario before it searches: the demand at the busiest moment,
/// the rated TPS of one unit for the image mix, and the start of the busiest hour (when a zone is
/// lost in the zone-loss check).
/// </summary>
public static class PlanDemand
{
    /// <summary>Demand at the busiest moment, calls/s, summed over the traffic sources.</summary>
    /// <remarks>
    /// poisson: its rate; daily: rate × max(profile) × max(weekday); steps: the largest step;
    /// bursty: the burst rate; closed: clients ÷ mean service time (each client keeps one call in
    /// flight); trace: the rate of its busiest hour as the model replays it (speed, scale, horizon).
    /// </remarks>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="traces">Reads the traces it replays.</param>
    public static double PeakTps(Scenario scenario, ITraceFiles traces)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        double total = 0;
        foreach (S.TrafficSource t in scenario.Traffic)
        {
            total += t.Pattern switch
            {
                TrafficPattern.Poisson => t.Rate,
                TrafficPattern.Daily => t.Rate * (t.Profile.Count == 0 ? 1 : t.Profile.Max()) * MaxWeekday(t.Weekdays),
                TrafficPattern.Steps => t.Steps.Count == 0 ? 0 : t.Steps.Max(s => s.Rate),
                TrafficPattern.Bursty => t.Bursts?.BurstRate ?? 0,
                TrafficPattern.Closed => t.Closed is null ? 0 : t.Closed.Clients / MeanService(scenario.Service, t.Images.Count > 0 ? t.Images : scenario.Images),
                TrafficPattern.Trace => BusiestTraceHour(scenario, t, traces)?.RatePerS ?? 0,
                _ => 0,
            };
        }

        return total;
    }

    /// <summary>Rated calls/s of one unit: concurrency ÷ E[S] over the scenario's image mix.</summary>
    public static double RatedTpsPerUnit(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Service.Concurrency / MeanService(scenario.Service, scenario.Images);
    }

    /// <summary>
    /// Start of the busiest hour, seconds from the scenario start, where a zone is lost in the
    /// zone-loss check. For daily traffic (the source with the highest rate): the hour of the largest
    /// profile multiplier on the first full day after the warm-up whose weekday multiplier is the
    /// largest (a scenario starting on a Saturday is checked on Monday's peak, not on Saturday's).
    /// Else the busiest moment of the other sources, by their peak rates as <see cref="PeakTps"/>
    /// counts them: a trace's busiest hour as replayed, the start of a steps source's largest step (its first after the warm-up when the steps repeat),
    /// the first run of a closed job (its callers' peak). Each is taken only when the hour fits after
    /// the warm-up and before the horizon's end; with none (or only Poisson and bursty sources, whose
    /// rate does not follow the clock), the middle of the horizon.
    /// </summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="traces">Reads the traces it replays.</param>
    public static double BusiestHourS(Scenario scenario, ITraceFiles traces)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        double horizon = scenario.Horizon.TotalSeconds;
        double warmup = scenario.Warmup.TotalSeconds;
        double middle = Math.Max(0, (horizon / 2) - 1800);
        bool fits(double at) => at >= warmup && at + 3600 <= horizon;
        S.TrafficSource? daily = scenario.Traffic.Where(t => t.Pattern == TrafficPattern.Daily).OrderByDescending(t => t.Rate).FirstOrDefault();
        if (daily is not null && daily.Profile.Count > 0)
        {
            double? at = DailyPeak(scenario, daily, horizon);
            return at is { } d && d + 3600 <= horizon ? d : middle;
        }

        // The other sources' busiest moments, the one with the highest peak rate first.
        (double Rate, double At)? best = null;
        void offer(double rate, double at)
        {
            if (fits(at) && (best is null || rate > best.Value.Rate))
            {
                best = (rate, at);
            }
        }

        foreach (S.TrafficSource t in scenario.Traffic)
        {
            switch (t.Pattern)
            {
                case TrafficPattern.Trace when BusiestTraceHour(scenario, t, traces) is { } h:
                    offer(h.RatePerS, h.StartS);
                    break;
                case TrafficPattern.Steps when t.Steps.Count > 0:
                    double top = t.Steps.Max(x => x.Rate);
                    double first = t.Steps.First(x => x.Rate == top).At.TotalSeconds;
                    double period = t.Repeat?.TotalSeconds ?? 0;
                    double next = period > 0 && first < warmup ? first + (Math.Ceiling((warmup - first) / period) * period) : Math.Max(warmup, first);
                    offer(top, next);
                    break;
                case TrafficPattern.Closed when t.Closed is not null:
                    double callers = t.Closed.Clients / MeanService(scenario.Service, t.Images.Count > 0 ? t.Images : scenario.Images);
                    TimeSpan? once = t.Closed.At ?? (t.Closed.Cron is null ? TimeSpan.Zero : null);
                    foreach (double run in ScenarioCompiler.Times(scenario, t.Closed.Cron, once))
                    {
                        if (fits(run))
                        {
                            offer(callers, run);
                            break;
                        }
                    }

                    break;
            }
        }

        return best?.At ?? middle;
    }

    /// <summary>The peak hour of a daily source on the first full day after the warm-up with the largest weekday multiplier (else the first full day), or null past the horizon.</summary>
    private static double? DailyPeak(Scenario scenario, S.TrafficSource daily, double horizon)
    {
        DateTimeOffset local = TimeZoneInfo.ConvertTime(scenario.Start, scenario.Timezone);
        double midnight = (86400 - local.TimeOfDay.TotalSeconds) % 86400;
        while (midnight < scenario.Warmup.TotalSeconds)
        {
            midnight += 86400;
        }

        double slot = 86400.0 / daily.Profile.Count;
        int peak = 0;
        for (int i = 1; i < daily.Profile.Count; i++)
        {
            if (daily.Profile[i] > daily.Profile[peak])
            {
                peak = i;
            }
        }

        double top = MaxWeekday(daily.Weekdays);
        for (double day = midnight; day + (peak * slot) + 3600 <= horizon && day < midnight + (7 * 86400); day += 86400)
        {
            DayOfWeek weekday = local.AddSeconds(day).DayOfWeek;
            if (Weekday(daily.Weekdays, weekday) >= top)
            {
                return day + (peak * slot);
            }
        }

        return midnight + (peak * slot);
    }

    /// <summary>The busiest hour of trace source <paramref name="t"/> as the model replays it (speed, scale, horizon).</summary>
    private static TraceHour? BusiestTraceHour(Scenario scenario, S.TrafficSource t, ITraceFiles traces)
    {
        ModelConfig config = ScenarioCompiler.Compile(scenario, traces);
        var trace = (TraceTraffic)config.Traffic.Single(c => c.Name == t.Name);
        return TracePeak.Busiest(trace.Source, trace.Speed, trace.Scale, config.Horizon);
    }

    private static double MaxWeekday(WeekdayMultipliers w) =>
        new[] { w.Mon, w.Tue, w.Wed, w.Thu, w.Fri, w.Sat, w.Sun }.Max();

    private static double Weekday(WeekdayMultipliers w, DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => w.Mon,
        DayOfWeek.Tuesday => w.Tue,
        DayOfWeek.Wednesday => w.Wed,
        DayOfWeek.Thursday => w.Thu,
        DayOfWeek.Friday => w.Fri,
        DayOfWeek.Saturday => w.Sat,
        _ => w.Sun,
    };

    /// <summary>Mean service time over a mix, seconds: <see cref="ServiceSpec.MixMeanSeconds"/>, the one place it is computed.</summary>
    private static double MeanService(ServiceSpec service, IReadOnlyList<S.ImageSpec> images) => service.MixMeanSeconds(images);
}
