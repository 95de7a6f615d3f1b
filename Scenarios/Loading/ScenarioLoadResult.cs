using System.Globalization;
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
        Diagnostics = Cap(displayName, [.. diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)]);
        this.resolved = resolved;
        Input = input;
    }

    /// <summary>
    /// The first <see cref="ScenarioLimits.MaxListedErrors"/> errors and as many warnings, then one
    /// line counting the rest: a file of 100,000 unknown keys gives a readable answer, not 100,000 lines.
    /// </summary>
    private static List<Diagnostic> Cap(string displayName, List<Diagnostic> sorted)
    {
        const int Max = ScenarioLimits.MaxListedErrors;
        int errors = sorted.Count(d => d.Severity == DiagnosticSeverity.Error);
        int warnings = sorted.Count - errors;
        if (errors <= Max && warnings <= Max)
        {
            return sorted;
        }

        var kept = new List<Diagnostic>(2 * Max + 1);
        int e = 0, w = 0;
        foreach (Diagnostic d in sorted)
        {
            if (d.Severity == DiagnosticSeverity.Error ? e++ < Max : w++ < Max)
            {
                kept.Add(d);
            }
        }

        string more = string.Join(" and ", new[]
        {
            errors > Max ? string.Create(CultureInfo.InvariantCulture, $"{errors - Max} more errors") : null,
            warnings > Max ? string.Create(CultureInfo.InvariantCulture, $"{warnings - Max} more warnings") : null,
        }.OfType<string>());
        kept.Add(new Diagnostic
        {
            File = displayName,
            Path = string.Empty,
            Message = string.Create(CultureInfo.InvariantCulture, $"... and {more} not listed (only the first {Max} of each are); fix these and validate again"),
            Severity = errors > Max ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        });
        return kept;
    }

    /// <summary>The file as the user named it (or the built-in scenario's name).</summary>
    public string DisplayName { get; }

    /// <summary>The scenario, or null when any error was found.</summary>
    public Scenario? Scenario { get; }

    /// <summary>
    /// Every problem found, errors and warnings, ordered by line and column (those without a position, e.g. about <c>--set</c>, first);
    /// past <see cref="ScenarioLimits.MaxListedErrors"/> errors (or warnings) the rest are counted in one last diagnostic.
    /// </summary>
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
