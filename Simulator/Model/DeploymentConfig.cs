using System.Collections.Immutable;
using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>How the front end picks a unit for a call.</summary>
public enum RoutingPolicy
{
    /// <summary>The ready unit with the fewest requests in service plus queued; ties by a seeded random choice.</summary>
    LeastOutstanding,

    /// <summary>Ready units in turn.</summary>
    RoundRobin,

    /// <summary>A uniformly random ready unit.</summary>
    Random,

    /// <summary>Two random ready units, the less loaded (ties: the first drawn).</summary>
    PowerOfTwo,

    /// <summary>One FIFO queue in front of all ready units, served by the first free slot (M/M/c).</summary>
    SharedQueue,
}

/// <summary>How the front end refuses calls.</summary>
public enum AdmissionPolicy
{
    /// <summary>Each unit holds at most concurrency + queue_per_unit calls; no room → throttled.</summary>
    Queue,

    /// <summary>A token bucket at the rated TPS of the ready units; admitted calls queue without bound.</summary>
    RateLimit,
}

/// <summary>Zones, unit counts, start times, routing and admission.</summary>
public sealed record DeploymentConfig
{
    /// <summary>Zone names, in the order used for placement ties.</summary>
    /// <remarks>Default one zone, <c>zone-1</c>.</remarks>
    public ImmutableArray<string> Zones { get; init; } = ["zone-1"];

    /// <summary>Units the model starts with, and the autoscaler's lower bound; ≥ 1.</summary>
    public required int MinUnits { get; init; }

    /// <summary>The autoscaler's upper bound; autoscaling only when greater than <see cref="MinUnits"/>.</summary>
    /// <remarks>Default: equal to <see cref="MinUnits"/> (no autoscaling).</remarks>
    public int? MaxUnits { get; init; }

    /// <summary>Routing policy.</summary>
    /// <remarks>Default least-outstanding.</remarks>
    public RoutingPolicy Routing { get; init; } = RoutingPolicy.LeastOutstanding;

    /// <summary>Admission policy.</summary>
    /// <remarks>Default queue.</remarks>
    public AdmissionPolicy Admission { get; init; } = AdmissionPolicy.Queue;

    /// <summary>Waiting room per unit (queue admission); with shared-queue, the shared queue holds this × ready units.</summary>
    /// <remarks>Default 8.</remarks>
    public int QueuePerUnit { get; init; } = 8;

    /// <summary>Burst of the rate-limit token bucket, seconds of the rated rate.</summary>
    /// <remarks>Default 1 s.</remarks>
    public double Burst { get; init; } = 1;

    /// <summary>Delay before a throttled call's client hears "throttled", seconds.</summary>
    /// <remarks>Default 0.005.</remarks>
    public double ThrottleLatency { get; init; } = 0.005;

    /// <summary>Time from a start request until the model is hosted, seconds.</summary>
    /// <remarks>Default uniform 10 … 20 min. The initial units provision within it.</remarks>
    public Distribution ModelStart { get; init; } = Distribution.Uniform(600, 1200);

    /// <summary>Time from a stop request until the model is stopped, seconds.</summary>
    /// <remarks>Default 0.</remarks>
    public Distribution ModelStop { get; init; } = Distribution.Deterministic(0);

    /// <summary>Time a unit added to a hosted model takes to provision, seconds.</summary>
    /// <remarks>Default uniform 4 … 8 min.</remarks>
    public Distribution UnitStart { get; init; } = Distribution.Uniform(240, 480);

    /// <summary>The upper bound actually used.</summary>
    public int EffectiveMaxUnits => Math.Max(MinUnits, MaxUnits ?? MinUnits);
}
