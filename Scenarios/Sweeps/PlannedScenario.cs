using LookoutSim.Scenarios.Loading;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios;

/// <summary>
/// A scenario with a plan's answer filled in: what <c>plan</c> writes as <c>plan.yaml</c>.
/// </summary>
public static class PlannedScenario
{
    /// <summary>
    /// <paramref name="loaded"/> (with its own <c>--set</c> overrides) with <paramref name="swept"/>
    /// applied as a sweep point's values (origin <c>sweep PATH</c>) and then <paramref name="planned"/>
    /// (origin <c>plan</c>); its <c>sweep</c> section is dropped. The result's
    /// <see cref="ScenarioLoadResult.ToResolvedYaml"/> marks every planned value <c># from: plan</c>.
    /// </summary>
    /// <param name="loaded">A valid scenario, loaded from a file or text.</param>
    /// <param name="swept">Field path → value as written (a sweep point's values); may be empty.</param>
    /// <param name="planned">Field path → value as written (the plan's answer).</param>
    /// <exception cref="ArgumentException">When <paramref name="loaded"/> has errors.</exception>
    public static ScenarioLoadResult Apply(
        ScenarioLoadResult loaded,
        IReadOnlyList<KeyValuePair<string, string>> swept,
        IReadOnlyList<KeyValuePair<string, string>> planned)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(swept);
        ArgumentNullException.ThrowIfNull(planned);
        if (loaded.Scenario is null || loaded.Input is null)
        {
            throw new ArgumentException("the scenario has errors; fix them before applying a plan", nameof(loaded));
        }

        var extra = new List<(string, string, Origin)>();
        extra.AddRange(swept.Select(p => (p.Key, SweepExpander.Quote(p.Value), new Origin(OriginKind.Sweep, "sweep " + p.Key, p.Key))));
        extra.AddRange(planned.Select(p => (p.Key, SweepExpander.Quote(p.Value), new Origin(OriginKind.Plan, "plan"))));
        return ScenarioLoader.Resolve(loaded.Input, extra, loaded.Sha256, [], dropSweep: true);
    }
}
