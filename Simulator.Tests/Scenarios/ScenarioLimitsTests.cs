using System.Text;
using LookoutSim.Cli;
using LookoutSim.Scenarios;
using LookoutSim.Scenarios.Loading;

namespace LookoutSim.Tests.Scenarios;

/// <summary>
/// Hostile and careless values in a scenario file, through the command line: each is refused with
/// exit 2, the file, line and column, the field and the limit (never exit 3, never an exception),
/// in bounded work.
/// </summary>
public sealed class ScenarioLimitsTests
{
    /// <summary>300 nines: more digits than a decimal, a long or a TimeSpan can hold.</summary>
    private static readonly string Huge = new('9', 300);

    // Line numbers below refer to this text.
    private const string Valid = """
        name: t
        horizon: 1d
        service:
          base: 45ms
        images:
          - { width: 2048, height: 1536, size: 1.2MB }
        traffic:
          - name: camera
            pattern: poisson
            rate: 6/s
        deployment:
          zones: [az1, az2]
          min_units: 2
        billing:
          price_per_unit_hour: 4.00
        slo:
          max_failed: 0.1%

        """;

    private string temp = string.Empty;

    [SetUp]
    public void SetUp() => temp = ScenarioFiles.NewTempFolder();

    [TearDown]
    public void TearDown() => Directory.Delete(temp, recursive: true);

    private static string Edit(int line, string replacement)
    {
        var lines = Valid.Split('\n').ToList();
        lines[line - 1] = replacement.Replace("{D}", Huge, StringComparison.Ordinal);
        return string.Join('\n', lines);
    }

    private (int Code, string Out, string Err, string File) Cli(string content, params string[] args)
    {
        string file = Path.Combine(temp, "s.yaml");
        File.WriteAllText(file, content, new UTF8Encoding(false));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run([.. args.Select(a => a == "FILE" ? file : a.Replace("{D}", Huge, StringComparison.Ordinal))], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString(), file);
    }

    private (int Code, string Out, string Err, string File) Validate(string content, params string[] extra) =>
        Cli(content, ["validate", "FILE", .. extra]);

    /// <summary>Exit 2, no stack trace, and a line of stderr that starts with <paramref name="prefix"/> and contains <paramref name="fragment"/>.</summary>
    private static void AssertBadInput((int Code, string Out, string Err, string File) r, string prefix, string fragment)
    {
        Assert.That(r.Code, Is.EqualTo(ExitCodes.BadInput), r.Err);
        Assert.That(r.Err, Does.Not.Contain("internal error").And.Not.Contain("Exception").And.Not.Contain("   at "), "no internal error");
        Assert.That(
            r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith(prefix.Replace("FILE", r.File, StringComparison.Ordinal), StringComparison.Ordinal)),
            Has.Some.Contains(fragment),
            r.Err);
    }

    // ---- numbers with hundreds of digits -------------------------------------------------------

    [TestCase(10, "    rate: {D}/s", ":10:11: error: traffic[0].rate (", "is too high; a source's rate is at most 1000000/s")]
    [TestCase(10, "    rate: {D}.5/min", ":10:11: error: traffic[0].rate (", "is too high; a source's rate is at most 1000000/s")]
    [TestCase(2, "horizon: {D}h", ":2:10: error: horizon (", "is too long; durations are limited to 100 years (36525d)")]
    [TestCase(4, "  base: {D}.5ms", ":4:9: error: service.base (", "is too long; durations are limited to 100 years")]
    [TestCase(6, "  - { width: 2048, height: 1536, size: {D}MB }", ":6:40: error: images[0].size (", "is too large; a size is at most 1GB")]
    [TestCase(17, "  max_failed: {D}%", ":17:15: error: slo.max_failed (", "is outside 0%..100%")]
    [TestCase(15, "  price_per_unit_hour: {D}", ":15:24: error: billing.price_per_unit_hour (", "is too large; an amount is at most 1000000000")]
    [TestCase(13, "  min_units: {D}", ":13:14: error: deployment.min_units (", "is above the most allowed, 10000")]
    [TestCase(1, "name: t\nseed: {D}", ":2:7: error: seed (", "is too large; an integer is at most 9223372036854775807")]
    [TestCase(1, "name: t\nwarmup: 1h{D}m", ":2:9: error: warmup (", "is too long; durations are limited to 100 years")]
    public void Validate_HundredsOfDigits_ExitsTwoNamingFieldAndLimit(int line, string replacement, string where, string what)
    {
        // When: today a decimal overflow is an internal error (exit 3) for rates, durations and sizes
        var r = Validate(Edit(line, replacement));

        // Then
        AssertBadInput(r, "FILE" + where, what);
    }

    [TestCase("traffic[0].rate={D}/s", "traffic[0].rate", "is too high; a source's rate is at most 1000000/s")]
    [TestCase("horizon={D}s", "horizon", "is too long")]
    [TestCase("images=[{width: 1, height: 1, size: {D}MB}]", "images[0].size", "is too large; a size is at most 1GB")]
    [TestCase("slo.availability={D}%", "slo.availability", "is outside 0%..100%")]
    [TestCase("deployment.model_start=1m..{D}m", "deployment.model_start", "is too long")]
    [TestCase("failures.zone_outages=[{zone: az1, at: {D}h, duration: 1h}]", "failures.zone_outages[0].at", "is too long")]
    [TestCase("service.cv=1e400", "service.cv", "is too large; a number is at most 1000000000")]
    [TestCase("traffic[0].rate=1000001/s", "traffic[0].rate", "is too high; a source's rate is at most 1000000/s")]
    [TestCase("images=[{width: 1, height: 1, size: 1.5GB}]", "images[0].size", "is too large; a size is at most 1GB")]
    [TestCase("billing.price_per_unit_hour=1e10", "billing.price_per_unit_hour", "is too large; an amount is at most 1000000000")]
    public void Validate_OverrideOutOfDomain_ExitsTwoNamingFieldAndLimit(string set, string field, string what)
    {
        // When: --set values go through the same parsers
        var r = Validate(Valid, "--set", set);

        // Then
        AssertBadInput(r, "--set ", $"error: {field} (");
        AssertBadInput(r, "--set ", what);
    }

    [Test]
    public void Validate_SweepValueWithHundredsOfDigits_ExitsTwo()
    {
        // When
        var r = Validate(Valid + "sweep:\n  traffic[0].rate: [1/s, {D}/s]\n".Replace("{D}", Huge, StringComparison.Ordinal));

        // Then
        AssertBadInput(r, "FILE:19:", "sweep.traffic[0].rate[1] (");
        AssertBadInput(r, "FILE:19:", "is too high; a source's rate is at most 1000000/s");
    }

    [Test]
    public void Validate_SolvedBaseBeyondATimeSpan_ExitsTwo()
    {
        // Given: per_megapixel × 10^4 megapixels is beyond what a TimeSpan holds (an overflow today)
        string text = Edit(4, "  tps_per_unit: 5\n  per_megapixel: 36000d") + "\n";
        text = text.Replace("  - { width: 2048, height: 1536, size: 1.2MB }", "  - { width: 100000, height: 100000, size: 1MB }", StringComparison.Ordinal);

        // When
        var r = Validate(text);

        // Then
        AssertBadInput(r, "FILE:5:18: error: service.per_megapixel (36000d)", "is above the most allowed, 3d15h39m36s");
    }

    [Test]
    public void Validate_TpsSoLowThatBaseIsCenturies_ExitsTwo()
    {
        // Given: 1024 calls at once at 10^-9 TPS: base would be 32,000 years (beyond a TimeSpan, an overflow today)
        string text = Edit(4, "  tps_per_unit: 0.000000001\n  concurrency: 1024");

        // When
        var r = Validate(text);

        // Then
        AssertBadInput(r, "FILE:4:17: error: service.tps_per_unit (0.000000001)", "is so low that base would be 1.024e+12s; durations are limited to 100 years");
    }

    // ---- intervals and dates --------------------------------------------------------------------

    [Test]
    public void Run_OneMillisecondIntervalOverThirtyDays_ExitsTwoBeforeAnyOutput()
    {
        // Given: 2.6 billion intervals per replication (an array size overflow today)
        string text = Edit(2, "horizon: 30d\ninterval: 1ms");
        string outDir = Path.Combine(temp, "out");

        // When
        var validate = Validate(text);
        var run = Cli(text, "run", "FILE", "--out", outDir, "--replications", "1", "--quiet");

        // Then
        const string Message = "error: interval (1ms) over horizon (30d) makes 2,592,000,000 time-series intervals per replication; the most is 1,000,000: use an interval of at least 3s";
        AssertBadInput(validate, "FILE:3:11: ", Message);
        AssertBadInput(run, "FILE:3:11: ", Message);
        Assert.That(Directory.Exists(outDir), Is.False, "nothing written");
    }

    [Test]
    public void Validate_HundredYearsAtTheDefaultInterval_ErrorAtHorizon()
    {
        // When: the interval is the default (1m), so the error is where the horizon is written
        var r = Validate(Edit(2, "horizon: 36525d"));

        // Then
        AssertBadInput(r, "FILE:2:10: error: interval (1m) over horizon (36525d) makes 52,596,000", "the most is 1,000,000: use an interval of at least 53m");
    }

    [Test]
    public void Load_ExactlyTheMostIntervals_IsValid()
    {
        // When
        ScenarioLoadResult r = ScenarioLoader.LoadText(Edit(2, "horizon: 1000000s\ninterval: 1s"), "s.yaml");

        // Then
        Assert.That(r.IsValid, Is.True, string.Join('\n', r.Diagnostics));
    }

    [Test]
    public void Run_StartNearYear9999WithCron_ExitsTwo()
    {
        // Given: validate said ok and run failed with exit 3 (an unrepresentable date)
        string text = Edit(1, "name: t\nstart: 9999-12-31T00:00:00Z") + "schedule:\n  - { cron: \"0 6 * * *\", action: start }\n";
        string outDir = Path.Combine(temp, "out");

        // When
        var validate = Validate(text);
        var run = Cli(text, "run", "FILE", "--out", outDir, "--replications", "1", "--quiet");

        // Then
        const string Message = "error: start (9999-12-31T00:00:00Z) is outside the years 1970..9000, the range of timestamps a scenario may use";
        AssertBadInput(validate, "FILE:2:8: ", Message);
        AssertBadInput(run, "FILE:2:8: ", Message);
        Assert.That(Directory.Exists(outDir), Is.False, "nothing written");
    }

    [TestCase("start: 9000-12-01T00:00:00Z", "horizon: 60d", "UTC", "FILE:2:8: error: start (9000-12-01) + horizon (60d) ends after the year 9000")]
    [TestCase("start: 1969-12-31T23:00:00Z", "horizon: 1d", "UTC", "FILE:2:8: error: start (1969-12-31T23:00:00Z) is outside the years 1970..9000")]
    [TestCase("start: 2024-01-01T00:00:00Z", "horizon: 1d\nfailures: { zone_outages: [{ zone: az1, at: 0001-01-01T00:00:00, duration: 1h }] }", "Asia/Tokyo", "FILE:4:45: error: failures.zone_outages[0].at (0001-01-01T00:00:00) is outside the years 1970..9000")]
    public void Validate_DatesOutsideTheCalendar_ExitTwo(string startLine, string horizonLine, string timeZone, string expected)
    {
        // Given: an outage at year 1 read in a zone east of UTC cannot even be represented
        string text = Edit(2, startLine + "\n" + horizonLine);

        // When
        var r = Validate(text, "--set", "timezone=" + timeZone);

        // Then
        int cut = expected.IndexOf(" error: ", StringComparison.Ordinal);
        AssertBadInput(r, expected[..cut], expected[(cut + 1)..]);
    }

    [Test]
    public void CronSchedule_AtTheEndOfTheCalendar_GivesNoOccurrenceInsteadOfThrowing()
    {
        // Given
        ScenarioLoadResult r = ScenarioLoader.LoadText(Valid + "schedule:\n  - { cron: \"0 6 * * *\", action: start }\n", "s.yaml", null, ["timezone=Asia/Tokyo"]);
        CronSchedule cron = r.Scenario!.Schedule[0].Cron!;

        // When
        DateTimeOffset? next = cron.NextFrom(DateTimeOffset.MaxValue.AddHours(-1));

        // Then
        Assert.That(next, Is.Null);
    }

    // ---- silent acceptance ----------------------------------------------------------------------

    [TestCase(1, "name: \"a\\0b\"", "FILE:1:7: error: name (", "has a control character (U+0000) at character 2; names are printable text")]
    [TestCase(8, "  - name: \"cam\\e[31m\"", "FILE:8:11: error: traffic[0].name (", "has a control character (U+001B) at character 4")]
    [TestCase(12, "  zones: [az1, \"az\\u202E2\"]", "FILE:12:16: error: deployment.zones[1] (", "has an invisible formatting character (U+202E) at character 3")]
    [TestCase(1, "name: \"line\\u2028three\"", "FILE:1:7: error: name (", "has an invisible formatting character (U+2028) at character 5")]
    [TestCase(15, "  currency: \"US\\aD\"", "FILE:15:13: error: billing.currency (", "has a control character (U+0007) at character 3")]
    [TestCase(1, "name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "FILE:1:7: error: name (", "is 65 characters long; names are at most 64")]
    [TestCase(1, "name: \"..\"", "FILE:1:7: error: name (..)", "is not a safe folder name; it names the results folder")]
    [TestCase(1, "name: ../up", "FILE:1:7: error: name (../up)", "is not a safe folder name")]
    [TestCase(1, "name: a\\b", "FILE:1:7: error: name (a\\b)", "is not a safe folder name")]
    [TestCase(1, "name: .t.writing-1234", "FILE:1:7: error: name (.t.writing-1234)", "starts or ends with '.'")]
    [TestCase(1, "name: com1", "FILE:1:7: error: name (com1)", "is a device name on Windows")]
    [TestCase(1, "name: t\ndescription: \"ring\\a\"", "FILE:2:14: error: description (", "has a control character (U+0007) at character 5; write plain text")]
    public void Validate_UnsafeName_ExitsTwo(int line, string replacement, string where, string what)
    {
        // When: today a NUL in name is accepted, and the run fails on the output path
        var r = Validate(Edit(line, replacement));

        // Then
        AssertBadInput(r, where, what);
    }

    [Test]
    public void Load_NamesOfEveryScript_AreAccepted()
    {
        // Given: printable names in other scripts, an emoji (a surrogate pair), a description on two lines
        string text = Edit(1, "name: Linie-3 Größe 检测 🙂\ndescription: \"two\\nlines\\tand a tab\"").Replace("zones: [az1, az2]", "zones: [zone-α, zone-β]", StringComparison.Ordinal);

        // When
        ScenarioLoadResult r = ScenarioLoader.LoadText(text, "s.yaml");

        // Then
        Assert.That(r.IsValid, Is.True, string.Join('\n', r.Diagnostics));
        Assert.That(r.Scenario!.Name, Is.EqualTo("Linie-3 Größe 检测 🙂"));
    }

    [TestCase("schedule:\n  - { cron: \"0 0 30 2 *\", action: start }\n", "FILE:19:13: error: schedule[0].cron (\"0 0 30 2 *\") never fires")]
    [TestCase("schedule:\n  - { cron: \"0 0 31 4,6,9,11 *\", action: start }\n", "FILE:19:13: error: schedule[0].cron (\"0 0 31 4,6,9,11 *\") never fires")]
    public void Validate_CronThatNeverFires_ExitsTwo(string schedule, string expected)
    {
        // When: today it passes silently
        var r = Validate(Valid + schedule);

        // Then
        int cut = expected.IndexOf(" error: ", StringComparison.Ordinal);
        AssertBadInput(r, expected[..cut], expected[(cut + 1)..]);
    }

    [Test]
    public void Validate_CronFiringEveryMinuteForACentury_ExitsTwo()
    {
        // Given: 52 million schedule entries, each compiled into the model config before the run
        string text = Edit(2, "horizon: 36525d\ninterval: 1h") + "schedule:\n  - { cron: \"* * * * *\", action: start }\n";

        // When
        var r = Validate(text);

        // Then
        AssertBadInput(r, "FILE:20:13: ", "error: schedule[0].cron (\"* * * * *\") fires more than 100,000 times in the horizon (36525d); the most is 100,000");
    }

    [Test]
    public void Load_CronFiringExactlyTheMostTimes_IsValid()
    {
        // Given: every minute for 100,000 minutes
        string text = Edit(2, "horizon: 100000m") + "schedule:\n  - { cron: \"* * * * *\", action: start }\n";

        // When
        ScenarioLoadResult r = ScenarioLoader.LoadText(text, "s.yaml");

        // Then
        Assert.That(r.IsValid, Is.True, string.Join('\n', r.Diagnostics));
    }

    [Test]
    public void Validate_ClosedSourceCronThatNeverFires_ExitsTwo()
    {
        // Given
        string text = Valid.Replace("    rate: 6/s\n", "    rate: 6/s\n  - { name: audit, pattern: closed, cron: \"0 2 30 2 *\", images: 100, clients: 1 }\n", StringComparison.Ordinal);

        // When
        var r = Validate(text);

        // Then
        AssertBadInput(r, "FILE:11:", "error: traffic[1].cron (\"0 2 30 2 *\") never fires");
    }

    [Test]
    public void Load_CronFirstFiringAfterTheHorizon_Warns()
    {
        // Given: 29 February that is a Monday: 2044, after a 1-day horizon from 2024-01-01
        ScenarioLoadResult r = ScenarioLoader.LoadText(Valid + "schedule:\n  - { cron: \"0 0 29 2 MON\", action: start }\n", "s.yaml");

        // Then
        Assert.That(r.IsValid, Is.True, string.Join('\n', r.Diagnostics));
        Assert.That(
            r.Diagnostics.Select(d => d.ToString()),
            Has.Some.EqualTo("s.yaml:19:13: warning: schedule[0].cron (\"0 0 29 2 MON\") first fires at 2044-02-29 00:00 +00:00, after the horizon (1d); it does nothing in this run"));
    }

    [Test]
    public void Load_OverlappingListedOutagesOfOneZone_WarnsNamingBoth()
    {
        // Given: az2 down 2h..4h and 3h..4h30m; az1 at 3h (another zone); az2 again at 6h (apart)
        string text = Valid + """
            failures:
              zone_outages:
                - { zone: az2, at: 2h, duration: 2h }
                - { zone: az1, at: 3h, duration: 1h }
                - { zone: az2, at: 3h, duration: 90m }
                - { zone: az2, at: 6h, duration: 1h }

            """;

        // When: today they are merged without a word
        ScenarioLoadResult r = ScenarioLoader.LoadText(text, "s.yaml");

        // Then
        Assert.That(r.IsValid, Is.True, string.Join('\n', r.Diagnostics));
        Assert.That(r.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "s.yaml:22:24: warning: failures.zone_outages[2] (zone az2 from 3h for 1h30m) overlaps failures.zone_outages[0] (line 20: from 2h for 2h); they make one outage, from 2h to 4h30m",
        }));
    }

    [Test]
    public void Load_ManyOverlappingOutages_OneWarningEachInLinearWork()
    {
        // Given: 1,000 outages of one zone, each overlapping the one before
        var sb = new StringBuilder(Valid).Append("failures:\n  zone_outages:\n");
        for (int i = 0; i < 1000; i++)
        {
            sb.Append("    - { zone: az1, at: ").Append(i).Append("m, duration: 90s }\n");
        }

        // When
        ScenarioLoadResult r = ScenarioLoader.LoadText(sb.ToString(), "s.yaml");

        // Then: listed up to the cap, the rest counted
        Assert.That(r.IsValid, Is.True);
        Assert.That(r.Diagnostics, Has.Count.EqualTo(ScenarioLimits.MaxListedErrors + 1));
        Assert.That(r.Diagnostics[^1].Message, Does.Contain("and 949 more warnings not listed"));
    }

    // ---- many keys: linear work, a capped list --------------------------------------------------

    /// <summary>Loads <paramref name="unknownKeys"/> unknown keys in <c>deployment</c>, on another thread with a hang guard; the steps of loading it.</summary>
    private static (ScenarioLoadResult Result, long Steps) LoadWithUnknownKeys(int unknownKeys)
    {
        var sb = new StringBuilder(Valid.Replace("  min_units: 2\n", string.Empty, StringComparison.Ordinal));
        sb.Insert(sb.ToString().IndexOf("billing:", StringComparison.Ordinal), string.Concat(Enumerable.Range(0, unknownKeys).Select(i => $"  unknown_key_{i}: {i}\n")) + "  min_units: 2\n");
        string text = sb.ToString();
        var work = Task.Run(() =>
        {
            long before = LoadWork.Steps;
            ScenarioLoadResult result = ScenarioLoader.LoadText(text, "s.yaml");
            return (result, LoadWork.Steps - before);
        });
        Assert.That(work.Wait(TimeSpan.FromSeconds(60)), Is.True, "hang guard: loading did not finish in 60 s");
        return work.Result;
    }

    [Test]
    public void Load_NinetyThousandUnknownKeys_LinearWorkAndAListOfFifty()
    {
        // When: 40,000 unknown keys took 89 s (a pass over the mapping per key); 90,000 is just under the node limit
        (ScenarioLoadResult big, long bigSteps) = LoadWithUnknownKeys(90_000);
        (_, long smallSteps) = LoadWithUnknownKeys(45_000);

        // Then: twice the keys, about twice the work (a quadratic step would make it four times)
        Assert.That((double)bigSteps / smallSteps, Is.LessThan(2.2), $"{smallSteps} → {bigSteps} steps");
        Assert.That(bigSteps, Is.LessThan(100L * 90_000));
        Assert.That(big.IsValid, Is.False);
        Assert.That(big.Diagnostics, Has.Count.EqualTo(ScenarioLimits.MaxListedErrors + 1));
        Assert.That(big.Diagnostics[0].ToString(), Does.StartWith("s.yaml:13:3: error: deployment.unknown_key_0 is not a known key"));
        Assert.That(big.Diagnostics[^1].ToString(), Is.EqualTo("s.yaml: error: ... and 89950 more errors not listed (only the first 50 of each are); fix these and validate again"));
    }

    [Test]
    public void Validate_ManyUnknownKeys_PrintsFiftyLinesAndACount()
    {
        // Given
        var sb = new StringBuilder(Valid);
        for (int i = 0; i < 5000; i++)
        {
            sb.Append("key_").Append(i).Append(": 1\n");
        }

        // When
        var r = Validate(sb.ToString());

        // Then
        Assert.That(r.Code, Is.EqualTo(ExitCodes.BadInput));
        string[] lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(51));
        Assert.That(lines[^1], Does.EndWith(": error: ... and 4950 more errors not listed (only the first 50 of each are); fix these and validate again"));
    }

    [Test]
    public void Load_LongUnknownKeysAndZoneNames_SuggestionsStayBounded()
    {
        // Given: keys and zone names of 50,000 characters (an edit distance of each pair would be 2.5·10^9 steps)
        string longName = new('z', 50_000);
        string text = Valid.Replace("zones: [az1, az2]", $"zones: [{longName}a, {longName}b]", StringComparison.Ordinal)
            + $"{longName}: 1\nfailures:\n  zone_outages: [{{ zone: {longName}c, at: 1h, duration: 1h }}]\n";

        // When
        long before = LoadWork.Steps;
        ScenarioLoadResult r = ScenarioLoader.LoadText(text, "s.yaml");
        long steps = LoadWork.Steps - before;

        // Then
        Assert.That(r.IsValid, Is.False);
        Assert.That(steps, Is.LessThan(1_000_000));
    }

    // ---- hostile YAML ---------------------------------------------------------------------------

    [Test]
    public void Validate_AliasesNestingBeyondTheDepthLimit_IsRefused()
    {
        // Given: each anchor nests the one before 40 levels deeper, so the expanded tree is 4,000 levels deep
        var sb = new StringBuilder(Valid).Append("x0: &a0 [1]\n");
        for (int i = 1; i < 100; i++)
        {
            sb.Append('x').Append(i).Append(": &a").Append(i).Append(' ').Append('[', 40).Append("*a").Append(i - 1).Append(']', 40).Append('\n');
        }

        // When
        var r = Validate(sb.ToString());

        // Then: refused at the alias that nests too deep
        AssertBadInput(r, "FILE:20:", "error: nesting deeper than 64 levels (aliases expanded); the file is refused");
    }

    [Test]
    public void Validate_VeryLongScalar_IsRefused()
    {
        // When
        var r = Validate(Valid.Replace("name: t", "name: " + new string('x', 200_000), StringComparison.Ordinal));

        // Then
        AssertBadInput(r, "FILE:1:7: ", "error: a value of 200000 characters is over the limit of 100000");
    }
}
