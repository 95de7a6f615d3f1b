using System.Globalization;

namespace LookoutSim.Scenarios;

/// <summary>The kind of value an uncertain field takes, which says how a range is interpolated.</summary>
public enum UncertainKind
{
    /// <summary>A duration (also a field that takes a range, such as <c>deployment.model_start</c>: see <see cref="UncertainField"/>).</summary>
    Duration,

    /// <summary>A number.</summary>
    Number,

    /// <summary>An integer (interpolated, then rounded).</summary>
    WholeNumber,

    /// <summary>A share (70%, 0.7).</summary>
    Share,

    /// <summary>A rate (8/s).</summary>
    Rate,

    /// <summary>A size (1.5MB).</summary>
    Size,

    /// <summary>An amount of money.</summary>
    Money,

    /// <summary>A choice among named values (enums, true/false): lists only.</summary>
    Choice,
}

/// <summary>
/// One uncertain field: a range <c>low..high</c> or a list of values, in scenario value syntax.
/// </summary>
/// <remarks>
/// A field that itself takes a range drawn in every run (<c>deployment.model_start: 10m..20m</c>)
/// has an uncertainty range of single durations: each point of the uncertainty box fixes the
/// field to one duration (the start takes that long every time), while the nominal scenario keeps
/// the file's drawn range. Equality ignores <see cref="Source"/> and <see cref="FromPreset"/>:
/// where a range was declared is not part of what the scenario means.
/// </remarks>
public sealed record UncertainField
{
    /// <summary>Field path, as for <c>--set</c>, e.g. <c>service.base</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The scenario's resolved value, in scenario syntax ("50ms", "70%", "3").</summary>
    public required string Nominal { get; init; }

    /// <summary>Range: the low end; list: the first value.</summary>
    public required string Low { get; init; }

    /// <summary>Range: the high end; list: the last value.</summary>
    public required string High { get; init; }

    /// <summary>The list form's values; empty for a range.</summary>
    public EquatableArray<string> Values { get; init; }

    /// <summary><c>file:line:column</c> of the file's own entries; else the preset's source text or "assumption".</summary>
    public required string Source { get; init; }

    /// <summary>True when a provider preset supplied the range.</summary>
    public bool FromPreset { get; init; }

    /// <summary>How a range is interpolated.</summary>
    public UncertainKind Kind { get; init; } = UncertainKind.Number;

    /// <summary>True for the list form.</summary>
    public bool IsList => !Values.IsEmpty;

    /// <summary>The range or list as written in a scenario: <c>40ms..60ms</c> or <c>[60%, 70%, 80%]</c>.</summary>
    public string Declared => IsList ? "[" + string.Join(", ", Values) + "]" : Low + ".." + High;

    /// <summary>
    /// The value at <paramref name="u"/> in [0, 1]. Range: interpolated in the field's value kind
    /// (integers rounded); <c>ValueAt(0) == Low</c>, <c>ValueAt(1) == High</c>. List:
    /// <c>Values[min(n − 1, floor(u × n))]</c>.
    /// </summary>
    public string ValueAt(double u)
    {
        if (double.IsNaN(u))
        {
            throw new ArgumentOutOfRangeException(nameof(u), "u is not a number");
        }

        if (IsList)
        {
            int n = Values.Length;
            int i = u <= 0 ? 0 : Math.Min(n - 1, (int)Math.Floor(u * n));
            return Values[i];
        }

        if (u <= 0)
        {
            return Low;
        }

        if (u >= 1)
        {
            return High;
        }

        if (!UncertainValues.TryMagnitude(Kind, Low, out double lo) || !UncertainValues.TryMagnitude(Kind, High, out double hi))
        {
            throw new InvalidOperationException($"{Path}: the range {Low}..{High} is not of kind {Kind}");
        }

        return UncertainValues.Format(Kind, lo + (u * (hi - lo)));
    }

    /// <inheritdoc/>
    public bool Equals(UncertainField? other) =>
        other is not null && Path == other.Path && Nominal == other.Nominal && Low == other.Low && High == other.High
        && Values == other.Values && Kind == other.Kind;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, Nominal, Low, High, Values, Kind);
}

/// <summary>The declared uncertainty of a scenario (<c>uncertainty:</c>, with the preset's defaults).</summary>
public sealed record UncertaintySpec
{
    /// <summary>The fields: the file's, in file order, then the preset's that the file does not name.</summary>
    public EquatableArray<UncertainField> Fields { get; init; } = EquatableArray<UncertainField>.Empty;

    /// <summary>No uncertainty.</summary>
    public static UncertaintySpec Empty { get; } = new();

    /// <summary>True when no field is uncertain.</summary>
    public bool IsEmpty => Fields.IsEmpty;

    /// <summary>The field at <paramref name="path"/>, or null.</summary>
    public UncertainField? Find(string path) => Fields.FirstOrDefault(f => f.Path == path);
}

/// <summary>Extra <c>--set</c> overrides that apply values of uncertain fields.</summary>
public static class UncertaintyOverrides
{
    /// <summary><c>path=value</c> for each value, in order; append them after the user's own <c>--set</c>s.</summary>
    public static IReadOnlyList<string> For(IEnumerable<(string Path, string Value)> values) =>
        values.Select(v => v.Path + "=" + v.Value).ToList();
}

/// <summary>Reading and writing the magnitudes of uncertain values.</summary>
internal static class UncertainValues
{
    /// <summary>The value as a number in the kind's base unit (seconds, fraction, calls/s, MB).</summary>
    public static bool TryMagnitude(UncertainKind kind, string text, out double value)
    {
        value = 0;
        switch (kind)
        {
            case UncertainKind.Duration:
                bool okD = ScenarioValues.TryParseDuration(text, out TimeSpan t, out _);
                value = t.TotalSeconds;
                return okD;
            case UncertainKind.Number:
                return ScenarioValues.TryParseNumber(text, out value, out _);
            case UncertainKind.WholeNumber:
                bool okI = ScenarioValues.TryParseInteger(text, out long l, out _);
                value = l;
                return okI;
            case UncertainKind.Share:
                return ScenarioValues.TryParseShare(text, out value, out _);
            case UncertainKind.Rate:
                return ScenarioValues.TryParseRate(text, out value, out _);
            case UncertainKind.Size:
                return ScenarioValues.TryParseSize(text, out value, out _);
            case UncertainKind.Money:
                bool okM = ScenarioValues.TryParseMoney(text, out decimal m, out _);
                value = (double)m;
                return okM;
            default:
                return false;
        }
    }

    /// <summary>A magnitude written in scenario syntax of the kind (durations to the millisecond).</summary>
    public static string Format(UncertainKind kind, double v) => kind switch
    {
        UncertainKind.Duration => ScenarioValues.FormatDuration(TimeSpan.FromTicks((long)Math.Round(Math.Round(v, 3) * TimeSpan.TicksPerSecond))),
        UncertainKind.WholeNumber => Math.Round(v, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture),
        UncertainKind.Share => (v * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%",
        UncertainKind.Rate => v.ToString("0.######", CultureInfo.InvariantCulture) + "/s",
        UncertainKind.Size => v.ToString("0.######", CultureInfo.InvariantCulture) + "MB",
        UncertainKind.Money => v.ToString("0.####", CultureInfo.InvariantCulture),
        _ => v.ToString("0.#########", CultureInfo.InvariantCulture),
    };
}
