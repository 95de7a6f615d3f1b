using System.Collections.Immutable;

namespace LookoutSim.Scenarios.Schema;

/// <summary>Kinds of values and structures in the scenario format.</summary>
internal enum ValueKind
{
    String,
    Integer,
    Number,
    Bool,
    Duration,
    DurationRange,
    Offset,
    Rate,
    Size,
    Share,
    Money,
    Cron,
    Timestamp,
    TimeZone,
    Enum,
    Path,
    QuotaTokens,
    Object,
    List,
    Union,
    Sweep,
    Uncertainty,
}

/// <summary>
/// One node of the format's description: the single source for validation, defaults, the
/// resolved-YAML writer, <c>--set</c> paths and the JSON Schema.
/// </summary>
internal sealed record SchemaNode
{
    public required ValueKind Kind { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>Least value (numbers: the value; durations: seconds).</summary>
    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>True when the value must be strictly above <see cref="Min"/>.</summary>
    public bool MinExclusive { get; init; }

    public ImmutableArray<string> EnumValues { get; init; } = [];

    /// <summary>A text that may be empty.</summary>
    public bool AllowEmpty { get; init; }

    /// <summary>What a text may hold (strings only): a name (default), the scenario's folder name, or free text.</summary>
    public TextRule TextRule { get; init; }

    public ImmutableArray<SchemaField> Fields { get; init; } = [];

    public SchemaNode? Item { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public ImmutableArray<SchemaNode> Alternatives { get; init; } = [];

    public SchemaField? Field(string key)
    {
        foreach (SchemaField f in Fields)
        {
            if (f.Key == key)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>A short name of what is expected, for messages ("a duration", "a list").</summary>
    public string Expected => Kind switch
    {
        ValueKind.String or ValueKind.Path => "a text",
        ValueKind.Integer => "an integer",
        ValueKind.Number => "a number",
        ValueKind.Bool => "true or false",
        ValueKind.Duration => "a duration (e.g. 90s)",
        ValueKind.DurationRange => "a duration or a range (e.g. 10m..20m)",
        ValueKind.Offset => "an offset in the horizon (e.g. 2d 14:00)",
        ValueKind.Rate => "a rate (e.g. 8/s)",
        ValueKind.Size => "a size (e.g. 1.5MB)",
        ValueKind.Share => "a share (e.g. 70% or 0.7)",
        ValueKind.Money => "an amount (e.g. 4.00)",
        ValueKind.Cron => "a cron expression (e.g. \"0 6 * * MON-FRI\")",
        ValueKind.Timestamp => "a timestamp (e.g. 2026-03-02T00:00:00Z)",
        ValueKind.TimeZone => "a time zone (e.g. Europe/Berlin)",
        ValueKind.Enum => "one of " + string.Join(", ", EnumValues),
        ValueKind.QuotaTokens => "a number of tokens or off",
        ValueKind.Object or ValueKind.Sweep => "a mapping of keys",
        ValueKind.Uncertainty => "a mapping of field paths to ranges, lists or ±shares, or none",
        ValueKind.List => "a list",
        _ => string.Join(" or ", Alternatives.Select(a => a.Expected)),
    };

    public bool IsScalar => Kind is not (ValueKind.Object or ValueKind.List or ValueKind.Union or ValueKind.Sweep or ValueKind.Uncertainty);
}

/// <summary>What a text value may hold; see <see cref="ScenarioValues.TryParseName"/>.</summary>
internal enum TextRule
{
    /// <summary>A name used as an identifier: printable, at most 64 characters.</summary>
    Name,

    /// <summary>A name that is also a folder name: one safe path segment.</summary>
    FolderName,

    /// <summary>Free text: line breaks allowed, no other control characters.</summary>
    FreeText,
}

/// <summary>One key of a mapping.</summary>
internal sealed record SchemaField
{
    public required string Key { get; init; }

    public required SchemaNode Node { get; init; }

    public bool Required { get; init; }

    /// <summary>Default as YAML text, filled into the resolved scenario; null for none.</summary>
    public string? Default { get; init; }

    /// <summary>The default is a copy of this sibling's value (e.g. max_units from min_units).</summary>
    public string? DefaultFromSibling { get; init; }

    /// <summary>No default is filled when this sibling is present (base when tps_per_unit is given).</summary>
    public string? DefaultUnlessSibling { get; init; }

    /// <summary>Traffic patterns this field belongs to (empty: every one).</summary>
    public ImmutableArray<string> Patterns { get; init; } = [];

    /// <summary>Traffic patterns for which this field is required.</summary>
    public ImmutableArray<string> RequiredFor { get; init; } = [];

    /// <summary>Section created with its defaults when absent.</summary>
    public bool CreateWhenAbsent { get; init; }
}
