using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>What kind of results folder a <see cref="ResultsSet"/> was read from.</summary>
public enum ResultsKind
{
    /// <summary>A run folder (<c>summary.csv</c>): one point.</summary>
    Run,

    /// <summary>A sweep folder (<c>sweep.csv</c>): one point per row.</summary>
    Sweep,
}

/// <summary>One point of a results folder: a sweep point, or the whole run.</summary>
/// <param name="Id">The sweep point id (the <c>point</c> column), or "" for a run.</param>
/// <param name="Parameters">The swept fields' values of this point as written (empty for a run), in column order.</param>
/// <param name="Metrics">Every measure of the point, in the folder's order; min/max are NaN when the folder does not give them.</param>
public sealed record ResultsPoint(
    string Id,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyList<MetricSummary> Metrics);

/// <summary>The measures of a results folder, as <c>compare</c> needs them.</summary>
/// <param name="Path">The folder, as given.</param>
/// <param name="Kind">Run or sweep.</param>
/// <param name="Points">One point for a run; one per sweep point, in file order.</param>
/// <param name="Description">Provenance from <c>summary.json</c> when present (scenario, seed, replications), else "".</param>
public sealed record ResultsSet(string Path, ResultsKind Kind, IReadOnlyList<ResultsPoint> Points, string Description = "")
{
    /// <summary>What the results were run from (a run's <c>summary.json</c>, a sweep's first point's); null when the folder has none.</summary>
    public ResultsProvenance? Provenance { get; init; }
}

/// <summary>What a results folder was run from, as its <c>summary.json</c> says; each null when not written.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes.</param>
/// <param name="Seed">The master seed.</param>
/// <param name="Replications">Replications (per point).</param>
/// <param name="HorizonS">Simulated horizon, seconds.</param>
/// <param name="WarmupS">Warm-up, seconds.</param>
public sealed record ResultsProvenance(string? Scenario, string? ScenarioSha256, long? Seed, int? Replications, double? HorizonS, double? WarmupS)
{
    /// <summary>
    /// SHA-256 of the folder's <c>scenario.resolved.yaml</c> (the scenario as simulated: comments and
    /// layout gone, presets and <c>--set</c> applied); null when the folder has none.
    /// </summary>
    public string? ResolvedScenarioSha256 { get; init; }
}
