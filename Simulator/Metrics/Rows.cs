namespace LookoutSim.Metrics;

/// <summary>One interval of one replication: a row of <c>timeseries.csv</c>.</summary>
/// <remarks>Counts are for calls in the interval; rates are not per second unless named so.</remarks>
public sealed record TimeSeriesRow
{
    /// <summary>Replication index, from 0.</summary>
    public required int Replication { get; init; }

    /// <summary>Start of the interval, seconds from the scenario start.</summary>
    public required double TimeS { get; init; }

    /// <summary>Requests (first attempts) that arrived in the interval.</summary>
    public long Arrivals { get; init; }

    /// <summary>Attempts (first attempts and retries) that reached the front end.</summary>
    public long Attempts { get; init; }

    /// <summary>Requests that ended successfully in the interval.</summary>
    public long Succeeded { get; init; }

    /// <summary>Attempts throttled in the interval.</summary>
    public long Throttled { get; init; }

    /// <summary>Requests that ended failed in the interval.</summary>
    public long Failed { get; init; }

    /// <summary>Attempts the client gave up waiting for in the interval.</summary>
    public long Timeouts { get; init; }

    /// <summary>Units the model is allocated (desired) at the end of the interval.</summary>
    public double UnitsDesired { get; init; }

    /// <summary>Units ready to serve, time-averaged over the interval.</summary>
    public double UnitsReady { get; init; }

    /// <summary>Rated capacity of the ready units, calls/s, time-averaged.</summary>
    public double CapacityTps { get; init; }

    /// <summary>Busy slot-time / ready slot-time in the interval, 0 … 1.</summary>
    public double Utilization { get; init; }

    /// <summary>Median client latency of requests that succeeded in the interval, seconds (NaN when none).</summary>
    public double LatencyP50S { get; init; }

    /// <summary>99th percentile of the same, seconds (NaN when none).</summary>
    public double LatencyP99S { get; init; }

    /// <summary>Cost billed in the interval, in the scenario's currency.</summary>
    public double Cost { get; init; }
}

/// <summary>One zone at one interval boundary of one replication: a row of <c>zones.csv</c>.</summary>
public sealed record ZoneRow
{
    public required int Replication { get; init; }

    /// <summary>Seconds from the scenario start.</summary>
    public required double TimeS { get; init; }

    /// <summary>Zone name as in the scenario.</summary>
    public required string Zone { get; init; }

    /// <summary>Whether the zone is up (not in an outage).</summary>
    public bool Up { get; init; }

    /// <summary>Units ready in the zone.</summary>
    public int UnitsReady { get; init; }

    /// <summary>Units provisioning in the zone.</summary>
    public int UnitsProvisioning { get; init; }
}

/// <summary>A lifecycle change or decision: a row of <c>events.csv</c>.</summary>
public sealed record EventRow
{
    public required int Replication { get; init; }

    /// <summary>Seconds from the scenario start.</summary>
    public required double TimeS { get; init; }

    /// <summary>
    /// What happened: <c>model_starting</c>, <c>model_hosted</c>, <c>model_stopping</c>, <c>model_stopped</c>,
    /// <c>unit_provisioning</c>, <c>unit_ready</c>, <c>unit_draining</c>, <c>unit_drained</c>, <c>unit_failed</c>,
    /// <c>unit_lost</c>, <c>zone_down</c>, <c>zone_up</c>, <c>scale_out</c>, <c>scale_in</c>, <c>schedule</c>,
    /// <c>batch_started</c>, <c>batch_finished</c>; also <c>unit_stopped</c> (a unit removed by a model stop) and
    /// <c>unit_cancelled</c> (a provisioning unit removed by a scale-in) and <c>allocation_released</c> (a scale-in
    /// gave up a unit the zone did not have: the zone is down or its replacement is due; nothing is drained).
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>Zone concerned, or empty.</summary>
    public string Zone { get; init; } = "";

    /// <summary>Unit id concerned (unique within the replication), or -1.</summary>
    public int Unit { get; init; } = -1;

    /// <summary>Why, in words and numbers (for a scale decision: the metric value and target).</summary>
    public string Detail { get; init; } = "";
}

/// <summary>One sampled request: a row of <c>requests.csv</c> (only with <c>--trace-requests</c>).</summary>
public sealed record RequestRow
{
    public required int Replication { get; init; }

    /// <summary>Request id within the replication.</summary>
    public required long Request { get; init; }

    /// <summary>Traffic source name.</summary>
    public required string Source { get; init; }

    /// <summary>Arrival (first attempt), seconds from start.</summary>
    public double ArrivalS { get; init; }

    /// <summary>Final answer, seconds from start (NaN while in flight at the end).</summary>
    public double EndS { get; init; }

    /// <summary><c>succeeded</c>, <c>failed</c> or <c>in_flight</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Attempts made.</summary>
    public int Attempts { get; init; }

    /// <summary>Image index in the mix.</summary>
    public int Image { get; init; }

    /// <summary>Client latency, seconds (NaN unless succeeded).</summary>
    public double LatencyS { get; init; }

    /// <summary>Zone of the unit that served the final attempt, or empty.</summary>
    public string Zone { get; init; } = "";
}
