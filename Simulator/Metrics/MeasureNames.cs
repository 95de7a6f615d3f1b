namespace LookoutSim.Metrics;

/// <summary>
/// The measures every run reports, by the names of the outputs spec, in the order they are
/// written, with their units. <see cref="ReplicationResult.Measures"/> is keyed by these names.
/// </summary>
public static class MeasureNames
{
    /// <summary>(name, unit) of every measure, in output order.</summary>
    public static readonly IReadOnlyList<(string Name, string Unit)> All =
    [
        ("requests_arrived", "requests"),
        ("requests_succeeded", "requests"),
        ("requests_failed", "requests"),
        ("requests_in_flight_at_end", "requests"),
        ("attempts", "attempts"),
        ("retries", "attempts"),
        ("throttled_attempts", "attempts"),
        ("timeouts", "attempts"),
        ("server_errors", "attempts"),
        ("availability", "ratio"),
        ("failed_rate", "ratio"),
        ("throttle_rate", "ratio"),
        ("latency_mean_s", "s"),
        ("latency_p50_s", "s"),
        ("latency_p90_s", "s"),
        ("latency_p99_s", "s"),
        ("latency_p999_s", "s"),
        ("latency_max_s", "s"),
        ("wait_mean_s", "s"),
        ("service_mean_s", "s"),
        ("utilization", "ratio"),
        ("units_ready_mean", "units"),
        ("units_desired_mean", "units"),
        ("unit_hours", "unit-hours"),
        ("cost", "currency"),
        ("cost_per_1000_images", "currency"),
        ("rated_tps_per_unit", "calls/s"),
        ("batch_completion_s", "s"),
        ("events", "events"),
        ("wall_s", "s"),
    ];

    /// <summary>The prefix of the "during outages" measures: <c>outage_failed_rate</c> is <c>failed_rate</c> over the outage windows.</summary>
    public const string OutagePrefix = "outage_";

    /// <summary>
    /// (name, unit) of the "during outages" measures, in output order, reported after <see cref="All"/>
    /// only when a run has outage windows (<c>Model.ModelConfig.MeasureWindows</c>): the pooled length of the
    /// windows, then the request counts, shares and latencies of the requests arriving in them.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Unit)> Outage =
    [
        (OutagePrefix + "window_s", "s"),
        (OutagePrefix + "requests_arrived", "requests"),
        (OutagePrefix + "requests_succeeded", "requests"),
        (OutagePrefix + "requests_failed", "requests"),
        (OutagePrefix + "availability", "ratio"),
        (OutagePrefix + "failed_rate", "ratio"),
        (OutagePrefix + "latency_mean_s", "s"),
        (OutagePrefix + "latency_p50_s", "s"),
        (OutagePrefix + "latency_p90_s", "s"),
        (OutagePrefix + "latency_p99_s", "s"),
        (OutagePrefix + "latency_p999_s", "s"),
        (OutagePrefix + "latency_max_s", "s"),
    ];

    /// <summary>The unit of a measure (of <see cref="All"/> or <see cref="Outage"/>), or "" when the name is not a known measure.</summary>
    public static string UnitOf(string name)
    {
        foreach ((string n, string u) in All)
        {
            if (n == name)
            {
                return u;
            }
        }

        foreach ((string n, string u) in Outage)
        {
            if (n == name)
            {
                return u;
            }
        }

        return "";
    }
}
