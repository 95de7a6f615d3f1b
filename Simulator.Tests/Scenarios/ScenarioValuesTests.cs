using System.Globalization;
using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Scenarios;

public sealed class ScenarioValuesTests
{
    [TestCase("250ms", 0.25)]
    [TestCase("90s", 90)]
    [TestCase("15m", 900)]
    [TestCase("15min", 900)]
    [TestCase("2h", 7200)]
    [TestCase("7d", 604800)]
    [TestCase("1h30m", 5400)]
    [TestCase("1h 30m", 5400)]
    [TestCase("1.5s", 1.5)]
    [TestCase("2w", 1209600)]
    [TestCase("PT15M", 900)]
    [TestCase("P1DT2H", 93600)]
    [TestCase("0s", 0)]
    public void TryParseDuration_ValidText_GivesSeconds(string text, double seconds)
    {
        // When
        bool ok = ScenarioValues.TryParseDuration(text, out TimeSpan value, out string error);

        // Then
        Assert.That(ok, Is.True, error);
        Assert.That(value, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("90", "bare number")]
    [TestCase("1.5", "bare number")]
    [TestCase("", "empty")]
    [TestCase("15x", "not a duration")]
    [TestCase("1h30", "where a unit")]
    [TestCase("-5s", "not a duration")]
    [TestCase("PTxyz", "ISO 8601")]
    [TestCase("1000000000d", "too long")]
    public void TryParseDuration_InvalidText_FailsWithReason(string text, string reason)
    {
        // When
        bool ok = ScenarioValues.TryParseDuration(text, out _, out string error);

        // Then
        Assert.That(ok, Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void TryParseDurationRange_Range_GivesBothEnds()
    {
        // When
        bool ok = ScenarioValues.TryParseDurationRange("10m..20m", out DurationRange range, out _);
        bool fixedOk = ScenarioValues.TryParseDurationRange("15m", out DurationRange single, out _);
        bool reversed = ScenarioValues.TryParseDurationRange("20m..10m", out _, out string error);

        // Then
        Assert.That(ok && fixedOk, Is.True);
        Assert.That(range, Is.EqualTo(new DurationRange(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20))));
        Assert.That(single.IsFixed, Is.True);
        Assert.That(range.Mean, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(reversed, Is.False);
        Assert.That(error, Does.Contain("upper end"));
    }

    [TestCase("2d 14:00", 2 * 86400 + 14 * 3600)]
    [TestCase("36h", 36 * 3600)]
    [TestCase("14:30", 14.5 * 3600)]
    [TestCase("2024-01-03T14:00:00Z", 2 * 86400 + 14 * 3600)]
    [TestCase("2024-01-03T15:00:00+01:00", 2 * 86400 + 14 * 3600)]
    public void TryParseOffset_Forms_GiveOffsetFromStart(string text, double seconds)
    {
        // Given
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // When
        bool ok = ScenarioValues.TryParseOffset(text, start, TimeZoneInfo.Utc, out TimeSpan offset, out string error);

        // Then
        Assert.That(ok, Is.True, error);
        Assert.That(offset, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void TryParseOffset_TimestampWithoutOffset_IsReadInScenarioTimeZone()
    {
        // Given
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        TimeZoneInfo berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // When
        bool ok = ScenarioValues.TryParseOffset("2024-01-01T14:00:00", start, berlin, out TimeSpan offset, out _);

        // Then: 14:00 in Berlin in winter is 13:00 UTC
        Assert.That(ok, Is.True);
        Assert.That(offset, Is.EqualTo(TimeSpan.FromHours(13)));
    }

    [TestCase("8/s", 8)]
    [TestCase("480/min", 8)]
    [TestCase("28800/h", 8)]
    [TestCase("0.5/s", 0.5)]
    [TestCase("86400/d", 1)]
    public void TryParseRate_Forms_GiveCallsPerSecond(string text, double perSecond)
    {
        // When
        bool ok = ScenarioValues.TryParseRate(text, out double rate, out string error);

        // Then
        Assert.That(ok, Is.True, error);
        Assert.That(rate, Is.EqualTo(perSecond).Within(1e-12));
    }

    [TestCase("8", "bare number")]
    [TestCase("8/week", "not a rate")]
    public void TryParseRate_Invalid_Fails(string text, string reason)
    {
        Assert.That(ScenarioValues.TryParseRate(text, out _, out string error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [TestCase("1.5MB", 1.5)]
    [TestCase("800KB", 0.8)]
    [TestCase("2MiB", 2.097152)]
    [TestCase("1GB", 1000)]
    [TestCase("500000B", 0.5)]
    public void TryParseSize_Forms_GiveDecimalMegabytes(string text, double mb)
    {
        // When
        bool ok = ScenarioValues.TryParseSize(text, out double value, out string error);

        // Then
        Assert.That(ok, Is.True, error);
        Assert.That(value, Is.EqualTo(mb).Within(1e-12));
    }

    [TestCase("70%", 0.7)]
    [TestCase("0.7", 0.7)]
    [TestCase("0.1%", 0.001)]
    [TestCase("100%", 1)]
    [TestCase("0", 0)]
    public void TryParseShare_Forms_GiveFraction(string text, double fraction)
    {
        // When
        bool ok = ScenarioValues.TryParseShare(text, out double value, out string error);

        // Then
        Assert.That(ok, Is.True, error);
        Assert.That(value, Is.EqualTo(fraction));
    }

    [TestCase("70", "above 1")]
    [TestCase("120%", "outside")]
    [TestCase("seventy", "not a share")]
    public void TryParseShare_Invalid_Fails(string text, string reason)
    {
        Assert.That(ScenarioValues.TryParseShare(text, out _, out string error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void TryParseMoney_Decimal_IsExact()
    {
        Assert.That(ScenarioValues.TryParseMoney("4.00", out decimal amount, out _), Is.True);
        Assert.That(amount, Is.EqualTo(4.00m));
        Assert.That(ScenarioValues.TryParseMoney("-1", out _, out _), Is.False);
        Assert.That(ScenarioValues.TryParseMoney("4,00", out _, out _), Is.False);
    }

    [Test]
    [SetCulture("de-DE")]
    [SetUICulture("de-DE")]
    public void Parsers_UnderGermanCulture_ReadAsInvariant()
    {
        // When: de-DE writes 1,5 and reads "1.5" as 15 when a parser forgets the culture
        bool size = ScenarioValues.TryParseSize("1.5MB", out double mb, out _);
        bool money = ScenarioValues.TryParseMoney("4.00", out decimal price, out _);
        bool share = ScenarioValues.TryParseShare("70%", out double target, out _);
        bool duration = ScenarioValues.TryParseDuration("1.5s", out TimeSpan d, out _);
        bool rate = ScenarioValues.TryParseRate("0.5/s", out double r, out _);

        // Then
        Assert.That(size && money && share && duration && rate, Is.True);
        Assert.That(mb, Is.EqualTo(1.5));
        Assert.That(price, Is.EqualTo(4.00m));
        Assert.That(target, Is.EqualTo(0.7));
        Assert.That(d, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
        Assert.That(r, Is.EqualTo(0.5));
    }

    [Test]
    [SetCulture("de-DE")]
    public void LoadText_UnderGermanCulture_GivesSameScenarioAsInvariant()
    {
        // Given
        string text = File.ReadAllText(ScenarioFiles.SpecExample);

        // When
        Scenario? german = ScenarioLoader.LoadText(text, "spec.yaml", ScenarioFiles.Samples).Scenario;
        Scenario? invariant;
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = ScenarioLoader.LoadText(text, "spec.yaml", ScenarioFiles.Samples).Scenario;
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        // Then
        Assert.That(german, Is.Not.Null);
        Assert.That(german, Is.EqualTo(invariant));
        Assert.That(german!.Images[0].SizeMb, Is.EqualTo(1.2));
        Assert.That(german.Billing.PricePerUnitHour, Is.EqualTo(4.00m));
        Assert.That(german.Autoscaling.Target, Is.EqualTo(0.7));
    }

    [TestCase("1h30m")]
    [TestCase("250ms")]
    [TestCase("0.0000001s")]
    [TestCase("7d")]
    [TestCase("1d2h3m4s5ms")]
    public void FormatDuration_Value_ParsesBackExactly(string text)
    {
        // Given
        Assert.That(ScenarioValues.TryParseDuration(text, out TimeSpan value, out _), Is.True);

        // When
        string formatted = ScenarioValues.FormatDuration(value);

        // Then
        Assert.That(ScenarioValues.TryParseDuration(formatted, out TimeSpan back, out _), Is.True, formatted);
        Assert.That(back, Is.EqualTo(value));
    }

    private static readonly string Nines = new('9', 300);

    private static bool Parse(string kind, string text, out string error)
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        switch (kind)
        {
            case "duration": return ScenarioValues.TryParseDuration(text, out _, out error);
            case "range": return ScenarioValues.TryParseDurationRange(text, out _, out error);
            case "offset": return ScenarioValues.TryParseOffset(text, start, TimeZoneInfo.Utc, out _, out error);
            case "rate": return ScenarioValues.TryParseRate(text, out _, out error);
            case "size": return ScenarioValues.TryParseSize(text, out _, out error);
            case "share": return ScenarioValues.TryParseShare(text, out _, out error);
            case "money": return ScenarioValues.TryParseMoney(text, out _, out error);
            case "number": return ScenarioValues.TryParseNumber(text, out _, out error);
            case "integer": return ScenarioValues.TryParseInteger(text, out _, out error);
            default: return ScenarioValues.TryParseTimestamp(text, out _, out error);
        }
    }

    [TestCase("duration", "{9}s", "is too long; durations are limited to 100 years (36525d)")]
    [TestCase("duration", "{9}.5ms", "is too long; durations are limited to 100 years")]
    [TestCase("duration", "1h{9}m", "is too long; durations are limited to 100 years")]
    [TestCase("duration", "36526d", "is too long; durations are limited to 100 years")]
    [TestCase("range", "1m..{9}m", "is too long")]
    [TestCase("offset", "{9}h", "is too long; durations are limited to 100 years")]
    [TestCase("offset", "{9}d 14:00", "is too long")]
    [TestCase("rate", "{9}/s", "is too high; a source's rate is at most 1000000/s")]
    [TestCase("rate", "{9}.5/h", "is too high; a source's rate is at most 1000000/s")]
    [TestCase("rate", "60000001/min", "is too high; a source's rate is at most 1000000/s")]
    [TestCase("size", "{9}MB", "is too large; a size is at most 1GB")]
    [TestCase("size", "1000000000001B", "is too large; a size is at most 1GB")]
    [TestCase("size", "1GiB", "is too large; a size is at most 1GB")]
    [TestCase("share", "{9}%", "is outside 0%..100%")]
    [TestCase("share", "1e400", "is above 1")]
    [TestCase("money", "{9}", "is too large; an amount is at most 1000000000")]
    [TestCase("money", "1e29", "is too large; an amount is at most 1000000000")]
    [TestCase("money", "-1", "is negative")]
    [TestCase("number", "{9}", "is too large; a number is at most 1000000000")]
    [TestCase("number", "1e309", "is too large; a number is at most 1000000000")]
    [TestCase("number", "-1e10", "is too large; a number is at most 1000000000")]
    [TestCase("integer", "{9}", "is too large; an integer is at most 9223372036854775807")]
    [TestCase("integer", "-{9}", "is too large; an integer is at most 9223372036854775807")]
    [TestCase("timestamp", "9999-12-31T23:59:59Z", "is outside the years 1970..9000")]
    [TestCase("timestamp", "0001-01-01T00:00:00Z", "is outside the years 1970..9000")]
    public void TryParse_OutsideTheDomain_FailsNamingTheLimitWithoutThrowing(string kind, string text, string reason)
    {
        // When: hundreds of digits overflowed decimal.Parse (an exception) in durations, rates, sizes and shares
        bool ok = Parse(kind, text.Replace("{9}", Nines, StringComparison.Ordinal), out string error);

        // Then
        Assert.That(ok, Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [TestCase("duration", "36525d")]
    [TestCase("rate", "1000000/s")]
    [TestCase("rate", "3600000000/h")]
    [TestCase("rate", "0.{9}/s")]
    [TestCase("size", "1GB")]
    [TestCase("size", "0.{9}MB")]
    [TestCase("share", "100%")]
    [TestCase("money", "1000000000")]
    [TestCase("number", "1e9")]
    [TestCase("number", "-1e9")]
    [TestCase("integer", "9223372036854775807")]
    [TestCase("timestamp", "1970-01-01T00:00:00Z")]
    [TestCase("timestamp", "9000-12-31T23:59:59Z")]
    public void TryParse_AtTheLimit_Succeeds(string kind, string text)
    {
        // When
        bool ok = Parse(kind, text.Replace("{9}", Nines, StringComparison.Ordinal), out string error);

        // Then
        Assert.That(ok, Is.True, error);
    }

    [TestCase("duration")]
    [TestCase("rate")]
    [TestCase("size")]
    [TestCase("share")]
    [TestCase("money")]
    [TestCase("number")]
    [TestCase("offset")]
    public void TryParse_TextLongerThanAnyValue_FailsWithoutScanningIt(string kind)
    {
        // When
        bool ok = Parse(kind, new string('1', 100_000) + "x", out string error);

        // Then
        Assert.That(ok, Is.False);
        Assert.That(error, Does.Contain("100001 characters long, more than any valid value (400)"));
    }

    [TestCase("camera-1", false, true)]
    [TestCase("Größe 检测 🙂", true, true)]
    [TestCase("a\\u0000b", false, false)]
    [TestCase("a\\u001Bb", false, false)]
    [TestCase("a\\u200Bb", false, false)]
    [TestCase("a\\uD800b", false, false)]
    [TestCase(" padded", false, false)]
    [TestCase("x/y", false, true)]
    [TestCase("x/y", true, false)]
    [TestCase("..", true, false)]
    [TestCase("aux.txt", true, false)]
    [TestCase("lpt9", true, false)]
    [TestCase("lpt", true, true)]
    public void TryParseName_Rules(string text, bool folderName, bool valid)
    {
        // When
        bool ok = ScenarioValues.TryParseName(System.Text.RegularExpressions.Regex.Unescape(text), folderName, out string error);

        // Then
        Assert.That(ok, Is.EqualTo(valid), error);
    }
}
