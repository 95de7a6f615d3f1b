using System.Globalization;
using System.Text;
using LookoutSim.Metrics;
using LookoutSim.Scenarios;

namespace LookoutSim.Output;

/// <summary>
/// Numbers for people (the terminal summary and the report), not for files: ratios as percentages
/// with enough decimals to tell 99.9 % from 99.99 %, seconds with 4 significant digits, large counts
/// with thousands separators, money with cents. Invariant culture throughout. Text that came from
/// data (names, values, messages quoting them) is shown through <see cref="Safe"/> or
/// <see cref="SafeMessage"/>, so that no control character reaches the terminal.
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
            return m is null ? "" : $", {label} {Value(m.Mean, m.Unit)}{(m.Unit == "ratio" ? "%" : " " + m.Unit)} {Interval(m)}";
        }

        double requests = Get("requests_arrived")?.Mean ?? double.NaN;
        return $"during outages ({Duration(window.Mean)} pooled: each listed outage + unit start + scale-in cooldown; {Plain(requests)} requests per replication)"
            + Part("failed_rate", "failed") + Part("availability", "availability") + Part("latency_p99_s", "p99");
    }

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
        "latency_p99" => Measure.LatencyP99S.Name,
        "max_failed" => Measure.FailedRate.Name,
        "availability" => Measure.Availability.Name,
        _ => null,
    };

    /// <summary>A duration in seconds for provenance, as a scenario writes it and in seconds:
    /// <c>7d (604800 s)</c>, <c>30m (1800 s)</c>, <c>45 s</c>; <c>n/a</c> when not finite.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return "n/a";
        }

        string s = seconds.ToString("G6", CultureInfo.InvariantCulture) + " s";
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
