using System.Collections.Immutable;
using System.Globalization;

namespace LookoutSim.Experiments;

/// <summary>
/// The relative tolerances of a comparison: a default and optional ones per measure.
/// </summary>
/// <param name="Default">Relative tolerance of every measure not named in <paramref name="PerMeasure"/>.</param>
/// <param name="PerMeasure">Relative tolerance by measure name.</param>
/// <remarks>Tolerances are fractions: 0.05 = 5%. The default is <see cref="CompareRules.DefaultTolerance"/> (5%).</remarks>
public sealed record CompareTolerances(double Default, ImmutableSortedDictionary<string, double> PerMeasure)
{
    /// <summary>5% for every measure.</summary>
    public static CompareTolerances Standard { get; } =
        new(CompareRules.DefaultTolerance, ImmutableSortedDictionary<string, double>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The tolerance of <paramref name="measure"/>.</summary>
    public double For(string measure) => PerMeasure.TryGetValue(measure, out double t) ? t : Default;

    /// <summary>
    /// Builds tolerances from <c>--tolerance</c> values: <c>3%</c> (or <c>0.03</c>) sets the
    /// default, <c>cost=1%</c> sets one measure's; later values win.
    /// </summary>
    /// <exception cref="FormatException">A value is not a percentage or a fraction in [0, 1]
    /// (a bare number above 1 is refused as ambiguous: write <c>5%</c> or <c>0.05</c>).</exception>
    public static CompareTolerances Parse(IEnumerable<string> values)
    {
        double def = CompareRules.DefaultTolerance;
        var per = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (string raw in values)
        {
            string text = raw.Trim();
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                def = ParseFraction(text, raw);
                continue;
            }

            string name = text[..eq].Trim();
            if (name.Length == 0)
            {
                throw new FormatException($"--tolerance '{raw}': no measure name before '='");
            }

            per[name] = ParseFraction(text[(eq + 1)..].Trim(), raw);
        }

        return new CompareTolerances(def, per.ToImmutable());
    }

    /// <summary>Formats a tolerance as a percentage: 0.05 → <c>5%</c>.</summary>
    public static string Format(double tolerance) =>
        (tolerance * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private static double ParseFraction(string text, string raw)
    {
        bool percent = text.EndsWith('%');
        string number = percent ? text[..^1].Trim() : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || value < 0)
        {
            throw new FormatException($"--tolerance '{raw}': expected a percentage such as 5% or a fraction such as 0.05");
        }

        if (!percent && value > 1)
        {
            throw new FormatException($"--tolerance '{raw}': a bare number above 1 is ambiguous; write {number}% or {(value / 100).ToString(CultureInfo.InvariantCulture)}");
        }

        return percent ? value / 100 : value;
    }
}
