using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// The order of the model's events at the same instant (then the order they were scheduled):
/// lifecycle (schedule, model start/stop, zone down/up, unit failed/ready, replacements) first, so
/// that calls at that instant see the new capacity; then service completions, so that a freed slot
/// is taken before new calls are routed and a completion beats a timeout due at the same time; then
/// arrivals, retries, throttle answers and timeouts; then the autoscaler's decision on the period
/// that just ended; last the metrics' observation of the interval.
/// </summary>
public static class ModelPriorities
{
    /// <summary>Schedule entries, model and unit lifecycle, zone outages and repairs, unit failures.</summary>
    public const int Lifecycle = EventPriority.Urgent;

    /// <summary>A unit finishes serving a call.</summary>
    public const int Completion = EventPriority.High;

    /// <summary>New calls, retries, throttle answers, timeouts, batch callers' next calls.</summary>
    public const int Arrival = EventPriority.Normal;

    /// <summary>The autoscaler's evaluation.</summary>
    public const int Decision = EventPriority.Low;

    /// <summary>Metrics closing an interval.</summary>
    public const int Observation = EventPriority.Observation;
}
