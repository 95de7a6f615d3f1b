namespace LookoutSim.Metrics;

/// <summary>
/// The measures every run reports as (name, unit) pairs, in the order they are written; the
/// measures themselves are the constants of <see cref="Measure"/>.
/// </summary>
public static class MeasureNames
{
    /// <summary>(name, unit) of every measure, in output order (<see cref="Measure.All"/>).</summary>
    public static readonly IReadOnlyList<(string Name, string Unit)> All = [.. Measure.All.Select(m => (m.Name, m.Unit))];

    /// <summary>The prefix of the "during outages" measures: <c>outage_failed_rate</c> is <c>failed_rate</c> over the outage windows.</summary>
    public const string OutagePrefix = "outage_";

    /// <summary>
    /// (name, unit) of the "during outages" measures, in output order, reported after <see cref="All"/>
    /// only when a run has outage windows (<c>Model.ModelConfig.MeasureWindows</c>): the pooled length of the
    /// windows, then the request counts, shares and latencies of the requests arriving in them.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Unit)> Outage =
    [
        (OutagePrefix + "window_s", "s"),
        (OutagePrefix + "requests_arrived", "requests"),
        (OutagePrefix + "requests_succeeded", "requests"),
        (OutagePrefix + "requests_failed", "requests"),
        (OutagePrefix + "availability", "ratio"),
        (OutagePrefix + "failed_rate", "ratio"),
        (OutagePrefix + "latency_mean_s", "s"),
        (OutagePrefix + "latency_p50_s", "s"),
        (OutagePrefix + "latency_p90_s", "s"),
        (OutagePrefix + "latency_p99_s", "s"),
        (OutagePrefix + "latency_p999_s", "s"),
        (OutagePrefix + "latency_max_s", "s"),
    ];

    /// <summary>The unit of a measure (of <see cref="All"/> or <see cref="Outage"/>), or "" when the name is not a known measure.</summary>
    public static string UnitOf(string name)
    {
        foreach ((string n, string u) in All)
        {
            if (n == name)
            {
                return u;
            }
        }

        foreach ((string n, string u) in Outage)
        {
            if (n == name)
            {
                return u;
            }
        }

        return "";
    }
}
