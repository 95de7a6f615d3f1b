namespace LookoutSim.Metrics;

/// <summary>
/// Everything a run produced, ready for the output layer: provenance, the measures across
/// replications with their confidence intervals, the SLO verdicts and each replication's rows.
/// </summary>
public sealed class RunResult
{
    /// <summary>Always <c>lookoutsim</c>.</summary>
    public string Tool { get; init; } = "lookoutsim";

    /// <summary>The tool's version.</summary>
    public required string Version { get; init; }

    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>SHA-256 of the scenario file's bytes (lower-case hex), or of the built-in example.</summary>
    public required string ScenarioSha256 { get; init; }

    /// <summary>Master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Simulated horizon, seconds.</summary>
    public required double HorizonS { get; init; }

    /// <summary>Warm-up, seconds.</summary>
    public required double WarmupS { get; init; }

    /// <summary>Interval of the time series, seconds (default 60).</summary>
    public double IntervalS { get; init; } = 60;

    /// <summary>The scenario's <c>description</c> (empty when it has none).</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// The instant simulated time 0 stands for (the scenario's <c>start</c>), or null when unknown
    /// (a results folder whose resolved scenario cannot be read): charts then count time from the start.
    /// </summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>The scenario's <c>timezone</c>, in which charts and the report show clock times. Default UTC.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The deployment in words (<c>2 to 5 units over 2 zones (a, b), autoscaling at 70% utilization</c>); empty when unknown.</summary>
    public string Deployment { get; init; } = "";

    /// <summary>Zone names in scenario order.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>Currency of every cost.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>Every measure across replications, in <see cref="MeasureNames.All"/> order.</summary>
    public required IReadOnlyList<MetricSummary> Metrics { get; init; }

    /// <summary>The SLO verdicts (empty when the scenario sets no SLO).</summary>
    public IReadOnlyList<SloVerdict> Slo { get; init; } = [];

    /// <summary>Each replication's result, by replication index.</summary>
    public required IReadOnlyList<ReplicationResult> Replications { get; init; }

    /// <summary>The resolved scenario as YAML, every value with its origin.</summary>
    public string ResolvedScenarioYaml { get; init; } = "";

    /// <summary>What the provider preset assumes or documents, one line each (for the report).</summary>
    public IReadOnlyList<string> PresetNotes { get; init; } = [];

    /// <summary>The assumptions the results rest on: each uncertain field with its nominal value, declared range and source, one line each (for the summary table and the report).</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>Overall verdict: true when every SLO is met (or there is none).</summary>
    public bool SloMet => Slo.All(s => s.Met);
}
