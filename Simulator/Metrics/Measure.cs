namespace LookoutSim.Metrics;

/// <summary>
/// One measure every run reports: its name in the results (the outputs spec's name, the key of
/// <see cref="ReplicationResult.Measures"/>) and its unit. SLOs, compare, the CSV files and the
/// charts name measures by these constants, never by string.
/// </summary>
/// <param name="Name">The name in results files, e.g. <c>failed_rate</c>.</param>
/// <param name="Unit">The unit, e.g. <c>ratio</c>, <c>s</c>, <c>currency</c>.</param>
public sealed record Measure(string Name, string Unit)
{
    /// <summary><c>requests_arrived</c>, in requests.</summary>
    public static readonly Measure RequestsArrived = new("requests_arrived", "requests");

    /// <summary><c>requests_succeeded</c>, in requests.</summary>
    public static readonly Measure RequestsSucceeded = new("requests_succeeded", "requests");

    /// <summary><c>requests_failed</c>, in requests.</summary>
    public static readonly Measure RequestsFailed = new("requests_failed", "requests");

    /// <summary><c>requests_in_flight_at_end</c>, in requests.</summary>
    public static readonly Measure RequestsInFlightAtEnd = new("requests_in_flight_at_end", "requests");

    /// <summary><c>attempts</c>, in attempts.</summary>
    public static readonly Measure Attempts = new("attempts", "attempts");

    /// <summary><c>retries</c>, in attempts.</summary>
    public static readonly Measure Retries = new("retries", "attempts");

    /// <summary><c>throttled_attempts</c>, in attempts.</summary>
    public static readonly Measure ThrottledAttempts = new("throttled_attempts", "attempts");

    /// <summary><c>timeouts</c>, in attempts.</summary>
    public static readonly Measure Timeouts = new("timeouts", "attempts");

    /// <summary><c>server_errors</c>, in attempts.</summary>
    public static readonly Measure ServerErrors = new("server_errors", "attempts");

    /// <summary><c>availability</c>, in ratio.</summary>
    public static readonly Measure Availability = new("availability", "ratio");

    /// <summary><c>failed_rate</c>, in ratio.</summary>
    public static readonly Measure FailedRate = new("failed_rate", "ratio");

    /// <summary><c>throttle_rate</c>, in ratio.</summary>
    public static readonly Measure ThrottleRate = new("throttle_rate", "ratio");

    /// <summary><c>latency_mean_s</c>, in s.</summary>
    public static readonly Measure LatencyMeanS = new("latency_mean_s", "s");

    /// <summary><c>latency_p50_s</c>, in s.</summary>
    public static readonly Measure LatencyP50S = new("latency_p50_s", "s");

    /// <summary><c>latency_p90_s</c>, in s.</summary>
    public static readonly Measure LatencyP90S = new("latency_p90_s", "s");

    /// <summary><c>latency_p99_s</c>, in s.</summary>
    public static readonly Measure LatencyP99S = new("latency_p99_s", "s");

    /// <summary><c>latency_p999_s</c>, in s.</summary>
    public static readonly Measure LatencyP999S = new("latency_p999_s", "s");

    /// <summary><c>latency_max_s</c>, in s.</summary>
    public static readonly Measure LatencyMaxS = new("latency_max_s", "s");

    /// <summary><c>wait_mean_s</c>, in s.</summary>
    public static readonly Measure WaitMeanS = new("wait_mean_s", "s");

    /// <summary><c>service_mean_s</c>, in s.</summary>
    public static readonly Measure ServiceMeanS = new("service_mean_s", "s");

    /// <summary><c>utilization</c>, in ratio.</summary>
    public static readonly Measure Utilization = new("utilization", "ratio");

    /// <summary><c>units_ready_mean</c>, in units.</summary>
    public static readonly Measure UnitsReadyMean = new("units_ready_mean", "units");

    /// <summary><c>units_desired_mean</c>, in units.</summary>
    public static readonly Measure UnitsDesiredMean = new("units_desired_mean", "units");

    /// <summary><c>unit_hours</c>, in unit-hours.</summary>
    public static readonly Measure UnitHours = new("unit_hours", "unit-hours");

    /// <summary><c>cost</c>, in currency.</summary>
    public static readonly Measure Cost = new("cost", "currency");

    /// <summary><c>cost_per_1000_images</c>, in currency.</summary>
    public static readonly Measure CostPer1000Images = new("cost_per_1000_images", "currency");

    /// <summary><c>rated_tps_per_unit</c>, in calls/s.</summary>
    public static readonly Measure RatedTpsPerUnit = new("rated_tps_per_unit", "calls/s");

    /// <summary><c>batch_completion_s</c>, in s.</summary>
    public static readonly Measure BatchCompletionS = new("batch_completion_s", "s");

    /// <summary><c>events</c>, in events.</summary>
    public static readonly Measure Events = new("events", "events");

    /// <summary><c>wall_s</c>, in s.</summary>
    public static readonly Measure WallS = new("wall_s", "s");

    /// <summary>Every measure, in output order.</summary>
    public static readonly IReadOnlyList<Measure> All =
    [
        RequestsArrived,
        RequestsSucceeded,
        RequestsFailed,
        RequestsInFlightAtEnd,
        Attempts,
        Retries,
        ThrottledAttempts,
        Timeouts,
        ServerErrors,
        Availability,
        FailedRate,
        ThrottleRate,
        LatencyMeanS,
        LatencyP50S,
        LatencyP90S,
        LatencyP99S,
        LatencyP999S,
        LatencyMaxS,
        WaitMeanS,
        ServiceMeanS,
        Utilization,
        UnitsReadyMean,
        UnitsDesiredMean,
        UnitHours,
        Cost,
        CostPer1000Images,
        RatedTpsPerUnit,
        BatchCompletionS,
        Events,
        WallS,
    ];

    /// <inheritdoc/>
    public override string ToString() => Name;
}
