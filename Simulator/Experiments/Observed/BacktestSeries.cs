using LookoutSim.Metrics;

namespace LookoutSim.Experiments.Observed;

/// <summary>
/// A series <c>backtest</c> compares and <c>export cloudwatch</c> writes: the service's metric(s) it
/// is observed as, and the value a simulated interval gives for it. One table for both commands,
/// so what is exported is what is compared.
/// </summary>
/// <param name="Name">Name in <c>backtest.csv</c> and <c>backtest.json</c>.</param>
/// <param name="Unit">Unit of the compared values.</param>
/// <param name="Kind">What it is observed as (<see cref="CloudWatchMetrics"/> names the metric of each namespace).</param>
/// <param name="Simulated">Its value in one simulated interval, in <paramref name="Unit"/> (NaN when there is none).</param>
/// <param name="Chart">The overlay chart it is drawn on (<c>plots/backtest-CHART</c>).</param>
/// <param name="NonNegative">Whether the band is clipped at 0.</param>
public sealed record BacktestSeries(
    string Name,
    string Unit,
    ObservedKind Kind,
    Func<TimeSeriesRow, double> Simulated,
    string Chart,
    bool NonNegative = true)
{
    /// <summary>Units in service: the service's <c>InServiceInferenceUnits</c> (average over the period), simulated as ready units time-averaged over the interval.</summary>
    public static readonly BacktestSeries UnitsInService = new(
        "units_in_service", "units", ObservedKind.InServiceUnits, r => r.UnitsReady, "units");

    /// <summary>Desired units: <c>DesiredInferenceUnits</c>, simulated as the units the model is allocated at the end of the interval.</summary>
    public static readonly BacktestSeries UnitsDesired = new(
        "units_desired", "units", ObservedKind.DesiredUnits, r => r.UnitsDesired, "units");

    /// <summary>Successful calls: <c>SuccessfulRequestCount</c> (sum), simulated as the requests that succeeded in the interval (one successful attempt each).</summary>
    public static readonly BacktestSeries Successful = new(
        "successful", "calls", ObservedKind.Successful, r => r.Succeeded, "calls");

    /// <summary>Throttled calls: <c>ThrottledCount</c> (sum), simulated as the attempts throttled in the interval (retries included, as the service counts them).</summary>
    public static readonly BacktestSeries Throttled = new(
        "throttled", "attempts", ObservedKind.Throttled, r => r.Throttled, "throttled");

    /// <summary>
    /// Errors: <c>ErrorCount</c> (Lookout for Vision) or <c>ServerErrorCount</c> (Rekognition), simulated as
    /// the requests that ended failed in the interval, after the client's retries.
    /// </summary>
    /// <remarks>The per-interval series keeps failed requests, not failed attempts; in a run without unit
    /// failures or outages the failures are requests whose retries were all throttled or timed out.</remarks>
    public static readonly BacktestSeries Errors = new(
        "errors", "calls", ObservedKind.Errors, r => r.Failed, "throttled");

    /// <summary>
    /// Latency: <c>Time</c> (Lookout for Vision) or <c>ResponseTime</c> (Rekognition), average over the period,
    /// simulated as the median client latency of the requests that succeeded in the interval (the per-interval
    /// series keeps p50 and p99, not the mean; a lognormal service time of cv 0.3 has its mean about 4% above its median).
    /// </summary>
    public static readonly BacktestSeries Latency = new(
        "latency_s", "s", ObservedKind.Latency, r => r.LatencyP50S, "latency");

    /// <summary>Every series, in the order of <c>backtest.csv</c>.</summary>
    public static readonly IReadOnlyList<BacktestSeries> All = [UnitsInService, UnitsDesired, Successful, Throttled, Errors, Latency];

    /// <summary>The series the autoscaler fit compares (desired and in-service units).</summary>
    public static readonly IReadOnlyList<BacktestSeries> Units = [UnitsInService, UnitsDesired];

    /// <summary>The overlay charts, in the order they are drawn.</summary>
    public static readonly IReadOnlyList<string> Charts = ["units", "calls", "throttled", "latency"];

    /// <summary>
    /// The value <c>export cloudwatch</c> writes for a metric of <paramref name="kind"/> in one simulated
    /// interval, before conversion to the metric's unit (latency in seconds): the compared series' value,
    /// the succeeded requests for images processed, 0 for invalid images and user errors (the model has
    /// neither), and the deployment's bounds for the minimum and maximum units.
    /// </summary>
    public static double Exported(ObservedKind kind, TimeSeriesRow row, int minUnits, int maxUnits)
    {
        ArgumentNullException.ThrowIfNull(row);
        return kind switch
        {
            ObservedKind.Processed => row.Succeeded,
            ObservedKind.Invalid or ObservedKind.UserErrors => 0,
            ObservedKind.MinUnits => minUnits,
            ObservedKind.MaxUnits => maxUnits,
            _ => All.FirstOrDefault(s => s.Kind == kind)?.Simulated(row) ?? double.NaN,
        };
    }
}
