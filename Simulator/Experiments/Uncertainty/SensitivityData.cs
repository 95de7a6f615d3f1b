using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// What a <c>sensitivity</c> run (or one shard of it) measured: the design (fields, points) and
/// each point's key measures in every replication. Everything in the results folder is drawn from
/// it (<see cref="SensitivityAnalysis"/>); it is kept as <c>sensitivity.json</c>, which is how
/// <c>merge</c> joins shards into exactly what the whole run writes.
/// </summary>
public sealed record SensitivityData
{
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>SHA-256 of the scenario file's bytes.</summary>
    public required string ScenarioSha256 { get; init; }

    /// <summary>Master seed: every point's replication r uses the streams of (seed, r); the sample is drawn from it too.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Replications per point.</summary>
    public required int Replications { get; init; }

    /// <summary>Latin-hypercube sample points.</summary>
    public required int Samples { get; init; }

    /// <summary>Currency of costs.</summary>
    public required string Currency { get; init; }

    /// <summary>The scenario's SLOs (drawn on the sample's distribution charts).</summary>
    public required SloTargets Slo { get; init; }

    /// <summary>The uncertain fields, in the spec's order.</summary>
    public required IReadOnlyList<SensitivityField> Fields { get; init; }

    /// <summary>The measures of <see cref="SensitivityPoint.Replications"/>, in order (<see cref="KeyMeasures.All"/>).</summary>
    public required IReadOnlyList<string> Measures { get; init; }

    /// <summary>The points held (all of them, or a shard's), by index.</summary>
    public required IReadOnlyList<SensitivityPoint> Points { get; init; }

    /// <summary>Number of points of the whole design.</summary>
    public int TotalPoints() => SensitivityDesign.PointCount(Fields.Count, Samples);

    /// <summary>The point ids of the whole design, by index: <c>nominal</c>, <c>low-1</c>, <c>high-1</c>, …, <c>sample-1</c>, ….</summary>
    public IReadOnlyList<string> PointIds() => SensitivityDesign.PointIds(Fields.Count, Samples);
}

/// <summary>An uncertain field as the run used it.</summary>
/// <param name="Path">Field path, as for <c>--set</c>.</param>
/// <param name="Nominal">The scenario's value.</param>
/// <param name="Low">The low end (first of a list).</param>
/// <param name="High">The high end (last of a list).</param>
/// <param name="Source">Where the range comes from: the file's line and column, a preset's source, or "assumption".</param>
public sealed record SensitivityField(string Path, string Nominal, string Low, string High, string Source);

/// <summary>One point's values and measures.</summary>
/// <param name="Index">Position in the design (<see cref="SensitivityDesign"/>).</param>
/// <param name="Id">Point id: <c>nominal</c>, <c>low-i</c>, <c>high-i</c>, <c>sample-k</c>.</param>
/// <param name="Values">The fields it sets, as path and value.</param>
/// <param name="Replications">For each measure (<see cref="SensitivityData.Measures"/>), its value in each replication (NaN: none).</param>
public sealed record SensitivityPoint(int Index, string Id, IReadOnlyList<SensitivityValue> Values, IReadOnlyList<double[]> Replications);

/// <summary>A field's value at a point.</summary>
/// <param name="Path">Field path.</param>
/// <param name="Value">Value, in scenario syntax.</param>
public sealed record SensitivityValue(string Path, string Value);
