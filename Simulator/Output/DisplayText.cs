using System.Globalization;
using System.Text;
using LookoutSim.Metrics;
using LookoutSim.Scenarios;

namespace LookoutSim.Output;

/// <summary>
/// Numbers for people (the terminal summary and the report), not for files — the one rule of
/// LookoutSim's displayed numbers, invariant culture throughout, never in exponent notation:
/// <list type="bullet">
/// <item>ratios as percentages with enough decimals to tell 99.9 % from 99.99 % (<see cref="Percent(double)"/>),
/// and below 0.01 % with 3 significant digits (<c>0.0000116</c>);</item>
/// <item>money with cents below 100 and whole with thousands separators from 100;</item>
/// <item>any other number with 4 significant digits below 1,000 and whole with thousands separators from 1,000;</item>
/// <item>numbers shown together (a mean, its interval, min and max) take the style of the largest of
/// them (<see cref="Values"/>), so an interval never mixes <c>7895</c> with <c>12,488</c>;</item>
/// <item>durations as a scenario writes them and in whole seconds: <c>14d (1209600 s)</c> (<see cref="Duration"/>).</item>
/// </list>
/// Text that came from data (names, values, messages quoting them) is shown through
/// <see cref="Safe"/> or <see cref="SafeMessage"/>, so that no control character reaches the terminal.
/// </summary>
public static class DisplayText
{
    /// <summary>Where separators start for plain numbers (and whole numbers take over from significant digits).</summary>
    private const double Thousands = 1000;

    /// <summary>Where money drops its cents.</summary>
    private const double WholeMoney = 100;

    /// <summary>A value of a measure with the given unit, without the unit.</summary>
    public static string Value(double value, string unit) => Value(value, unit, value);

    /// <summary>
    /// A value shown together with others: its style (separators, decimals) is chosen by
    /// <paramref name="scale"/>, the value of the group of largest magnitude (or, for a share, the
    /// one needing the most decimals) — see <see cref="Values"/>.
    /// </summary>
    public static string Value(double value, string unit, double scale)
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
            "ratio" => Percent(value, scale),
            "currency" => Math.Abs(scale) >= WholeMoney || Math.Abs(value) >= WholeMoney
                ? value.ToString("N0", CultureInfo.InvariantCulture)
                : value.ToString("N2", CultureInfo.InvariantCulture),
            _ => Plain(value, scale),
        };
    }

    /// <summary>Several values of one measure shown together (mean, interval ends, min, max), in one style: that of the largest.</summary>
    public static string[] Values(string unit, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double scale = Scale(unit, values);
        return [.. values.Select(v => Value(v, unit, scale))];
    }

    private static double Scale(string unit, IEnumerable<double> values)
    {
        double[] finite = [.. values.Where(double.IsFinite)];
        if (finite.Length == 0)
        {
            return double.NaN;
        }

        // A share takes the decimals of the value needing most; anything else the style of the largest.
        return unit == "ratio"
            ? finite.MaxBy(v => PercentDecimals(100 * v))
            : finite.MaxBy(Math.Abs);
    }

    /// <summary>The unit as shown next to a value (a ratio shows as <c>%</c>, money as the currency).</summary>
    public static string Unit(string unit, string currency = "USD") => unit switch
    {
        "ratio" => "%",
        "currency" => currency,
        _ => unit,
    };

    /// <summary>
    /// The "during outages" line of a run with listed zone outages: the pooled window (each outage
    /// plus its recovery), the requests arriving in it, and their failed share, availability and p99
    /// latency with 95% intervals; null when the run has no outage window.
    /// </summary>
    public static string? DuringOutages(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        MetricSummary? Get(string name) => result.Metrics.FirstOrDefault(m => m.Name == MeasureNames.OutagePrefix + name);
        if (Get("window_s") is not { } window)
        {
            return null;
        }

        string Part(string name, string label)
        {
            MetricSummary? m = Get(name);
            return m is null ? "" : $", {label} {MeanOf(m)}{(m.Unit == "ratio" ? "%" : " " + m.Unit)} {Interval(m)}";
        }

        double requests = Get("requests_arrived")?.Mean ?? double.NaN;
        return $"during outages ({Duration(window.Mean)} pooled: each listed outage + unit start + scale-in cooldown; {Plain(requests)} requests per replication)"
            + Part("failed_rate", "failed") + Part("availability", "availability") + Part("latency_p99_s", "p99");
    }

    /// <summary>A measure's row as the terminal and the report show it: mean, 95% interval (n/a without one), min and max, in one style (<see cref="Values"/>).</summary>
    public static (string Mean, string Interval, string Min, string Max) Row(MetricSummary m)
    {
        ArgumentNullException.ThrowIfNull(m);
        string[] v = Values(m.Unit, m.Mean, m.Ci95Low, m.Ci95High, m.Min, m.Max);
        string interval = double.IsNaN(m.Ci95Low) || double.IsNaN(m.Ci95High) ? "n/a" : $"[{v[1]}, {v[2]}]";
        return (v[0], interval, v[3], v[4]);
    }

    /// <summary>A measure's mean in the style of its interval (<see cref="Values"/>).</summary>
    public static string MeanOf(MetricSummary m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return Values(m.Unit, m.Mean, m.Ci95Low, m.Ci95High)[0];
    }

    /// <summary>A 95% interval, <c>[low, high]</c> in one style (that of the mean and both ends); <c>n/a</c> without one (one replication).</summary>
    public static string Interval(MetricSummary m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (double.IsNaN(m.Ci95Low) || double.IsNaN(m.Ci95High))
        {
            return "n/a";
        }

        string[] v = Values(m.Unit, m.Mean, m.Ci95Low, m.Ci95High);
        return $"[{v[1]}, {v[2]}]";
    }

    /// <summary>A ratio as a percentage without the sign: <c>99.912</c>, <c>0.09</c>, <c>0.00116</c>.</summary>
    public static string Percent(double ratio) => Percent(ratio, ratio);

    private static string Percent(double ratio, double scale)
    {
        double p = 100 * ratio;
        if (p == 0)
        {
            return "0";
        }

        double ps = double.IsFinite(scale) ? 100 * scale : p;
        if (Math.Abs(p) < 0.01 && Math.Abs(ps) < 0.01)
        {
            return Significant(p, 3);
        }

        int decimals = Math.Max(PercentDecimals(p), PercentDecimals(ps));
        return p.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Decimals of a percentage: 2, more just under 100 (99.9973), and for a tiny share those of 3 significant digits.</summary>
    private static int PercentDecimals(double p)
    {
        if (!double.IsFinite(p) || p == 0)
        {
            return 0;
        }

        if (Math.Abs(p) < 0.01)
        {
            return Math.Min(15, 2 - (int)Math.Floor(Math.Log10(Math.Abs(p))));
        }

        return p > 99 && p < 100 ? Math.Clamp((int)Math.Ceiling(-Math.Log10(100 - p)) + 1, 2, 6) : 2;
    }

    /// <summary>Any other number: 4 significant digits below 1,000 (never in exponent notation), whole with separators from 1,000.</summary>
    public static string Plain(double value) => Plain(value, value);

    private static string Plain(double value, double scale)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "n/a" : value > 0 ? "∞" : "-∞";
        }

        if (Math.Abs(value) >= Thousands || Math.Abs(scale) >= Thousands)
        {
            return value.ToString("N0", CultureInfo.InvariantCulture);
        }

        return Significant(value, 4);
    }

    /// <summary><paramref name="value"/> with <paramref name="digits"/> significant digits in plain decimal notation, trailing zeros dropped: <c>0.0000116</c>, <c>54.25</c>, <c>5</c>.</summary>
    public static string Significant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value == 0 ? "0" : Plain(value);
        }

        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        int decimals = Math.Clamp(digits - 1 - magnitude, 0, 20);
        double rounded = Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        string text = rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text == "-0" ? "0" : text;
    }

    /// <summary>An SLO's target in words: <c>p99 latency ≤ 1.5 s</c>, <c>failed ≤ 0.1 %</c>, <c>availability ≥ 99.9 %</c>.</summary>
    public static string SloTarget(SloVerdict slo) => slo.Name switch
    {
        "latency_p99" => $"p99 latency ≤ {Significant(slo.Target, 6)} s",
        "max_failed" => $"failed ≤ {TargetPercent(slo.Target)} %",
        "availability" => $"availability ≥ {TargetPercent(slo.Target)} %",
        _ => $"{slo.Name} target {Plain(slo.Target)}",
    };

    private static string TargetPercent(double ratio) => Significant(100 * ratio, 6);

    /// <summary>
    /// How an SLO was judged, in words: the rule, the value judged and the margin to the target, e.g.
    /// <c>95% upper bound 0.00273 %, 0.0973 % under the target</c> or
    /// <c>95% lower bound 99.85 %, 0.05 % short of the target</c>; <c>no value</c> when there is none.
    /// </summary>
    public static string SloJudgement(SloVerdict slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        string unit = slo.Name == "latency_p99" ? "s" : "ratio";
        string shown = unit == "ratio" ? " %" : " s";
        string rule = slo.Rule.Length > 0 ? slo.Rule : "mean";
        if (double.IsNaN(slo.Bound))
        {
            return $"{rule}: no value";
        }

        double margin = slo.Margin;
        string side = slo.Upper
            ? (margin >= 0 ? "under" : "over")
            : (margin >= 0 ? "above" : "short of");
        string by = Significant(Math.Abs(margin) * (unit == "ratio" ? 100 : 1), 3);
        return $"{rule} {Value(slo.Bound, unit)}{shown}, {by}{shown} {side} the target";
    }

    /// <summary>The measure an SLO is judged on, or null when it names none.</summary>
    public static string? SloMeasure(SloVerdict slo) => slo.Name switch
    {
        "latency_p99" => Measure.LatencyP99S.Name,
        "max_failed" => Measure.FailedRate.Name,
        "availability" => Measure.Availability.Name,
        _ => null,
    };

    /// <summary>A duration in seconds for provenance, as a scenario writes it and in seconds:
    /// <c>14d (1209600 s)</c>, <c>30m (1800 s)</c>, <c>45 s</c>, <c>0.25 s</c>; <c>n/a</c> when not finite.
    /// Seconds are whole from a minute on, else 4 significant digits; never in exponent notation.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return "n/a";
        }

        string s = (Math.Abs(seconds) >= 60
            ? Math.Round(seconds, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)
            : Significant(seconds, 4)) + " s";
        return seconds >= 60 && seconds < ScenarioLimits.MaxDuration.TotalSeconds
            ? $"{ScenarioValues.FormatDuration(TimeSpan.FromSeconds(seconds))} ({s})"
            : s;
    }

    /// <summary>The longest value <see cref="Safe"/> shows by default, in characters.</summary>
    public const int MaxValueLength = 200;

    /// <summary>The longest line <see cref="SafeMessage"/> shows by default, in characters.</summary>
    public const int MaxMessageLineLength = 1000;

    /// <summary>A run of the same escaped character at least this long is shown once with its count.</summary>
    private const int CollapsedRun = 4;

    /// <summary>
    /// Whether <paramref name="ch"/> must not reach a terminal as it is: the C0 controls (NUL…US,
    /// including ESC, BEL, TAB, CR and LF), DEL, the C1 controls (U+0080–U+009F), the bidirectional
    /// marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069), the line and paragraph separators (U+2028, U+2029) and U+FEFF.
    /// </summary>
    public static bool IsUnsafe(char ch) =>
        ch < ' '
        || ch is >= '\u007f' and <= '\u009f'
        || ch is '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029' or '\ufeff'
        || ch is >= '\u202a' and <= '\u202e'
        || ch is >= '\u2066' and <= '\u2069';

    /// <summary>The visible form of an unsafe character: <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\x1b</c>, <c>\u202e</c>.</summary>
    public static string Escape(char ch) => ch switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        < '\u0100' => "\\x" + ((int)ch).ToString("x2", CultureInfo.InvariantCulture),
        _ => "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// <paramref name="value"/> as it may be shown on a terminal: every unsafe character
    /// (<see cref="IsUnsafe"/>, line breaks included) as its escape, a run of one such character as
    /// the escape and its count (<c>\x00×4096</c>), and the whole cut at <paramref name="maxLength"/>
    /// characters with an ellipsis and the number of characters left out.
    /// </summary>
    /// <param name="value">Any text; null shows as empty.</param>
    /// <param name="maxLength">The longest result before the ellipsis. <remarks>Default <see cref="MaxValueLength"/>.</remarks></param>
    public static string Safe(string? value, int maxLength = MaxValueLength)
    {
        var sb = new StringBuilder();
        AppendSafe(sb, value ?? "", maxLength);
        return sb.ToString();
    }

    /// <summary>
    /// A message as it may be shown on a terminal: its line breaks kept (CR LF as LF), every line
    /// shown as <see cref="Safe"/> shows a value, each at most <paramref name="maxLineLength"/> characters.
    /// </summary>
    /// <param name="message">Any text; null shows as empty.</param>
    /// <param name="maxLineLength">The longest line before the ellipsis. <remarks>Default <see cref="MaxMessageLineLength"/>.</remarks></param>
    public static string SafeMessage(string? message, int maxLineLength = MaxMessageLineLength)
    {
        var sb = new StringBuilder();
        string[] lines = (message ?? "").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            string line = lines[i];
            AppendSafe(sb, i < lines.Length - 1 && line.EndsWith('\r') ? line[..^1] : line, maxLineLength);
        }

        return sb.ToString();
    }

    private static void AppendSafe(StringBuilder sb, string text, int maxLength)
    {
        int start = sb.Length;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            string piece;
            int used = 1;
            if (!IsUnsafe(ch))
            {
                piece = ch.ToString();
            }
            else
            {
                while (i + used < text.Length && text[i + used] == ch)
                {
                    used++;
                }

                piece = used >= CollapsedRun
                    ? Escape(ch) + "×" + used.ToString(CultureInfo.InvariantCulture)
                    : string.Concat(Enumerable.Repeat(Escape(ch), used));
            }

            if (sb.Length - start + piece.Length > maxLength)
            {
                sb.Append(CultureInfo.InvariantCulture, $"… ({text.Length - i} more characters)");
                return;
            }

            sb.Append(piece);
            i += used - 1;
        }
    }
}
