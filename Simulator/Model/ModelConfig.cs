using System.Collections.Immutable;

namespace LookoutSim.Model;

/// <summary>
/// Everything one replication of the serving model needs, compiled to plain numbers: times in
/// seconds from the scenario start, rates in calls/s, sizes in MB, shares as fractions, repeating
/// (cron) times already expanded by the caller into absolute start times. The Scenarios project
/// maps its records into this type; the model knows nothing of YAML or cron.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>Simulated horizon, seconds. Required, &gt; 0.</summary>
    public required double Horizon { get; init; }

    /// <summary>Requests arriving before this time are not counted in the measures, seconds.</summary>
    /// <remarks>Default 0. Billing and the time series cover the whole horizon regardless.</remarks>
    public double Warmup { get; init; }

    /// <summary>Length of one time-series interval, seconds.</summary>
    /// <remarks>Default 60.</remarks>
    public double Interval { get; init; } = 60;

    /// <summary>Seconds from Monday 00:00 (in the scenario's time zone) to the scenario start.</summary>
    /// <remarks>Default 0 (the scenario starts on a Monday at midnight). Daily and weekday profiles use it.</remarks>
    public double WeekOffset { get; init; }

    /// <summary>How long one image takes to serve.</summary>
    public required ServiceConfig Service { get; init; }

    /// <summary>The scenario's image mix; shares are fractions adding up to 1.</summary>
    /// <remarks>Default: one image of 1 megapixel and 1 MB.</remarks>
    public ImmutableArray<ImageSpec> Images { get; init; } = [new ImageSpec(1, 1000, 1000, 1)];

    /// <summary>Traffic sources; their calls add up. At least one.</summary>
    public required ImmutableArray<TrafficSourceConfig> Traffic { get; init; }

    /// <summary>Client settings of sources that do not set their own.</summary>
    public ClientConfig Client { get; init; } = new();

    /// <summary>Zones, units, routing and admission.</summary>
    public required DeploymentConfig Deployment { get; init; }

    /// <summary>Target-tracking autoscaling; only active when <see cref="DeploymentConfig.MaxUnits"/> &gt; <see cref="DeploymentConfig.MinUnits"/>.</summary>
    public AutoscalingConfig Autoscaling { get; init; } = new();

    /// <summary>Unit failures and zone outages. Default: nothing fails.</summary>
    public FailuresConfig Failures { get; init; } = new();

    /// <summary>Model starts, stops and bound changes at absolute times. Empty: the model is started at time 0.</summary>
    public ImmutableArray<ScheduleEntry> Schedule { get; init; } = [];

    /// <summary>Whether the model is started at time 0 even though a schedule is given.</summary>
    /// <remarks>Default: true exactly when <see cref="Schedule"/> is empty.</remarks>
    public bool? StartedAtZero { get; init; }

    /// <summary>Whether a start at time 0 without a schedule waits <see cref="DeploymentConfig.ModelStart"/>.</summary>
    /// <remarks>Default false: the model is hosted with its initial units ready at time 0.</remarks>
    public bool IncludeModelStart { get; init; }

    /// <summary>Price and basis of the bill.</summary>
    public BillingConfig Billing { get; init; } = new();

    /// <summary>Share of requests written as <c>requests.csv</c> rows, 0 … 1.</summary>
    /// <remarks>Default 0 (none). The choice is a fixed hash of the request id, not a random draw.</remarks>
    public double RequestSampleFraction { get; init; }

    /// <summary>
    /// Windows whose arrivals are also measured on their own, pooled (the <c>outage_*</c> measures):
    /// ascending, not overlapping, each within the horizon.
    /// </summary>
    /// <remarks>Default empty: no window measures (and no cost to the run).</remarks>
    public ImmutableArray<MeasureWindow> MeasureWindows { get; init; } = [];

    /// <summary>
    /// This configuration cut at <paramref name="horizon"/> (no later than the current one): the
    /// <see cref="MeasureWindows"/> are cut with it, and a window that would start at or after it is dropped,
    /// so the configuration stays valid.
    /// </summary>
    public ModelConfig CutAt(double horizon)
    {
        double h = Math.Min(horizon, Horizon);
        return this with
        {
            Horizon = h,
            MeasureWindows = [.. MeasureWindows.Where(w => w.From < h).Select(w => w with { To = Math.Min(w.To, h) })],
        };
    }

    /// <summary>Whether the model is started at time 0 under this configuration.</summary>
    public bool StartsAtZero => StartedAtZero ?? Schedule.IsDefaultOrEmpty;
}
