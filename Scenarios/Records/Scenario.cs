using Cronos;

namespace LookoutSim.Scenarios;

/// <summary>
/// A whole scenario, resolved: every default, preset value and override filled in, checked, frozen.
/// </summary>
/// <remarks>
/// Units used throughout the records: durations and offsets are <see cref="TimeSpan"/> (offsets
/// from <see cref="Start"/>); rates are calls per second (double); sizes are MB of 10^6 bytes;
/// shares and percents are fractions 0..1; money is <see cref="decimal"/> in
/// <see cref="BillingSpec.Currency"/>. Lists are <see cref="EquatableArray{T}"/> (ordered, value
/// equality), so two loads of the same file give equal records.
/// </remarks>
public sealed record Scenario
{
    /// <summary>Name (<c>name</c>, required); used for the results folder.</summary>
    public required string Name { get; init; }

    /// <summary>Free text (<c>description</c>). Default: empty.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Provider preset applied (<c>provider</c>), or null. See <see cref="ProviderPresets"/>.</summary>
    public string? Provider { get; init; }

    /// <summary>Master seed (<c>seed</c>), 0 or more. Default: 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Instant of simulated time 0 (<c>start</c>). Default: Monday 2024-01-01T00:00Z.</summary>
    public DateTimeOffset Start { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time zone of cron expressions and of timestamps without an offset (<c>timezone</c>, IANA id). Default: UTC.</summary>
    public required TimeZoneInfo Timezone { get; init; }

    /// <summary>Simulated length of a replication (<c>horizon</c>, required, &gt; 0).</summary>
    public required TimeSpan Horizon { get; init; }

    /// <summary>Requests arriving before this are not measured (<c>warmup</c>, below the horizon). Default: 0s.</summary>
    public TimeSpan Warmup { get; init; }

    /// <summary>Independent replications (<c>replications</c>, 1..10000). Default: 5.</summary>
    public int Replications { get; init; } = 5;

    /// <summary>Time-series interval (<c>interval</c>, &gt; 0). Default: 1m.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Service-time model (<c>service</c>; required unless the provider preset supplies one).</summary>
    public required ServiceSpec Service { get; init; }

    /// <summary>Image mix of the calls (<c>images</c>); shares add up to 1. Default: one 1920×1080 image of 1MB.</summary>
    public required EquatableArray<ImageSpec> Images { get; init; }

    /// <summary>Traffic sources (<c>traffic</c>, at least one, unique names); their calls add up.</summary>
    public required EquatableArray<TrafficSource> Traffic { get; init; }

    /// <summary>Scenario-wide client settings (<c>client</c>); each source's own are in <see cref="TrafficSource.Client"/>.</summary>
    public required ClientSpec Client { get; init; }

    /// <summary>Zones, unit counts, routing and admission (<c>deployment</c>).</summary>
    public required DeploymentSpec Deployment { get; init; }

    /// <summary>Target-tracking policy (<c>autoscaling</c>); used only when max_units &gt; min_units.</summary>
    public required AutoscalingSpec Autoscaling { get; init; }

    /// <summary>Unit failures and zone outages (<c>failures</c>). Default: nothing fails.</summary>
    public required FailuresSpec Failures { get; init; }

    /// <summary>Model start/stop times (<c>schedule</c>). Default: empty (model started at time 0).</summary>
    public EquatableArray<ScheduleEntry> Schedule { get; init; } = EquatableArray<ScheduleEntry>.Empty;

    /// <summary>Pricing (<c>billing</c>).</summary>
    public required BillingSpec Billing { get; init; }

    /// <summary>Service-level objectives (<c>slo</c>). Default: none.</summary>
    public required SloSpec Slo { get; init; }

    /// <summary>Sweep definition (<c>sweep</c>), or null when the scenario is a single point.</summary>
    public SweepSpec? Sweep { get; init; }

    /// <summary>What is not known (<c>uncertainty</c>, with the provider preset's ranges); empty when nothing is declared or <c>uncertainty: none</c>.</summary>
    public UncertaintySpec Uncertainty { get; init; } = UncertaintySpec.Empty;
}

/// <summary>Service-time model: S(image) = base + per_megapixel × MP + per_megabyte × MB.</summary>
public sealed record ServiceSpec
{
    /// <summary>Fixed part of the mean service time (<c>base</c>). When <see cref="TpsPerUnit"/> is given, solved from it. Default: 0s.</summary>
    public TimeSpan Base { get; init; }

    /// <summary>Added per megapixel (width×height/10^6) of the image (<c>per_megapixel</c>). Default: 0s.</summary>
    public TimeSpan PerMegapixel { get; init; }

    /// <summary>Added per MB (10^6 bytes) of the image (<c>per_megabyte</c>). Default: 0s.</summary>
    public TimeSpan PerMegabyte { get; init; }

    /// <summary>Distribution around the mean (<c>distribution</c>). Default: lognormal.</summary>
    public ServiceDistribution Distribution { get; init; } = ServiceDistribution.LogNormal;

    /// <summary>Coefficient of variation for lognormal and gamma (<c>cv</c>, &gt; 0). Default: 0.3.</summary>
    public double Cv { get; init; } = 0.3;

    /// <summary>Requests one unit serves at once (<c>concurrency</c>, 1..1024). Default: 1.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Measured TPS of one unit on <see cref="ReferenceImage"/> (<c>tps_per_unit</c>), or null. When given, <see cref="Base"/> = concurrency / tps − per-image terms of the reference image.</summary>
    public double? TpsPerUnit { get; init; }

    /// <summary>Image <see cref="TpsPerUnit"/> was measured with (<c>reference_image</c>). Default: the first image of the mix.</summary>
    public ImageSpec? ReferenceImage { get; init; }

    /// <summary>The per-image part of the mean service time of <paramref name="image"/>, seconds:
    /// per_megapixel × MP + per_megabyte × MB.</summary>
    /// <remarks>In seconds (a double): per_megapixel × megapixels may be beyond what a <see cref="TimeSpan"/> holds.</remarks>
    public double ImageTermsSeconds(ImageSpec image) =>
        (PerMegapixel.TotalSeconds * image.Megapixels) + (PerMegabyte.TotalSeconds * image.SizeMb);

    /// <summary>Mean service time of <paramref name="image"/>, seconds: base + <see cref="ImageTermsSeconds"/>.</summary>
    public double MeanSecondsFor(ImageSpec image) => Base.TotalSeconds + ImageTermsSeconds(image);

    /// <summary>Mean service time over <paramref name="images"/> weighted by their shares, seconds
    /// (<see cref="Base"/> alone when no image has a share).</summary>
    public double MixMeanSeconds(IReadOnlyList<ImageSpec> images)
    {
        double shares = images.Sum(i => i.Share);
        double mean = Base.TotalSeconds;
        if (shares > 0)
        {
            foreach (ImageSpec i in images)
            {
                mean += i.Share / shares * ImageTermsSeconds(i);
            }
        }

        return mean;
    }
}

/// <summary>One kind of image in a mix.</summary>
public sealed record ImageSpec
{
    /// <summary>Fraction of calls carrying this image (<c>share</c>, 0..1; shares of a mix add up to 1). Default: equal shares when no image of the mix gives one.</summary>
    public double Share { get; init; } = 1;

    /// <summary>Width in pixels (<c>width</c>, required).</summary>
    public required int Width { get; init; }

    /// <summary>Height in pixels (<c>height</c>, required).</summary>
    public required int Height { get; init; }

    /// <summary>Encoded size in MB of 10^6 bytes (<c>size</c>, required, e.g. <c>1.2MB</c>).</summary>
    public required double SizeMb { get; init; }

    /// <summary>Width × height / 10^6.</summary>
    public double Megapixels => Width * (double)Height / 1e6;
}

/// <summary>Client population of a traffic source: timeout and retry policy.</summary>
public sealed record ClientSpec
{
    /// <summary>Time the client waits for an answer to one attempt (<c>timeout</c>, &gt; 0). Default: 10s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retry policy (<c>retry</c>: <c>aws-standard</c>, <c>none</c>, or a mapping). Default: aws-standard.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.AwsStandard;
}

/// <summary>
/// When and how a failed attempt is retried: delay = jitter × min(base × 2^(attempt−1), max_delay),
/// within <see cref="MaxAttempts"/> attempts and a client-side token quota.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Tokens a retry costs.</summary>
    public const int RetryCost = 5;

    /// <summary>Tokens a retry after a timeout costs.</summary>
    public const int TimeoutRetryCost = 10;

    /// <summary>Tokens refunded per successful call.</summary>
    public const int SuccessRefund = 1;

    /// <summary>The AWS SDK standard mode: 3 attempts, base 1s, max delay 20s, full jitter, 500 tokens.</summary>
    public static RetryPolicy AwsStandard { get; } = new()
    {
        Mode = RetryMode.AwsStandard,
        MaxAttempts = 3,
        Base = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(20),
        Jitter = RetryJitter.Full,
        Quota = 500,
    };

    /// <summary>One attempt, no retries.</summary>
    public static RetryPolicy NoRetry { get; } = AwsStandard with { Mode = RetryMode.None, MaxAttempts = 1, Quota = null };

    /// <summary><c>aws-standard</c>, <c>none</c> or explicit.</summary>
    public required RetryMode Mode { get; init; }

    /// <summary>Attempts in all, first included (<c>max_attempts</c>, 1..100). Default: 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Backoff cap of the first retry (<c>base</c>). Default: 1s.</summary>
    public TimeSpan Base { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest backoff cap (<c>max_delay</c>). Default: 20s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Jitter (<c>jitter</c>). Default: full.</summary>
    public RetryJitter Jitter { get; init; } = RetryJitter.Full;

    /// <summary>Retry quota in tokens (<c>quota</c>: a number, or <c>off</c> = null). Default: 500.</summary>
    public int? Quota { get; init; } = 500;
}

/// <summary>One traffic source: a client population sending calls by a pattern.</summary>
public sealed record TrafficSource
{
    /// <summary>Unique name (<c>name</c>, required).</summary>
    public required string Name { get; init; }

    /// <summary>Pattern (<c>pattern</c>, required).</summary>
    public required TrafficPattern Pattern { get; init; }

    /// <summary>Calls/s (<c>rate</c>): the constant rate (poisson) or the mean over a day (daily). 0 for other patterns.</summary>
    public double Rate { get; init; }

    /// <summary>
    /// 24 hourly multipliers (<c>profile</c>, daily), shaped by <see cref="Shape"/>, normalized here so
    /// their mean is 1 (so <see cref="Rate"/> stays the day's mean). Default: 24 × 1.
    /// </summary>
    public EquatableArray<double> Profile { get; init; } = EquatableArray<double>.Empty;

    /// <summary>How the hourly multipliers make the rate (<c>shape</c>, daily). Default: step.</summary>
    public ProfileShape Shape { get; init; } = ProfileShape.Step;

    /// <summary>Multipliers by weekday (<c>weekdays</c>, daily). Default: 1 for every day.</summary>
    public WeekdayMultipliers Weekdays { get; init; } = WeekdayMultipliers.Flat;

    /// <summary>Piecewise-constant rates (<c>steps</c>, steps pattern); the first is at 0.</summary>
    public EquatableArray<RateStep> Steps { get; init; } = EquatableArray<RateStep>.Empty;

    /// <summary>Period after which the steps repeat (<c>repeat</c>), or null for no repetition.</summary>
    public TimeSpan? Repeat { get; init; }

    /// <summary>Normal and burst rates and mean state durations (<c>rates</c>, <c>durations</c>; bursty), or null.</summary>
    public BurstParameters? Bursts { get; init; }

    /// <summary>Trace replay settings (<c>file</c>, <c>column</c>, <c>interval</c>, <c>speed</c>, <c>scale</c>), or null.</summary>
    public TraceReplay? Trace { get; init; }

    /// <summary>Batch-job settings (<c>clients</c>, <c>images</c>, <c>think</c>, <c>cron</c>/<c>at</c>; closed), or null.</summary>
    public ClosedJob? Closed { get; init; }

    /// <summary>The source's image mix: its own <c>images</c> list, else the scenario's.</summary>
    public required EquatableArray<ImageSpec> Images { get; init; }

    /// <summary>The source's client: the scenario's <c>client</c> with the source's own <c>client</c> fields over it.</summary>
    public required ClientSpec Client { get; init; }
}

/// <summary>Weekday multipliers of a daily pattern (<c>weekdays: { sat: 0.3, sun: 0.1 }</c>); each defaults to 1.</summary>
public readonly record struct WeekdayMultipliers(double Mon, double Tue, double Wed, double Thu, double Fri, double Sat, double Sun)
{
    /// <summary>1 for every day.</summary>
    public static WeekdayMultipliers Flat => new(1, 1, 1, 1, 1, 1, 1);

    /// <summary>The multiplier for <paramref name="day"/>.</summary>
    public double For(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Mon,
        DayOfWeek.Tuesday => Tue,
        DayOfWeek.Wednesday => Wed,
        DayOfWeek.Thursday => Thu,
        DayOfWeek.Friday => Fri,
        DayOfWeek.Saturday => Sat,
        _ => Sun,
    };
}

/// <summary>From offset <paramref name="At"/> on, calls arrive at <paramref name="Rate"/> calls/s.</summary>
/// <param name="At">Offset of the step (<c>at</c>).</param>
/// <param name="Rate">Calls/s (<c>rate</c>).</param>
public readonly record struct RateStep(TimeSpan At, double Rate);

/// <summary>Two-state Markov-modulated Poisson process.</summary>
/// <param name="NormalRate">Calls/s in the normal state (<c>rates[0]</c>).</param>
/// <param name="BurstRate">Calls/s in the burst state (<c>rates[1]</c>).</param>
/// <param name="NormalDuration">Mean time in the normal state (<c>durations[0]</c>), exponential.</param>
/// <param name="BurstDuration">Mean time in the burst state (<c>durations[1]</c>), exponential.</param>
public readonly record struct BurstParameters(double NormalRate, double BurstRate, TimeSpan NormalDuration, TimeSpan BurstDuration);

/// <summary>Replay of a CSV trace, streamed.</summary>
public sealed record TraceReplay
{
    /// <summary>Absolute path of the CSV (<c>file</c>, written relative to the scenario file).</summary>
    public required string File { get; init; }

    /// <summary>Column (<c>column</c>): <c>time_s</c> (seconds from start), a timestamp column, or <c>count</c> (calls per <see cref="Interval"/>). Default: time_s.</summary>
    public string Column { get; init; } = "time_s";

    /// <summary>Interval of a <c>count</c> column (<c>interval</c>). Default: 1m.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Time scaling (<c>speed</c>, &gt; 0): 2 replays twice as fast. Default: 1.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Rate multiplier (<c>scale</c>, &gt; 0). Default: 1.</summary>
    public double Scale { get; init; } = 1;
}

/// <summary>A closed batch job: <see cref="Clients"/> callers until <see cref="Images"/> are done.</summary>
public sealed record ClosedJob
{
    /// <summary>Concurrent callers (<c>clients</c>, required, ≥ 1).</summary>
    public required int Clients { get; init; }

    /// <summary>Images to process per run of the job (<c>images</c>, required, ≥ 1).</summary>
    public required long Images { get; init; }

    /// <summary>Pause of a caller between its answer and its next call (<c>think</c>). Default: 0s.</summary>
    public TimeSpan Think { get; init; }

    /// <summary>When the job starts, repeatedly (<c>cron</c>), or null.</summary>
    public CronSchedule? Cron { get; init; }

    /// <summary>When the job starts once (<c>at</c>), or null. Default when neither is given: at 0.</summary>
    public TimeSpan? At { get; init; }
}

/// <summary>A 5-field cron expression (Cronos) in the scenario's time zone.</summary>
public sealed record CronSchedule
{
    /// <summary>The expression as written, e.g. <c>0 6 * * MON-FRI</c>.</summary>
    public required string Text { get; init; }

    /// <summary>The parsed expression.</summary>
    public required CronExpression Expression { get; init; }

    /// <summary>Time zone the expression is read in (<c>timezone</c>).</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>The first occurrence strictly after <paramref name="from"/>, or null (also when none is before the end of the calendar).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset from) => Next(from, inclusive: false);

    /// <summary>The first occurrence at or after <paramref name="from"/>, or null (also when none is before the end of the calendar).</summary>
    public DateTimeOffset? NextFrom(DateTimeOffset from) => Next(from, inclusive: true);

    private DateTimeOffset? Next(DateTimeOffset from, bool inclusive)
    {
        try
        {
            return Expression.GetNextOccurrence(from, TimeZone, inclusive);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Near year 9999 a time zone's offset can carry a date past the calendar's end.
            return null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>Where and how many units run, and how calls reach them.</summary>
public sealed record DeploymentSpec
{
    /// <summary>Zone names, in placement order (<c>zones</c>, unique). Default: [az-1].</summary>
    public required EquatableArray<string> Zones { get; init; }

    /// <summary>MinInferenceUnits (<c>min_units</c>, required, 1..10000).</summary>
    public required int MinUnits { get; init; }

    /// <summary>MaxInferenceUnits (<c>max_units</c>, ≥ min_units). Default: min_units (no autoscaling).</summary>
    public required int MaxUnits { get; init; }

    /// <summary>Routing policy (<c>routing</c>). Default: least-outstanding.</summary>
    public RoutingPolicy Routing { get; init; } = RoutingPolicy.LeastOutstanding;

    /// <summary>Admission policy (<c>admission</c>). Default: queue.</summary>
    public AdmissionPolicy Admission { get; init; } = AdmissionPolicy.Queue;

    /// <summary>Requests a unit queues beyond those in service (<c>queue_per_unit</c>, 0..100000). Default: 8.</summary>
    public int QueuePerUnit { get; init; } = 8;

    /// <summary>Token-bucket depth of rate-limit admission, as time at the rated TPS (<c>burst</c>). Default: 1s.</summary>
    public TimeSpan Burst { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time until a throttled call gets its answer (<c>throttle_latency</c>). Default: 5ms.</summary>
    public TimeSpan ThrottleLatency { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Time to host the model (<c>model_start</c>, uniform range). Default: 10m..20m.</summary>
    public DurationRange ModelStart { get; init; } = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));

    /// <summary>Time to provision one unit (<c>unit_start</c>, uniform range). Default: 4m..8m.</summary>
    public DurationRange UnitStart { get; init; } = new(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8));

    /// <summary>Whether the implicit start at time 0 (no schedule) takes <see cref="ModelStart"/> (<c>include_model_start</c>). Default: false.</summary>
    public bool IncludeModelStart { get; init; }

    /// <summary>True when <see cref="MaxUnits"/> &gt; <see cref="MinUnits"/> (the autoscaler runs).</summary>
    public bool AutoscalingEnabled => MaxUnits > MinUnits;
}

/// <summary>Target-tracking autoscaling policy (assumptions: the service does not document its own).</summary>
public sealed record AutoscalingSpec
{
    /// <summary>Tracked metric (<c>metric</c>). Default: utilization.</summary>
    public ScalingMetric Metric { get; init; } = ScalingMetric.Utilization;

    /// <summary>Target of the metric as a fraction (<c>target</c>, 0..1 exclusive of 0). Default: 0.7.</summary>
    public double Target { get; init; } = 0.7;

    /// <summary>Evaluation period (<c>evaluation</c>, &gt; 0). Default: 1m.</summary>
    public TimeSpan Evaluation { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Least time between scale-outs (<c>scale_out_cooldown</c>). Default: 2m.</summary>
    public TimeSpan ScaleOutCooldown { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Time desired must stay below current before a scale-in (<c>scale_in_cooldown</c>). Default: 15m.</summary>
    public TimeSpan ScaleInCooldown { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Most units removed per scale-in (<c>scale_in_step</c>, ≥ 1). Default: 1.</summary>
    public int ScaleInStep { get; init; } = 1;

    /// <summary>Whether replacements for a lost zone go to surviving zones (<c>rebalance</c>). Default: false.</summary>
    public bool Rebalance { get; init; }

    /// <summary>
    /// Whether units lost with their zone still count as in service when the autoscaler compares
    /// desired with current (<c>count_lost_units</c>). Default: false.
    /// </summary>
    /// <remarks>
    /// An assumption (the service does not document it): false means the policy sees the lost
    /// capacity and scales out in the surviving zones; true means it keeps counting the lost
    /// zone's allocation until the zone is repaired.
    /// </remarks>
    public bool CountLostUnits { get; init; }
}

/// <summary>What fails. Default: nothing.</summary>
public sealed record FailuresSpec
{
    /// <summary>Mean time between failures of one unit (<c>unit_mtbf</c>), or null for no unit failures.</summary>
    public TimeSpan? UnitMtbf { get; init; }

    /// <summary>Weibull shape of a unit's time to failure (<c>unit_failure_shape</c>, &gt; 0; 1 = exponential). Default: 1.</summary>
    public double UnitFailureShape { get; init; } = 1;

    /// <summary>Delay before a failed unit's replacement starts provisioning (<c>unit_replacement_delay</c>). Default: 1m.</summary>
    public TimeSpan UnitReplacementDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Listed and random zone outages (<c>zone_outages</c>). Default: none.</summary>
    public EquatableArray<ZoneOutage> ZoneOutages { get; init; } = EquatableArray<ZoneOutage>.Empty;
}

/// <summary>
/// A zone outage: listed (<see cref="At"/> set: zone down at that offset for <see cref="Duration"/>)
/// or random (<see cref="Every"/> set: per zone, exponential time between outages with that mean).
/// </summary>
public sealed record ZoneOutage
{
    /// <summary>Zone (<c>zone</c>; required when listed; for a random outage null means every zone).</summary>
    public string? Zone { get; init; }

    /// <summary>Offset of a listed outage (<c>at</c>), or null for a random one.</summary>
    public TimeSpan? At { get; init; }

    /// <summary>Mean time between random outages of a zone (<c>every</c>), or null for a listed one.</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>Duration (<c>duration</c>, required; a range is drawn uniformly).</summary>
    public required DurationRange Duration { get; init; }

    /// <summary>True for a random outage.</summary>
    public bool IsRandom => Every is not null;
}

/// <summary>A scheduled start or stop of the model, at a cron time or once at an offset.</summary>
public sealed record ScheduleEntry
{
    /// <summary>Repeating time (<c>cron</c>), or null.</summary>
    public CronSchedule? Cron { get; init; }

    /// <summary>One offset (<c>at</c>), or null.</summary>
    public TimeSpan? At { get; init; }

    /// <summary>Start or stop (<c>action</c>, required).</summary>
    public required ScheduleAction Action { get; init; }

    /// <summary>New MinInferenceUnits on start (<c>min_units</c>), or null to keep the current.</summary>
    public int? MinUnits { get; init; }

    /// <summary>New MaxInferenceUnits on start (<c>max_units</c>), or null to keep the current.</summary>
    public int? MaxUnits { get; init; }
}

/// <summary>Pricing.</summary>
public sealed record BillingSpec
{
    /// <summary>Price of one unit-hour (<c>price_per_unit_hour</c>, ≥ 0). Default: 4.00 (Rekognition Custom Labels' published price).</summary>
    public decimal PricePerUnitHour { get; init; } = 4.00m;

    /// <summary>Currency code (<c>currency</c>). Default: USD.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>Each billed span is rounded up to a whole number of these (<c>granularity</c>, &gt; 0). Default: 1m.</summary>
    public TimeSpan Granularity { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>What is billed (<c>basis</c>). Default: desired.</summary>
    public BillingBasis Basis { get; init; } = BillingBasis.Desired;
}

/// <summary>Service-level objectives; each null when not set (no verdict).</summary>
public sealed record SloSpec
{
    /// <summary>Most p99 client latency (<c>latency_p99</c>), or null.</summary>
    public TimeSpan? LatencyP99 { get; init; }

    /// <summary>Most failed share of requests, fraction (<c>max_failed</c>), or null.</summary>
    public double? MaxFailed { get; init; }

    /// <summary>Least availability, fraction (<c>availability</c>), or null.</summary>
    public double? Availability { get; init; }
}

/// <summary>A sweep: field paths and their values, combined by <see cref="Mode"/>.</summary>
public sealed record SweepSpec
{
    /// <summary>Cartesian (default) or zip (<c>mode</c>).</summary>
    public SweepMode Mode { get; init; } = SweepMode.Cartesian;

    /// <summary>The swept fields, in file order.</summary>
    public required EquatableArray<SweepParameter> Parameters { get; init; }
}

/// <summary>One swept field: its path (as for <c>--set</c>) and its values as written.</summary>
public sealed record SweepParameter
{
    /// <summary>Field path, e.g. <c>deployment.min_units</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Values as written (same syntax as in the file).</summary>
    public required EquatableArray<string> Values { get; init; }
}
