namespace LookoutSim.Scenarios;

/// <summary>One point of a sweep as the scenario file expands it (the experiment side names points by <c>Experiments.SweepPoint</c>): its id, the values it sets, and the scenario with them applied.</summary>
public sealed record ExpandedPoint
{
    /// <summary>Stable id, also a folder name: <c>p01-min_units=2-target=70%</c> (1-based, zero-padded).</summary>
    public required string Id { get; init; }

    /// <summary>1-based position in the sweep.</summary>
    public required int Index { get; init; }

    /// <summary>(field path, value as written) for every swept field, in the sweep's order.</summary>
    public required EquatableArray<KeyValuePair<string, string>> Parameters { get; init; }

    /// <summary>The scenario with the point's values applied (its <see cref="Scenario.Sweep"/> is null).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The point's resolved YAML (origins say <c>sweep</c> for the swept values).</summary>
    public required string ResolvedYaml { get; init; }
}
