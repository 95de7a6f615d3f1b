namespace LookoutSim.Scenarios;

/// <summary>Whether a preset value is documented by the provider or assumed by LookoutSim.</summary>
public enum PresetValueKind
{
    /// <summary>Stated in the provider's documentation (the source says where).</summary>
    Fact,

    /// <summary>An assumption to vary and sweep; the source says what it rests on.</summary>
    Assumption,
}

/// <summary>One value a preset supplies: a field path, its value in scenario syntax, and its standing.</summary>
/// <param name="Path">Field path, as for <c>--set</c>.</param>
/// <param name="Value">Value as it would be written in a scenario.</param>
/// <param name="Kind">Documented fact or assumption.</param>
/// <param name="Source">Where the fact is documented, or what the assumption rests on.</param>
public sealed record PresetValue(string Path, string Value, PresetValueKind Kind, string Source);

/// <summary>A preset's default uncertainty range of one field.</summary>
/// <param name="Path">Field path, as for <c>--set</c>.</param>
/// <param name="Range">As written under <c>uncertainty:</c>: <c>low..high</c>, <c>[a, b]</c> or <c>±share</c>.</param>
/// <param name="Source">Where the range is documented, or "assumption: …".</param>
public sealed record PresetRange(string Path, string Range, string Source);

/// <summary>A provider preset: defaults for a family of services.</summary>
/// <remarks>
/// A preset fills only the fields the scenario file leaves out; <c>--set</c> overrides both.
/// Its <c>service.*</c> values apply only when the file has no <c>service</c> section at all
/// (a measured service model is never mixed with an assumed one).
/// </remarks>
public sealed record ProviderPreset
{
    /// <summary>Name used in <c>provider:</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line on what it models.</summary>
    public required string Description { get; init; }

    /// <summary>The values, in the order they are listed.</summary>
    public required EquatableArray<PresetValue> Values { get; init; }

    /// <summary>Default uncertainty ranges of the fields it assumes; used unless the file declares its own (or <c>uncertainty: none</c>).</summary>
    public EquatableArray<PresetRange> Uncertainty { get; init; } = EquatableArray<PresetRange>.Empty;
}

/// <summary>The provider presets, as data.</summary>
public static class ProviderPresets
{
    private const string InferenceUnitsDoc = "AWS docs, StartModel / StartProjectVersion: MinInferenceUnits at least 1, default 1";
    private const string RetryDoc = "AWS SDKs and Tools reference, retry behavior: standard mode, 3 attempts, backoff min(2^(n-1)s, 20s) with full jitter, 500-token quota";
    private const string RestartDoc = "AWS docs: changing inference units by hand is stop + start, 10-20 minutes without service";
    private const string ServiceAssumption = "typical CPU/GPU image model latency; replace with `lookoutsim calibrate` results";
    private const string AutoscalerAssumption = "the service does not document its autoscaler; target tracking assumed";

    private static readonly PresetValue[] InferenceUnitCommon =
    [
        new("deployment.min_units", "1", PresetValueKind.Fact, InferenceUnitsDoc),
        new("deployment.model_start", "10m..20m", PresetValueKind.Fact, RestartDoc + "; starting a model takes minutes"),
        new("deployment.unit_start", "4m..8m", PresetValueKind.Assumption, "an added unit provisions faster than a whole model start"),
        new("deployment.admission", "rate-limit", PresetValueKind.Fact, "AWS docs: calls above the supported TPS are throttled (ThrottlingException, HTTP 429)"),
        new("deployment.burst", "1s", PresetValueKind.Assumption, "one second of rated TPS as token-bucket depth"),
        new("deployment.throttle_latency", "5ms", PresetValueKind.Assumption, "the front end answers a throttled call at once"),
        new("client.retry", "aws-standard", PresetValueKind.Fact, RetryDoc),
        new("autoscaling.metric", "utilization", PresetValueKind.Assumption, AutoscalerAssumption),
        new("autoscaling.target", "70%", PresetValueKind.Assumption, AutoscalerAssumption),
        new("autoscaling.scale_in_cooldown", "15m", PresetValueKind.Assumption, AutoscalerAssumption),
        new("autoscaling.rebalance", "false", PresetValueKind.Fact, "AWS docs: capacity stays reduced in a zone outage until the zone is repaired"),
        new("billing.currency", "USD", PresetValueKind.Fact, "AWS pricing pages list USD"),
        new("billing.granularity", "1m", PresetValueKind.Fact, "AWS docs: inference hours are charged per minute of running time"),
        new("billing.basis", "desired", PresetValueKind.Fact, "AWS docs: billed for units allocated while the model runs, whether or not calls arrive"),
    ];

    private static readonly PresetRange[] ServiceRanges =
    [
        new("service.base", "±20%", "assumption: the service does not document a unit's TPS; replace with `lookoutsim calibrate` results"),
        new("service.cv", "0.2..0.6", "assumption: spread of image-model latency"),
    ];

    private static readonly PresetRange[] InferenceUnitRanges =
    [
        new("deployment.model_start", "10m..20m", "AWS docs: starting a model or changing its inference units takes 10-20 minutes"),
        new("deployment.unit_start", "4m..8m", "assumption: an added unit provisions faster than a whole model start"),
        new("autoscaling.evaluation", "1m..5m", "assumption: " + AutoscalerAssumption + "; CloudWatch alarms evaluate over 1-5 minutes"),
        new("autoscaling.scale_in_cooldown", "5m..30m", "assumption: " + AutoscalerAssumption),
        new("autoscaling.target", "60%..80%", "assumption: " + AutoscalerAssumption),
        .. ServiceRanges,
    ];

    /// <summary>The assumed service-time model of a preset (replaced by the file's own <c>service</c>).</summary>
    private static PresetValue[] Service(string baseTime, string perMegapixel, string perMegabyte, string concurrency, string concurrencySource) =>
    [
        new("service.base", baseTime, PresetValueKind.Assumption, ServiceAssumption),
        new("service.per_megapixel", perMegapixel, PresetValueKind.Assumption, ServiceAssumption),
        new("service.per_megabyte", perMegabyte, PresetValueKind.Assumption, ServiceAssumption),
        new("service.distribution", "lognormal", PresetValueKind.Assumption, ServiceAssumption),
        new("service.cv", "0.3", PresetValueKind.Assumption, ServiceAssumption),
        new("service.concurrency", concurrency, PresetValueKind.Assumption, concurrencySource),
    ];

    /// <summary>Amazon Lookout for Vision: an anomaly-detection model on inference units.</summary>
    public static ProviderPreset LookoutForVision { get; } = new()
    {
        Name = "lookout-for-vision",
        Description = "Amazon Lookout for Vision model hosted on inference units",
        Values = EquatableArray.From(InferenceUnitCommon.Concat(
        [
            new PresetValue("billing.price_per_unit_hour", "4.00", PresetValueKind.Fact, "Amazon Lookout for Vision pricing: 4.00 USD per inference-unit hour (us-east-1)"),
        ]).Concat(Service("60ms", "20ms", "5ms", "1", "one request at a time per unit"))),
        Uncertainty = [.. InferenceUnitRanges],
    };

    /// <summary>Amazon Rekognition Custom Labels: a custom image classifier or detector on inference units.</summary>
    public static ProviderPreset RekognitionCustomLabels { get; } = new()
    {
        Name = "rekognition-custom-labels",
        Description = "Amazon Rekognition Custom Labels model hosted on inference units",
        Values = EquatableArray.From(InferenceUnitCommon.Concat(
        [
            new PresetValue("billing.price_per_unit_hour", "4.00", PresetValueKind.Fact, "Amazon Rekognition Custom Labels pricing: 4.00 USD per inference-unit hour"),
        ]).Concat(Service("80ms", "25ms", "8ms", "1", "one request at a time per unit"))),
        Uncertainty = [.. InferenceUnitRanges],
    };

    /// <summary>Amazon SageMaker real-time endpoint: instances billed while provisioned.</summary>
    public static ProviderPreset SageMakerRealtime { get; } = new()
    {
        Name = "sagemaker-realtime",
        Description = "Amazon SageMaker real-time endpoint (instances as units)",
        Values =
        [
            new("deployment.min_units", "1", PresetValueKind.Fact, "SageMaker docs: an endpoint variant has InitialInstanceCount of at least 1"),
            new("deployment.model_start", "5m..10m", PresetValueKind.Assumption, "endpoint creation takes minutes"),
            new("deployment.unit_start", "5m..10m", PresetValueKind.Assumption, "a new instance downloads the model and starts its container"),
            new("deployment.routing", "least-outstanding", PresetValueKind.Fact, "SageMaker docs: RoutingStrategy LEAST_OUTSTANDING_REQUESTS is available"),
            new("deployment.admission", "queue", PresetValueKind.Assumption, "requests queue at the instance's model server"),
            new("deployment.queue_per_unit", "16", PresetValueKind.Assumption, "model-server queue depth"),
            new("client.retry", "aws-standard", PresetValueKind.Fact, RetryDoc),
            new("client.timeout", "60s", PresetValueKind.Fact, "SageMaker docs: InvokeEndpoint real-time requests time out after 60 seconds"),
            new("autoscaling.metric", "tps_per_unit", PresetValueKind.Fact, "SageMaker docs: target tracking on SageMakerVariantInvocationsPerInstance"),
            new("autoscaling.target", "70%", PresetValueKind.Assumption, "invocations per instance at 70% of the rated TPS"),
            new("autoscaling.scale_out_cooldown", "5m", PresetValueKind.Fact, "Application Auto Scaling docs: default cooldown 300 seconds"),
            new("autoscaling.scale_in_cooldown", "5m", PresetValueKind.Fact, "Application Auto Scaling docs: default cooldown 300 seconds"),
            new("autoscaling.rebalance", "true", PresetValueKind.Assumption, "instances are replaced in healthy zones"),
            new("billing.price_per_unit_hour", "0.736", PresetValueKind.Assumption, "ml.g4dn.xlarge on-demand in us-east-1; check the current price list"),
            new("billing.currency", "USD", PresetValueKind.Fact, "AWS pricing pages list USD"),
            new("billing.granularity", "1s", PresetValueKind.Fact, "SageMaker pricing: instances are billed per second"),
            new("billing.basis", "provisioned", PresetValueKind.Fact, "SageMaker pricing: billed per instance while it runs"),
            .. Service("30ms", "10ms", "4ms", "4", "four model-server workers per instance"),
        ],
        Uncertainty =
        [
            new("deployment.model_start", "5m..10m", "assumption: endpoint creation takes minutes"),
            new("deployment.unit_start", "5m..10m", "assumption: a new instance downloads the model and starts its container"),
            new("autoscaling.evaluation", "1m..3m", "assumption: target-tracking alarms evaluate over 1-3 one-minute data points"),
            new("autoscaling.target", "60%..80%", "assumption: invocations per instance at 60-80% of the rated TPS"),
            .. ServiceRanges,
        ],
    };

    /// <summary>Every preset, by name order of the docs.</summary>
    public static IReadOnlyList<ProviderPreset> All { get; } = [LookoutForVision, RekognitionCustomLabels, SageMakerRealtime];

    /// <summary>The preset named <paramref name="name"/>, or null.</summary>
    public static ProviderPreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
