using LookoutSim.Scenarios.Loading;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios;

/// <summary>
/// The outcome of loading a scenario: the frozen <see cref="Scenario"/> when valid, and every
/// diagnostic found either way.
/// </summary>
public sealed class ScenarioLoadResult
{
    private readonly YMapping? resolved;
    private string? resolvedYaml;

    internal ScenarioLoadResult(string displayName, string sha256, Scenario? scenario, IReadOnlyList<Diagnostic> diagnostics, YMapping? resolved, LoadInput? input)
    {
        DisplayName = displayName;
        Sha256 = sha256;
        Scenario = scenario;
        // By position, so a planner reads them top to bottom (stable: same-line problems keep their order).
        Diagnostics = [.. diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)];
        this.resolved = resolved;
        Input = input;
    }

    /// <summary>The file as the user named it (or the built-in scenario's name).</summary>
    public string DisplayName { get; }

    /// <summary>The scenario, or null when any error was found.</summary>
    public Scenario? Scenario { get; }

    /// <summary>Every problem found, errors and warnings, ordered by line and column (those without a position, e.g. about <c>--set</c>, first).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Errors only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>True when there is a scenario (no errors; warnings allowed).</summary>
    public bool IsValid => Scenario is not null;

    /// <summary>SHA-256 of the file's bytes (of the UTF-8 text for a built-in scenario), lower-case hex.</summary>
    public string Sha256 { get; }

    internal LoadInput? Input { get; }

    /// <summary>
    /// The resolved scenario as YAML: every value used (defaults, preset values and overrides
    /// filled in), each with a trailing <c># from: …</c> comment naming its origin. Loading this
    /// text gives a scenario equal to <see cref="Scenario"/>. Throws when the scenario is invalid.
    /// </summary>
    public string ToResolvedYaml()
    {
        if (Scenario is null || resolved is null)
        {
            throw new InvalidOperationException("the scenario has errors; there is no resolved form");
        }

        return resolvedYaml ??= ResolvedYamlWriter.Write(resolved, DisplayName);
    }
}

/// <summary>What a scenario was loaded from, kept so that sweep points can be resolved from it again.</summary>
internal sealed record LoadInput(YMapping Root, string DisplayName, string? BaseDirectory, IReadOnlyList<string> Overrides);
