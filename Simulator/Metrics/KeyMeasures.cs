namespace LookoutSim.Metrics;

/// <summary>
/// The measures a planner signs off on: cost, p99 latency, the failed share and availability.
/// <c>sensitivity</c> ranks the uncertain fields by their swing in each of them.
/// </summary>
public static class KeyMeasures
{
    /// <summary><c>cost</c>, <c>latency_p99_s</c>, <c>failed_rate</c>, <c>availability</c>, in this order.</summary>
    public static readonly IReadOnlyList<Measure> All = [Measure.Cost, Measure.LatencyP99S, Measure.FailedRate, Measure.Availability];
}
