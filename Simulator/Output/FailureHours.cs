using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>When a run's failed requests happened: the hour with the most of them, pooled over replications.</summary>
/// <param name="FromS">Start of the worst hour, seconds from the start.</param>
/// <param name="ToS">Its end, seconds from the start (the horizon at the latest).</param>
/// <param name="Failed">Failed requests in the worst hour, summed over replications.</param>
/// <param name="Ended">Requests that ended (succeeded or failed) in the worst hour, summed over replications.</param>
/// <param name="HoursWithFailures">Hours with at least one failed request.</param>
/// <param name="Hours">Hours the run spans.</param>
/// <param name="TotalFailed">Failed requests over the run, summed over replications.</param>
public sealed record FailureHours(double FromS, double ToS, long Failed, long Ended, int HoursWithFailures, int Hours, long TotalFailed)
{
    private const double Hour = 3600;

    /// <summary>
    /// The worst hour of <paramref name="result"/>'s time series, by failed requests summed over
    /// replications (the earliest of equals), or null when no request failed. Hours are whole clock
    /// hours of the scenario's time zone when its start is known (the first and last cut at the start
    /// and the horizon), else hours from the start. An interval counts in the hour it starts in.
    /// </summary>
    public static FailureHours? Find(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double offset = 0;
        if (result.Start is DateTimeOffset start)
        {
            DateTimeOffset local = TimeZoneInfo.ConvertTime(start, result.TimeZone);
            offset = (local.Minute * 60) + local.Second + (local.Millisecond / 1000.0);
        }

        var failed = new SortedDictionary<long, long>();
        var ended = new Dictionary<long, long>();
        long total = 0;
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (TimeSeriesRow row in r.TimeSeries)
            {
                long k = (long)Math.Floor((row.TimeS + offset) / Hour);
                failed[k] = failed.GetValueOrDefault(k) + row.Failed;
                ended[k] = ended.GetValueOrDefault(k) + row.Failed + row.Succeeded;
                total += row.Failed;
            }
        }

        if (total == 0)
        {
            return null;
        }

        long worst = failed.First(kv => kv.Value == failed.Values.Max()).Key;
        double from = Math.Max(0, (worst * Hour) - offset);
        double to = Math.Min(result.HorizonS, ((worst + 1) * Hour) - offset);
        return new FailureHours(from, to, failed[worst], ended[worst], failed.Count(kv => kv.Value > 0), failed.Count, total);
    }

    /// <summary>
    /// The worst hour in words: <c>Wed 3 Jan 2024 14:00–15:00 UTC</c>, or <c>hour 3 (2 h to 3 h from the
    /// start)</c> when the start is unknown.
    /// </summary>
    public string When(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Start is DateTimeOffset start
            ? ClockTime.Span(start, result.TimeZone, FromS, ToS)
            : $"{DisplayText.Plain(FromS / Hour)} h to {DisplayText.Plain(ToS / Hour)} h from the start";
    }
}
