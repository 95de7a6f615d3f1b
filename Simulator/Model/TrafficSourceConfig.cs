using System.Collections.Immutable;

namespace LookoutSim.Model;

/// <summary>
/// One traffic source: a client population with its own arrival pattern and random streams
/// (named after <see cref="Name"/>, so adding a source never changes another's sample path).
/// </summary>
public abstract record TrafficSourceConfig
{
    /// <summary>Unique name; names the source's random streams.</summary>
    public required string Name { get; init; }

    /// <summary>The source's own image mix; default (empty) the scenario's.</summary>
    public ImmutableArray<ImageSpec> Images { get; init; } = [];

    /// <summary>The source's own client settings; default the scenario's.</summary>
    public ClientConfig? Client { get; init; }
}

/// <summary>A Poisson process at a constant rate.</summary>
public sealed record PoissonTraffic : TrafficSourceConfig
{
    /// <summary>Calls/s.</summary>
    public required double Rate { get; init; }
}

/// <summary>
/// A non-homogeneous Poisson process: rate × profile(t) × weekday(t), profile(t) as
/// <see cref="DailyProfile"/> defines it for <see cref="Shape"/>; weekday multipliers apply to whole
/// days (midnight to midnight).
/// </summary>
public sealed record DailyTraffic : TrafficSourceConfig
{
    /// <summary>Mean rate over a day with the profile's mean 1, calls/s.</summary>
    public required double Rate { get; init; }

    /// <summary>24 hourly multipliers.</summary>
    public required ImmutableArray<double> Profile { get; init; }

    /// <summary>How the hourly multipliers make the rate; default <see cref="DailyShape.Step"/>.</summary>
    public DailyShape Shape { get; init; } = DailyShape.Step;

    /// <summary>7 multipliers, Monday first; default all 1.</summary>
    public ImmutableArray<double> Weekdays { get; init; } = [];
}

/// <summary>How a daily source's hourly multipliers make its rate (<see cref="DailyProfile"/>).</summary>
public enum DailyShape
{
    /// <summary>Hour h runs at multiplier h from h:00 to h+1:00.</summary>
    Step,

    /// <summary>Straight lines between knots at each hour's middle (h:30), cyclically over midnight.</summary>
    Linear,
}

/// <summary>Piecewise-constant rates, optionally repeating.</summary>
public sealed record StepsTraffic : TrafficSourceConfig
{
    /// <summary>(offset, rate) pairs in increasing offset, the first at 0; seconds and calls/s.</summary>
    public required ImmutableArray<RateStep> Steps { get; init; }

    /// <summary>Period after which the steps repeat, seconds; null: the last rate holds to the end.</summary>
    public double? Repeat { get; init; }
}

/// <summary>A rate from an offset on.</summary>
/// <param name="At">Seconds (from the start of each period).</param>
/// <param name="Rate">Calls/s.</param>
public sealed record RateStep(double At, double Rate);

/// <summary>A two-state Markov-modulated Poisson process; it starts in the normal state.</summary>
public sealed record BurstyTraffic : TrafficSourceConfig
{
    /// <summary>Rate in the normal state, calls/s.</summary>
    public required double NormalRate { get; init; }

    /// <summary>Rate in the burst state, calls/s.</summary>
    public required double BurstRate { get; init; }

    /// <summary>Mean time in the normal state (exponential), seconds.</summary>
    public required double MeanNormal { get; init; }

    /// <summary>Mean time in the burst state (exponential), seconds.</summary>
    public required double MeanBurst { get; init; }
}

/// <summary>Replays a recorded trace, streamed.</summary>
public sealed record TraceTraffic : TrafficSourceConfig
{
    /// <summary>Where the records come from (opened once per replication).</summary>
    public required ITraceSource Source { get; init; }

    /// <summary>Time scaling: a record at t is replayed at t / speed. Default 1.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Rate multiplier: each recorded call becomes ⌊scale⌋ calls plus one more with probability frac(scale). Default 1.</summary>
    public double Scale { get; init; } = 1;
}

/// <summary>
/// A batch job: at each start time, <see cref="Clients"/> callers each send their next image when
/// the last one ended (succeeded or failed) plus <see cref="Think"/>, until <see cref="BatchImages"/> are done.
/// </summary>
public sealed record ClosedTraffic : TrafficSourceConfig
{
    /// <summary>Concurrent callers.</summary>
    public required int Clients { get; init; }

    /// <summary>Images in one batch.</summary>
    public required long BatchImages { get; init; }

    /// <summary>Pause between a caller's answer and its next call, seconds. Default 0.</summary>
    public double Think { get; init; }

    /// <summary>Absolute start times of the batches, seconds (cron expanded by the caller).</summary>
    public required ImmutableArray<double> StartTimes { get; init; }
}
