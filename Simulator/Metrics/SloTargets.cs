namespace LookoutSim.Metrics;

/// <summary>The SLO targets of a scenario; a null target is not checked.</summary>
/// <param name="LatencyP99S">Client latency p99 must be below this, seconds.</param>
/// <param name="MaxFailed">The failed share must be below this ratio (0.001 for 0.1%).</param>
/// <param name="Availability">Availability must be above this ratio (0.999 for 99.9%).</param>
public sealed record SloTargets(double? LatencyP99S = null, double? MaxFailed = null, double? Availability = null)
{
    /// <summary>No SLO.</summary>
    public static readonly SloTargets None = new(null, null, null);

    /// <summary>Whether any target is set.</summary>
    public bool Any => LatencyP99S is not null || MaxFailed is not null || Availability is not null;

    /// <summary>
    /// The checks, each as (SLO name, measure name, target, upper): <c>upper</c> true when the
    /// measure must stay below the target, false when it must stay above.
    /// </summary>
    public IEnumerable<(string Slo, string Measure, double Target, bool Upper)> Checks()
    {
        if (LatencyP99S is double l)
        {
            yield return ("latency_p99", Measure.LatencyP99S.Name, l, true);
        }

        if (MaxFailed is double f)
        {
            yield return ("max_failed", Measure.FailedRate.Name, f, true);
        }

        if (Availability is double a)
        {
            yield return ("availability", Measure.Availability.Name, a, false);
        }
    }
}
