using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace LookoutSim.Scenarios;

/// <summary>
/// Parsers for every value kind of the scenario format, culture-independent (a German or French
/// machine reads <c>1.5MB</c> and <c>4.00</c> exactly as an English one). Each returns false with a
/// message saying what would be valid.
/// </summary>
/// <remarks>
/// This is the one place where the numbers of the format are read: the digits are parsed once
/// (<see cref="TryDigits"/>, which never throws), then checked against the value kind's domain in
/// <see cref="ScenarioLimits"/> (finite, not negative, and below a limit a planner never reaches),
/// so that no value that passes can overflow a sum, a product or a cast later. A value outside
/// its domain gives false and a message naming the limit.
/// </remarks>
public static partial class ScenarioValues
{
    /// <summary>Longest duration accepted (about 100 years), so sums of durations cannot overflow.</summary>
    public static readonly TimeSpan MaxDuration = ScenarioLimits.MaxDuration;

    private const string DurationLimit = "durations are limited to 100 years (36525d)";

    private const string DurationHint = "write a number with a unit: 250ms, 90s, 15m, 2h, 7d, 1h30m or ISO 8601 PT15M";

    [GeneratedRegex(@"\G\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|min|s|m|h|d|w)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();

    [GeneratedRegex(@"^\s*(?:(?<day>[0-9]+(?:\.[0-9]+)?\s*[dw].*?)\s+)?(?<hh>[0-9]{1,2}):(?<mm>[0-9]{2})(?::(?<ss>[0-9]{2}))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DayAndClock();

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*/\s*(s|sec|second|min|minute|h|hour|d|day)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*(B|kB|KB|MB|GB|KiB|MiB|GiB)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"^[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$|^[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    /// <summary>
    /// A duration: <c>250ms</c>, <c>90s</c>, <c>15m</c> (or <c>15min</c>), <c>2h</c>, <c>7d</c>, <c>2w</c>,
    /// compounds such as <c>1h30m</c> or <c>1h 30m</c>, decimals such as <c>1.5s</c>, or ISO 8601
    /// (<c>PT15M</c>, <c>P1DT2H</c>). A bare number is refused (seconds or minutes?). Not negative,
    /// at most <see cref="MaxDuration"/>; rounded to the nearest 100 ns tick.
    /// </summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = string.Empty;
        string t = text.Trim();
        if (t.Length == 0)
        {
            error = "is empty; " + DurationHint;
            return false;
        }

        if (TooLong(t, DurationLimit, out error))
        {
            return false;
        }

        if (t[0] is 'P' or 'p')
        {
            try
            {
                value = XmlConvert.ToTimeSpan(t.ToUpperInvariant());
            }
            catch (FormatException)
            {
                error = "is not an ISO 8601 duration; " + DurationHint;
                return false;
            }
            catch (OverflowException)
            {
                error = "is too long; " + DurationLimit;
                return false;
            }

            return CheckRange(value, out error);
        }

        if (IsNumber(t))
        {
            error = "is a bare number, which is ambiguous; " + DurationHint;
            return false;
        }

        decimal ticks = 0;
        int at = 0;
        Match m = DurationPart().Match(t, 0);
        if (!m.Success)
        {
            error = "is not a duration; " + DurationHint;
            return false;
        }

        while (m.Success)
        {
            if (!TryDigits(m.Groups[1].Value, out decimal n) || n > 1e9m)
            {
                error = "is too long; " + DurationLimit;
                return false;
            }

            decimal unit = m.Groups[2].Value switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" or "min" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                "d" => TimeSpan.TicksPerDay,
                _ => TimeSpan.TicksPerDay * 7,
            };
            ticks += n * unit;
            at = m.Index + m.Length;
            m = m.NextMatch();
            if (m.Success && m.Index != at)
            {
                break;
            }
        }

        if (t[at..].Trim().Length > 0)
        {
            error = $"has '{t[at..].Trim()}' where a unit or the end was expected; " + DurationHint;
            return false;
        }

        if (ticks > MaxDuration.Ticks)
        {
            error = "is too long; " + DurationLimit;
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks, MidpointRounding.AwayFromZero));
        return true;
    }

    private static bool CheckRange(TimeSpan value, out string error)
    {
        error = string.Empty;
        if (value < TimeSpan.Zero)
        {
            error = "is negative; durations are zero or more";
            return false;
        }

        if (value > MaxDuration)
        {
            error = "is too long; " + DurationLimit;
            return false;
        }

        return true;
    }

    /// <summary>A range <c>10m..20m</c> (drawn uniformly), or one duration (a fixed value).</summary>
    public static bool TryParseDurationRange(string text, out DurationRange value, out string error)
    {
        value = default;
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            if (!TryParseDuration(text, out TimeSpan fixedValue, out error))
            {
                return false;
            }

            value = new DurationRange(fixedValue, fixedValue);
            return true;
        }

        if (!TryParseDuration(text[..dots], out TimeSpan lo, out error) || !TryParseDuration(text[(dots + 2)..], out TimeSpan hi, out error))
        {
            error = "is not a range of durations (" + error + "); write e.g. 10m..20m";
            return false;
        }

        if (hi < lo)
        {
            error = "is a range whose upper end is below its lower end";
            return false;
        }

        value = new DurationRange(lo, hi);
        return true;
    }

    /// <summary>
    /// An offset in the horizon: a duration from <c>start</c> (<c>36h</c>), a day and a clock time
    /// (<c>2d 14:00</c> = 2 days and 14 hours after start), or an absolute timestamp
    /// (<c>2026-03-04T14:00:00Z</c>; without an offset it is read in <paramref name="timeZone"/>).
    /// </summary>
    public static bool TryParseOffset(string text, DateTimeOffset start, TimeZoneInfo timeZone, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        if (TryParseOffsetShape(text, out OffsetValue shape, out error))
        {
            value = shape.Resolve(start, timeZone);
            if (value < TimeSpan.Zero)
            {
                error = "is before the scenario's start";
                return false;
            }

            return true;
        }

        return false;
    }

    internal static bool TryParseOffsetShape(string text, out OffsetValue value, out string error)
    {
        value = default;
        if (TooLong(text, "write a duration from start (36h), a day and time (2d 14:00) or a timestamp", out error))
        {
            return false;
        }

        Match clock = DayAndClock().Match(text);
        if (clock.Success)
        {
            TimeSpan day = TimeSpan.Zero;
            if (clock.Groups["day"].Success && !TryParseDuration(clock.Groups["day"].Value, out day, out error))
            {
                return false;
            }

            int hh = int.Parse(clock.Groups["hh"].Value, CultureInfo.InvariantCulture);
            int mm = int.Parse(clock.Groups["mm"].Value, CultureInfo.InvariantCulture);
            int ss = clock.Groups["ss"].Success ? int.Parse(clock.Groups["ss"].Value, CultureInfo.InvariantCulture) : 0;
            if (hh > 23 || mm > 59 || ss > 59)
            {
                error = "has a clock time out of range; write e.g. 2d 14:00";
                return false;
            }

            value = new OffsetValue(day + new TimeSpan(hh, mm, ss), null);
            return true;
        }

        if (text.Contains('-', StringComparison.Ordinal) && text.Contains('T', StringComparison.OrdinalIgnoreCase) || text.Trim().Length == 10 && text.Contains('-', StringComparison.Ordinal))
        {
            if (!TryParseTimestamp(text, out DateTimeOffset at, out bool hasOffset, out error))
            {
                return false;
            }

            value = new OffsetValue(TimeSpan.Zero, (at, hasOffset));
            return true;
        }

        if (TryParseDuration(text, out TimeSpan d, out error))
        {
            value = new OffsetValue(d, null);
            return true;
        }

        if (error.StartsWith("is too long", StringComparison.Ordinal))
        {
            return false;
        }

        error = "is not an offset in the horizon; write a duration from start (36h), a day and time (2d 14:00) or a timestamp (2026-03-04T14:00:00Z)";
        return false;
    }

    /// <summary>
    /// A timestamp in ISO 8601, e.g. <c>2026-03-02T00:00:00Z</c> (UTC when no offset is given), in the
    /// years <see cref="ScenarioLimits.MinYear"/>..<see cref="ScenarioLimits.MaxYear"/>.
    /// </summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset value, out string error) =>
        TryParseTimestamp(text, out value, out _, out error);

    private static bool TryParseTimestamp(string text, out DateTimeOffset value, out bool hasOffset, out string error)
    {
        error = string.Empty;
        string t = text.Trim();
        hasOffset = t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && (t[^6] is '+' or '-') && t[^3] == ':');
        if (t.Length <= 64 && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value)
            && t.Length >= 10 && char.IsDigit(t[0]))
        {
            if (value < ScenarioLimits.EarliestInstant || value > ScenarioLimits.LatestInstant)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"is outside the years {ScenarioLimits.MinYear}..{ScenarioLimits.MaxYear}, the range of timestamps a scenario may use");
                value = default;
                return false;
            }

            return true;
        }

        value = default;
        error = "is not a timestamp; write ISO 8601, e.g. 2026-03-02T00:00:00Z";
        return false;
    }

    /// <summary>
    /// A rate in calls per second: <c>8/s</c>, <c>480/min</c>, <c>28800/h</c> (also <c>/d</c>). A bare number is refused.
    /// Zero or more, at most <see cref="ScenarioLimits.MaxRatePerSecond"/>.
    /// </summary>
    public static bool TryParseRate(string text, out double callsPerSecond, out string error)
    {
        callsPerSecond = 0;
        const string Limit = "a source's rate is at most 1000000/s";
        if (TooLong(text, Limit, out error))
        {
            return false;
        }

        Match m = RatePattern().Match(text);
        if (!m.Success)
        {
            error = IsNumber(text.Trim())
                ? "is a bare number, which is ambiguous; write a rate with its period: 8/s, 480/min or 28800/h"
                : "is not a rate; write calls per period: 8/s, 480/min or 28800/h";
            return false;
        }

        decimal per = m.Groups[2].Value switch
        {
            "s" or "sec" or "second" => 1m,
            "min" or "minute" => 60m,
            "h" or "hour" => 3600m,
            _ => 86400m,
        };
        if (!TryDigits(m.Groups[1].Value, out decimal n) || n / per > (decimal)ScenarioLimits.MaxRatePerSecond)
        {
            error = "is too high; " + Limit;
            return false;
        }

        callsPerSecond = (double)(n / per);
        return true;
    }

    /// <summary>
    /// A size in MB of 10^6 bytes: <c>1.5MB</c> = 1.5, <c>800KB</c> = 0.8, <c>2MiB</c> = 2.097152,
    /// <c>1GB</c> = 1000. A bare number is refused. Zero or more, at most <see cref="ScenarioLimits.MaxSizeMb"/> (1 GB).
    /// </summary>
    public static bool TryParseSize(string text, out double megabytes, out string error)
    {
        megabytes = 0;
        const string Limit = "a size is at most 1GB";
        if (TooLong(text, Limit, out error))
        {
            return false;
        }

        Match m = SizePattern().Match(text);
        if (!m.Success)
        {
            error = IsNumber(text.Trim())
                ? "is a bare number, which is ambiguous; write a size with its unit: 1.5MB, 800KB or 2MiB"
                : "is not a size; write e.g. 1.5MB (10^6 bytes), 800KB or 2MiB";
            return false;
        }

        decimal bytes = m.Groups[2].Value switch
        {
            "B" => 1m,
            "kB" or "KB" => 1e3m,
            "MB" => 1e6m,
            "GB" => 1e9m,
            "KiB" => 1024m,
            "MiB" => 1024m * 1024m,
            _ => 1024m * 1024m * 1024m,
        };
        if (!TryDigits(m.Groups[1].Value, out decimal n) || n > 1e15m || n * bytes / 1e6m > (decimal)ScenarioLimits.MaxSizeMb)
        {
            error = "is too large; " + Limit;
            return false;
        }

        megabytes = (double)(n * bytes / 1e6m);
        return true;
    }

    /// <summary>
    /// A share as a fraction 0..1: <c>70%</c> or <c>0.7</c> (both give 0.7); <c>0.1%</c> gives 0.001.
    /// A number above 1 is refused (did you mean a percent?).
    /// </summary>
    public static bool TryParseShare(string text, out double fraction, out string error)
    {
        fraction = 0;
        string t = text.Trim();
        if (TooLong(t, "a share is 0%..100%", out error))
        {
            return false;
        }

        Match m = PercentPattern().Match(t);
        decimal value;
        if (m.Success)
        {
            if (!TryDigits(m.Groups[1].Value, out decimal percent))
            {
                error = "is outside 0%..100%";
                return false;
            }

            value = percent / 100m;
        }
        else if (!IsNumber(t))
        {
            error = "is not a share; write a percent (70%) or a fraction (0.7)";
            return false;
        }
        else if (!decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || value > 1m)
        {
            error = t.StartsWith('-')
                ? "is outside 0%..100%"
                : "is above 1; write a percent with its sign (70%) or a fraction (0.7)";
            return false;
        }

        if (value < 0m || value > 1m)
        {
            error = "is outside 0%..100%";
            return false;
        }

        fraction = (double)value;
        return true;
    }

    /// <summary>
    /// An amount of money, e.g. <c>4.00</c> (the currency is a separate field); zero or more, at most
    /// <see cref="ScenarioLimits.MaxMoney"/>.
    /// </summary>
    public static bool TryParseMoney(string text, out decimal amount, out string error)
    {
        amount = 0;
        string t = text.Trim();
        const string Limit = "an amount is at most 1000000000";
        if (TooLong(t, Limit, out error))
        {
            return false;
        }

        if (!IsNumber(t))
        {
            error = "is not an amount of money; write a number such as 4.00";
            return false;
        }

        if (!decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value) || value > ScenarioLimits.MaxMoney || value < -ScenarioLimits.MaxMoney)
        {
            error = "is too large; " + Limit;
            return false;
        }

        if (value < 0)
        {
            error = "is negative; an amount of money is zero or more";
            return false;
        }

        amount = value;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a YAML number (integer or decimal).</summary>
    public static bool IsNumber(string text) => text.Length <= ScenarioLimits.MaxValueTextLength && NumberPattern().IsMatch(text);

    /// <summary>True when <paramref name="text"/> is a YAML integer.</summary>
    public static bool IsInteger(string text) => text.Length <= ScenarioLimits.MaxValueTextLength && IntegerPattern().IsMatch(text);

    /// <summary>A number in the invariant culture (<c>0.5</c>, <c>1e-3</c>), finite and at most 10^9 in size.</summary>
    public static bool TryParseNumber(string text, out double value) => TryParseNumber(text, out value, out _);

    /// <summary>
    /// A number in the invariant culture (<c>0.5</c>, <c>1e-3</c>): finite, between
    /// −<see cref="ScenarioLimits.MaxNumber"/> and <see cref="ScenarioLimits.MaxNumber"/> (a field may set a tighter range).
    /// </summary>
    public static bool TryParseNumber(string text, out double value, out string error)
    {
        value = 0;
        string t = text.Trim();
        if (TooLong(t, "a number is at most 1000000000", out error))
        {
            return false;
        }

        if (!IsNumber(t) || !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            error = "is not a number";
            return false;
        }

        if (!double.IsFinite(v) || Math.Abs(v) > ScenarioLimits.MaxNumber)
        {
            error = "is too large; a number is at most 1000000000";
            return false;
        }

        value = v == 0 ? 0 : v; // no negative zero
        return true;
    }

    /// <summary>
    /// A whole number (<c>42</c>, <c>-3</c>) that fits 64 bits; a field sets its range. Beyond 64 bits
    /// it gives false with <paramref name="value"/> = <see cref="long.MaxValue"/> (or <see cref="long.MinValue"/>).
    /// </summary>
    public static bool TryParseInteger(string text, out long value, out string error)
    {
        value = 0;
        string t = text.Trim();
        if (!IsInteger(t))
        {
            error = "is not an integer";
            return false;
        }

        if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            // Beyond 64 bits: the value is given as the nearest end, so a caller can name its own limit.
            value = t.StartsWith('-') ? long.MinValue : long.MaxValue;
            error = "is too large; an integer is at most 9223372036854775807";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>
    /// A name used as an identifier (a traffic source, a zone, a currency, a trace column) or, with
    /// <paramref name="folderName"/>, the scenario's name, which names its results folder. A name
    /// is printable text of at most <see cref="ScenarioLimits.MaxNameLength"/> characters: no
    /// control or formatting characters (NUL, ESC, a bidirectional override, a line separator), no
    /// broken surrogate, no space at either end. A folder name is also one safe path segment: none
    /// of <c>/ \ : * ? " &lt; &gt; |</c>, no <c>..</c>, not starting with <c>.</c>, not a
    /// device name such as <c>NUL</c> or <c>COM1</c>.
    /// </summary>
    public static bool TryParseName(string text, bool folderName, out string error)
    {
        error = string.Empty;
        if (text.Length > ScenarioLimits.MaxNameLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"is {text.Length} characters long; names are at most {ScenarioLimits.MaxNameLength}");
            return false;
        }

        if (FirstUnprintable(text, allowLineBreaks: false) is { } bad)
        {
            error = bad + "; names are printable text";
            return false;
        }

        if (text != text.Trim())
        {
            error = "starts or ends with a space; write the name without it";
            return false;
        }

        if (!folderName)
        {
            return true;
        }

        const string Safe = "; it names the results folder: use letters, digits, spaces, '-', '_' or '.', not / \\ : * ? \" < > | or ..";
        if (text.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0 || text.Contains("..", StringComparison.Ordinal))
        {
            error = "is not a safe folder name" + Safe;
            return false;
        }

        if (text.StartsWith('.') || text.EndsWith('.'))
        {
            error = "starts or ends with '.'" + Safe;
            return false;
        }

        string stem = text.Split('.')[0].ToUpperInvariant();
        if (stem is "CON" or "PRN" or "AUX" or "NUL" || (stem.Length == 4 && (stem.StartsWith("COM", StringComparison.Ordinal) || stem.StartsWith("LPT", StringComparison.Ordinal)) && char.IsAsciiDigit(stem[3])))
        {
            error = "is a device name on Windows" + Safe;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Free text (a description): line breaks and tabs are allowed, other control characters (NUL,
    /// ESC, BEL, …) are not.
    /// </summary>
    public static bool TryParseFreeText(string text, out string error)
    {
        error = FirstUnprintable(text, allowLineBreaks: true) is { } bad ? bad + "; write plain text" : string.Empty;
        return error.Length == 0;
    }

    /// <summary>What is wrong with the first character of <paramref name="text"/> that cannot be shown, or null.</summary>
    private static string? FirstUnprintable(string text, bool allowLineBreaks)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (allowLineBreaks && c is '\t' or '\n' or '\r')
            {
                continue;
            }

            UnicodeCategory category = char.GetUnicodeCategory(c);
            bool bad = allowLineBreaks
                ? category is UnicodeCategory.Control or UnicodeCategory.Surrogate
                : category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            if (bad)
            {
                string kind = category == UnicodeCategory.Surrogate ? "a broken surrogate" : category == UnicodeCategory.Control ? "a control character" : "an invisible formatting character";
                return string.Create(CultureInfo.InvariantCulture, $"has {kind} (U+{(int)c:X4}) at character {i + 1}");
            }
        }

        return null;
    }

    /// <summary>
    /// The digits of a value as matched by a pattern (<c>123</c>, <c>0.25</c>), as a decimal; false
    /// (never an exception) when they do not fit one, i.e. above about 7.9×10^28. Digits past the
    /// 28th significant one are rounded.
    /// </summary>
    private static bool TryDigits(string digits, out decimal value) =>
        decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>True (with a message naming <paramref name="limit"/>) when a value's text is longer than any valid value's.</summary>
    private static bool TooLong(string text, string limit, out string error)
    {
        error = text.Length > ScenarioLimits.MaxValueTextLength
            ? string.Create(CultureInfo.InvariantCulture, $"is {text.Length} characters long, more than any valid value ({ScenarioLimits.MaxValueTextLength}); {limit}")
            : string.Empty;
        return error.Length > 0;
    }

    /// <summary>Formats a duration so that <see cref="TryParseDuration"/> reads it back exactly, e.g. <c>1h30m</c> or <c>0.25s</c>.</summary>
    public static string FormatDuration(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new System.Text.StringBuilder();
        long ticks = value.Ticks;
        void Take(long unit, string suffix)
        {
            if (ticks >= unit)
            {
                sb.Append((ticks / unit).ToString(CultureInfo.InvariantCulture)).Append(suffix);
                ticks %= unit;
            }
        }

        Take(TimeSpan.TicksPerDay, "d");
        Take(TimeSpan.TicksPerHour, "h");
        Take(TimeSpan.TicksPerMinute, "m");
        if (ticks % TimeSpan.TicksPerMillisecond == 0)
        {
            Take(TimeSpan.TicksPerSecond, "s");
            Take(TimeSpan.TicksPerMillisecond, "ms");
        }
        else if (ticks > 0)
        {
            sb.Append((ticks / (decimal)TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture)).Append('s');
        }

        return sb.ToString();
    }
}

/// <summary>
/// A duration drawn uniformly from <see cref="Min"/> to <see cref="Max"/> (written <c>10m..20m</c>);
/// a fixed duration has <see cref="Min"/> = <see cref="Max"/>.
/// </summary>
/// <param name="Min">Lower end.</param>
/// <param name="Max">Upper end (≥ <see cref="Min"/>).</param>
public readonly record struct DurationRange(TimeSpan Min, TimeSpan Max)
{
    /// <summary>True when the range is one value.</summary>
    public bool IsFixed => Min == Max;

    /// <summary>The mean of the uniform draw.</summary>
    public TimeSpan Mean => Min + ((Max - Min) / 2);

    /// <summary>A fixed duration.</summary>
    public static DurationRange Fixed(TimeSpan value) => new(value, value);

    /// <summary>The scenario syntax, e.g. <c>10m..20m</c> or <c>15m</c>.</summary>
    public override string ToString() =>
        IsFixed ? ScenarioValues.FormatDuration(Min) : ScenarioValues.FormatDuration(Min) + ".." + ScenarioValues.FormatDuration(Max);
}

/// <summary>An offset as written: relative to start, or an absolute timestamp (with or without its own UTC offset).</summary>
internal readonly record struct OffsetValue(TimeSpan Relative, (DateTimeOffset At, bool HasOffset)? Absolute)
{
    public TimeSpan Resolve(DateTimeOffset start, TimeZoneInfo zone)
    {
        if (Absolute is not { } abs)
        {
            return Relative;
        }

        DateTimeOffset at = abs.At;
        if (!abs.HasOffset)
        {
            DateTime local = DateTime.SpecifyKind(abs.At.UtcDateTime, DateTimeKind.Unspecified);
            at = new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        return at - start;
    }
}
