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
    /// Start of the busiest hour, seconds from the scenario start: for daily traffic the hour of
    /// the largest profile multiplier on the first full day after the warm-up; else for trace
    /// traffic the trace's busiest hour; otherwise (or when that hour is past the horizon) the
    /// middle of the horizon.
    /// </summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="traces">Reads the traces it replays.</param>
    public static double BusiestHourS(Scenario scenario, ITraceFiles traces)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        double horizon = scenario.Horizon.TotalSeconds;
        double middle = Math.Max(0, (horizon / 2) - 1800);
        S.TrafficSource? daily = scenario.Traffic.Where(t => t.Pattern == TrafficPattern.Daily).OrderByDescending(t => t.Rate).FirstOrDefault();
        if (daily is null || daily.Profile.Count == 0)
        {
            // A recorded trace knows its own busiest hour; the busiest of them, if any.
            TraceHour? busiest = scenario.Traffic
                .Where(t => t.Pattern == TrafficPattern.Trace)
                .Select(t => BusiestTraceHour(scenario, t, traces))
                .Where(h => h is not null)
                .MaxBy(h => h!.Value.RatePerS);
            return busiest is { } h && h.StartS + 3600 <= horizon ? h.StartS : middle;
        }

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

        double at = midnight + (peak * slot);
        return at + 3600 <= horizon ? at : middle;
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

    /// <summary>Mean service time over a mix, seconds: <see cref="ServiceSpec.MixMeanSeconds"/>, the one place it is computed.</summary>
    private static double MeanService(ServiceSpec service, IReadOnlyList<S.ImageSpec> images) => service.MixMeanSeconds(images);
}
