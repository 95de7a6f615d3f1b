using System.Collections.Immutable;

namespace LookoutSim.Experiments.Observed;

/// <summary>What an observed CloudWatch series measures, whatever its namespace calls it.</summary>
public enum ObservedKind
{
    /// <summary>Successful calls in the period (count).</summary>
    Successful,

    /// <summary>Throttled calls in the period (count).</summary>
    Throttled,

    /// <summary>Calls that ended in a server error in the period (count).</summary>
    Errors,

    /// <summary>Calls refused as the caller's fault (4xx) in the period (count); never retried.</summary>
    UserErrors,

    /// <summary>Images that were invalid and returned no result (count); never retried.</summary>
    Invalid,

    /// <summary>Images run through the model in the period (count).</summary>
    Processed,

    /// <summary>Mean time the service took to answer, seconds (converted from the metric's unit).</summary>
    Latency,

    /// <summary>Inference units in service (period average).</summary>
    InServiceUnits,

    /// <summary>Inference units the autoscaler asks for (period average).</summary>
    DesiredUnits,

    /// <summary>The model's minimum inference units (period average).</summary>
    MinUnits,

    /// <summary>The model's maximum inference units (period average).</summary>
    MaxUnits,
}

/// <summary>One metric a namespace publishes, as LookoutSim reads it.</summary>
/// <param name="Name">The CloudWatch metric name (<c>SuccessfulRequestCount</c>); also the <c>metric</c> column of <c>observed.csv</c>.</param>
/// <param name="Namespace">The CloudWatch namespace (<see cref="CloudWatchMetrics.LookoutVision"/> or <see cref="CloudWatchMetrics.Rekognition"/>).</param>
/// <param name="Kind">What it measures.</param>
/// <param name="Statistic">The statistic to request: <c>Sum</c> for counts, <c>Average</c> for latency and unit counts.</param>
/// <param name="Unit">The unit CloudWatch reports it in (<c>Count</c>, <c>Milliseconds</c>).</param>
public sealed record CloudWatchMetric(string Name, string Namespace, ObservedKind Kind, string Statistic, string Unit)
{
    /// <summary>Whether the series is a count of calls or images per period (summed over a period, never negative, whole).</summary>
    public bool IsCount => Statistic == CloudWatchMetrics.Sum;
}

/// <summary>
/// The CloudWatch metrics LookoutSim reads, for both namespaces (evidence spec, "Observed data"):
/// their names, the statistic to request, their unit and what they measure.
/// </summary>
/// <remarks>
/// <para>Counts are requested as <c>Sum</c> (calls in the period); latency and the four unit
/// metrics as <c>Average</c> (the mean over the period).</para>
/// <para>Latency: Rekognition documents <c>ResponseTime</c> as "the time in milliseconds for
/// Rekognition to compute the response" (unit Milliseconds for the Average statistic). Lookout for
/// Vision's <c>Time</c> is read the same way. The unit a file states (<c>Unit</c> in
/// <c>get-metric-statistics</c>) wins when given; <see cref="ToSeconds"/> converts
/// (Microseconds ÷ 10⁶, Milliseconds ÷ 10³, Seconds as is). <c>observed.csv</c> holds latency in
/// seconds, every count per period, and unit counts as period averages.</para>
/// </remarks>
public static class CloudWatchMetrics
{
    /// <summary>Lookout for Vision's namespace.</summary>
    public const string LookoutVision = "AWS/LookoutVision";

    /// <summary>Rekognition's namespace (Custom Labels models publish here).</summary>
    public const string Rekognition = "AWS/Rekognition";

    /// <summary>The statistic requested for counts.</summary>
    public const string Sum = "Sum";

    /// <summary>The statistic requested for latency and unit counts.</summary>
    public const string Average = "Average";

    private const string Count = "Count";
    private const string Milliseconds = "Milliseconds";

    /// <summary>The metrics of <c>AWS/LookoutVision</c> that LookoutSim reads.</summary>
    public static ImmutableArray<CloudWatchMetric> LookoutVisionMetrics { get; } =
    [
        new("SuccessfulRequestCount", LookoutVision, ObservedKind.Successful, Sum, Count),
        new("ErrorCount", LookoutVision, ObservedKind.Errors, Sum, Count),
        new("ThrottledCount", LookoutVision, ObservedKind.Throttled, Sum, Count),
        new("InvalidImageCount", LookoutVision, ObservedKind.Invalid, Sum, Count),
        new("ProcessedImageCount", LookoutVision, ObservedKind.Processed, Sum, Count),
        new("Time", LookoutVision, ObservedKind.Latency, Average, Milliseconds),
        new("InServiceInferenceUnits", LookoutVision, ObservedKind.InServiceUnits, Average, Count),
        new("DesiredInferenceUnits", LookoutVision, ObservedKind.DesiredUnits, Average, Count),
        new("MinInferenceUnits", LookoutVision, ObservedKind.MinUnits, Average, Count),
        new("MaxInferenceUnits", LookoutVision, ObservedKind.MaxUnits, Average, Count),
    ];

    /// <summary>The metrics of <c>AWS/Rekognition</c> (Custom Labels) that LookoutSim reads.</summary>
    public static ImmutableArray<CloudWatchMetric> RekognitionMetrics { get; } =
    [
        new("SuccessfulRequestCount", Rekognition, ObservedKind.Successful, Sum, Count),
        new("ThrottledCount", Rekognition, ObservedKind.Throttled, Sum, Count),
        new("ServerErrorCount", Rekognition, ObservedKind.Errors, Sum, Count),
        new("UserErrorCount", Rekognition, ObservedKind.UserErrors, Sum, Count),
        new("ResponseTime", Rekognition, ObservedKind.Latency, Average, Milliseconds),
        new("InServiceInferenceUnits", Rekognition, ObservedKind.InServiceUnits, Average, Count),
        new("DesiredInferenceUnits", Rekognition, ObservedKind.DesiredUnits, Average, Count),
        new("MinInferenceUnits", Rekognition, ObservedKind.MinUnits, Average, Count),
        new("MaxInferenceUnits", Rekognition, ObservedKind.MaxUnits, Average, Count),
    ];

    /// <summary>The namespaces LookoutSim reads.</summary>
    public static ImmutableArray<string> Namespaces { get; } = [LookoutVision, Rekognition];

    /// <summary>The metrics of <paramref name="ns"/> (case-insensitive), or empty for another namespace.</summary>
    public static ImmutableArray<CloudWatchMetric> In(string ns) =>
        string.Equals(ns, LookoutVision, StringComparison.OrdinalIgnoreCase) ? LookoutVisionMetrics
        : string.Equals(ns, Rekognition, StringComparison.OrdinalIgnoreCase) ? RekognitionMetrics
        : [];

    /// <summary>
    /// The metric named <paramref name="name"/> (case-insensitive) in <paramref name="ns"/>, or in
    /// either namespace when <paramref name="ns"/> is null (Lookout for Vision's first: the names
    /// both publish mean the same there). Null when neither has it.
    /// </summary>
    public static CloudWatchMetric? Find(string name, string? ns = null)
    {
        IEnumerable<CloudWatchMetric> candidates = ns is null ? LookoutVisionMetrics.Concat(RekognitionMetrics) : In(ns);
        return candidates.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The namespace a set of metric names can only come from: <c>AWS/LookoutVision</c> when one of
    /// them is published only there (<c>ErrorCount</c>, <c>InvalidImageCount</c>,
    /// <c>ProcessedImageCount</c>, <c>Time</c>), <c>AWS/Rekognition</c> likewise; null when the
    /// names are shared by both (then either reads the same) or point both ways.
    /// </summary>
    public static string? NamespaceOf(IEnumerable<string> names)
    {
        bool lv = false, rk = false;
        foreach (string name in names)
        {
            bool inLv = Find(name, LookoutVision) is not null, inRk = Find(name, Rekognition) is not null;
            lv |= inLv && !inRk;
            rk |= inRk && !inLv;
        }

        return lv == rk ? null : lv ? LookoutVision : Rekognition;
    }

    /// <summary>The metric's name for <paramref name="kind"/> in <paramref name="ns"/>, or null when the namespace does not publish one.</summary>
    public static string? NameOf(ObservedKind kind, string ns) => In(ns).FirstOrDefault(m => m.Kind == kind)?.Name;

    /// <summary>
    /// A latency value in <paramref name="unit"/> (a CloudWatch unit name, case-insensitive; null or
    /// empty means the metric's documented Milliseconds) converted to seconds; NaN for a unit that is
    /// not a time.
    /// </summary>
    public static double ToSeconds(double value, string? unit) => (unit ?? "").ToUpperInvariant() switch
    {
        "" or "MILLISECONDS" => value / 1e3,
        "MICROSECONDS" => value / 1e6,
        "SECONDS" => value,
        _ => double.NaN,
    };
}
