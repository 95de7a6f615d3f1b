using System.Globalization;

namespace LookoutSim.Scenarios;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The scenario cannot be used.</summary>
    Error,

    /// <summary>The scenario is used, but something looks unintended.</summary>
    Warning,
}

/// <summary>
/// One problem found in a scenario: where (file, 1-based line and column of the offending value),
/// which field (<see cref="Path"/>, e.g. <c>deployment.max_units</c>), what was wrong
/// (<see cref="Message"/>, which already names the path and the value seen) and the value seen.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> gives the spec's format,
/// <c>samples/line3.yaml:41:19: error: deployment.max_units (2) is below deployment.min_units (3)</c>.
/// A diagnostic about a <c>--set</c> override has <see cref="File"/> = <c>--set path=value</c> and
/// line 0; it prints as <c>--set path=value: error: …</c>.
/// </remarks>
public sealed record Diagnostic
{
    /// <summary>The file as the user named it, or <c>--set path=value</c> for an override.</summary>
    public required string File { get; init; }

    /// <summary>1-based line; 0 when the problem has no position in a file.</summary>
    public int Line { get; init; }

    /// <summary>1-based column; 0 when the problem has no position in a file.</summary>
    public int Column { get; init; }

    /// <summary>Field path, e.g. <c>traffic[1].rate</c>; empty for the whole file.</summary>
    public required string Path { get; init; }

    /// <summary>What was wrong, naming the path and the value seen, and what would be valid.</summary>
    public required string Message { get; init; }

    /// <summary>The value (or key) seen, or null when something is missing.</summary>
    public string? Value { get; init; }

    /// <summary>Error (default) or warning.</summary>
    public DiagnosticSeverity Severity { get; init; }

    /// <summary>The spec's one-line form: <c>file:line:column: error: message</c>.</summary>
    public override string ToString()
    {
        string level = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {level}: {Message}")
            : $"{File}: {level}: {Message}";
    }
}
