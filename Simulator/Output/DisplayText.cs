using System.Globalization;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// Numbers for people (the terminal summary and the report), not for files: ratios as percentages
/// with enough decimals to tell 99.9 % from 99.99 %, seconds with 4 significant digits, large counts
/// with thousands separators, money with cents. Invariant culture throughout.
/// </summary>
public static class DisplayText
{
    /// <summary>A value of a measure with the given unit, without the unit.</summary>
    public static string Value(double value, string unit)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        return unit switch
        {
            "ratio" => Percent(value),
            "currency" => value.ToString(Math.Abs(value) >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture),
            _ => Plain(value),
        };
    }

    /// <summary>The unit as shown next to a value (a ratio shows as <c>%</c>).</summary>
    public static string Unit(string unit, string currency = "USD") => unit switch
    {
        "ratio" => "%",
        "currency" => currency,
        _ => unit,
    };

    /// <summary>A 95% interval: <c>[low, high]</c>.</summary>
    public static string Interval(MetricSummary m) =>
        double.IsNaN(m.Ci95Low) || double.IsNaN(m.Ci95High)
            ? "n/a"
            : $"[{Value(m.Ci95Low, m.Unit)}, {Value(m.Ci95High, m.Unit)}]";

    /// <summary>A ratio as a percentage without the sign: <c>99.912</c>, <c>0.088</c>, <c>0.00012</c>.</summary>
    public static string Percent(double ratio)
    {
        double p = 100 * ratio;
        if (p == 0)
        {
            return "0";
        }

        if (Math.Abs(p) < 0.01)
        {
            return p.ToString("G3", CultureInfo.InvariantCulture);
        }

        int decimals = 2;
        if (p > 99 && p < 100)
        {
            decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(100 - p)) + 1, 2, 6);
        }

        return p.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Any other number: 4 significant digits below 10,000, whole with separators above.</summary>
    public static string Plain(double value)
    {
        if (Math.Abs(value) >= 10000)
        {
            return value.ToString("N0", CultureInfo.InvariantCulture);
        }

        return value.ToString("G4", CultureInfo.InvariantCulture);
    }

    /// <summary>An SLO's target in words: <c>p99 latency ≤ 1.5 s</c>, <c>failed ≤ 0.1 %</c>, <c>availability ≥ 99.9 %</c>.</summary>
    public static string SloTarget(SloVerdict slo) => slo.Name switch
    {
        "latency_p99" => $"p99 latency ≤ {Plain(slo.Target)} s",
        "max_failed" => $"failed ≤ {TargetPercent(slo.Target)} %",
        "availability" => $"availability ≥ {TargetPercent(slo.Target)} %",
        _ => $"{slo.Name} target {Plain(slo.Target)}",
    };

    private static string TargetPercent(double ratio) => (100 * ratio).ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The measure an SLO is judged on, or null when it names none.</summary>
    public static string? SloMeasure(SloVerdict slo) => slo.Name switch
    {
        "latency_p99" => "latency_p99_s",
        "max_failed" => "failed_rate",
        "availability" => "availability",
        _ => null,
    };

    /// <summary>A duration in seconds for provenance: <c>7 days</c>, <c>24 h</c>, <c>30 min</c>, <c>45 s</c>.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return "n/a";
        }

        string s = seconds.ToString("G6", CultureInfo.InvariantCulture) + " s";
        if (seconds >= 86400 && seconds % 86400 == 0)
        {
            double days = seconds / 86400;
            return $"{days.ToString("G6", CultureInfo.InvariantCulture)} {(days == 1 ? "day" : "days")} ({s})";
        }

        if (seconds >= 3600 && seconds % 3600 == 0)
        {
            return $"{(seconds / 3600).ToString("G6", CultureInfo.InvariantCulture)} h ({s})";
        }

        if (seconds >= 60 && seconds % 60 == 0)
        {
            return $"{(seconds / 60).ToString("G6", CultureInfo.InvariantCulture)} min ({s})";
        }

        return s;
    }
}
