namespace LookoutSim.Model;

/// <summary>What the target-tracking autoscaler tracks.</summary>
public enum AutoscalingMetric
{
    /// <summary>(busy slot-time + throttled calls × E[S]) / ready slot-time of serving units, last period.</summary>
    Utilization,

    /// <summary>Attempts per second per ready unit, as a fraction of the rated TPS per unit, last period.</summary>
    TpsPerUnit,
}

/// <summary>
/// A target-tracking policy: every <see cref="Evaluation"/> seconds, desired = ceil(ready × metric / target)
/// clamped to [min, max], compared with the units in service (the allocation of the zones that are up,
/// or all of it with <see cref="CountLostUnits"/>).
/// </summary>
/// <remarks>These are assumptions (the service does not document its policy): vary and sweep them.</remarks>
public sealed record AutoscalingConfig
{
    /// <summary>The metric. Default utilization.</summary>
    public AutoscalingMetric Metric { get; init; } = AutoscalingMetric.Utilization;

    /// <summary>Target value of the metric, a fraction. Default 0.7.</summary>
    public double Target { get; init; } = 0.7;

    /// <summary>Evaluation period, seconds. Default 60.</summary>
    public double Evaluation { get; init; } = 60;

    /// <summary>Minimum time between scale-outs, seconds. Default 120.</summary>
    public double ScaleOutCooldown { get; init; } = 120;

    /// <summary>Time desired must stay below current before a scale-in, seconds. Default 900.</summary>
    public double ScaleInCooldown { get; init; } = 900;

    /// <summary>Most units removed by one scale-in. Default 1.</summary>
    public int ScaleInStep { get; init; } = 1;

    /// <summary>
    /// Whether units lost with their zone still count as current (in service) for the decision.
    /// Default false: current is the allocation of the zones that are up, so the policy sees a
    /// zone outage and scales out in the surviving zones.
    /// </summary>
    /// <remarks>An assumption: the service does not document which count its policy uses.</remarks>
    public bool CountLostUnits { get; init; }
}
