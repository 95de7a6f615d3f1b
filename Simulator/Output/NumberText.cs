using System.Globalization;

namespace LookoutSim.Output;

/// <summary>
/// How numbers are written in every CSV file: invariant culture, the shortest text that parses
/// back to the same <see cref="double"/> (round-trip exact, deterministic, compact: <c>0.1</c>,
/// <c>604800</c>, <c>1E-05</c>), an empty field for NaN, <c>Infinity</c>/<c>-Infinity</c>, and
/// <c>0</c> for negative zero.
/// </summary>
public static class NumberText
{
    /// <summary>Formats a double for a CSV field.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }

        if (value == 0)
        {
            return "0"; // also folds -0
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats an integer for a CSV field.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a boolean for a CSV field: <c>true</c> or <c>false</c>.</summary>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>Parses what <see cref="Format(double)"/> wrote (empty → NaN).</summary>
    public static bool TryParse(string? text, out double value)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
