using System.Text;
using LookoutSim.Cli;
using LookoutSim.Tests.Scenarios;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// Every error class of the scenario spec, through the command line: exact file:line:column and
/// field path, exit code 2, no stack trace, nothing written.
/// </summary>
public sealed class ValidateCommandTests
{
    // Line numbers below refer to this text.
    private const string Valid = """
        name: t
        horizon: 1d
        service:
          base: 45ms
        images:
          - { share: 80%, width: 2048, height: 1536, size: 1.2MB }
          - { share: 20%, width: 4096, height: 3072, size: 4.8MB }
        traffic:
          - name: camera
            pattern: poisson
            rate: 6/s
        deployment:
          zones: [az1, az2]
          min_units: 2
          max_units: 4
        failures:
          zone_outages:
            - { zone: az2, at: 2h, duration: 1h }

        """;

    private string temp = string.Empty;

    [SetUp]
    public void SetUp() => temp = ScenarioFiles.NewTempFolder();

    [TearDown]
    public void TearDown() => Directory.Delete(temp, recursive: true);

    private static string Edit(int line, string replacement)
    {
        var lines = Valid.Split('\n').ToList();
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    private (int Code, string Out, string Err, string File) Validate(string content, string name = "s.yaml", params string[] extra)
        => ValidateBytes(Encoding.UTF8.GetBytes(content), name, extra);

    private (int Code, string Out, string Err, string File) ValidateBytes(byte[] content, string name = "s.yaml", params string[] extra)
    {
        string file = Path.Combine(temp, name);
        File.WriteAllBytes(file, content);
        string[] before = Directory.GetFileSystemEntries(temp, "*", SearchOption.AllDirectories);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run(["validate", file, .. extra], stdout, stderr);
        string[] after = Directory.GetFileSystemEntries(temp, "*", SearchOption.AllDirectories);
        Assert.That(after, Is.EquivalentTo(before), "validate wrote nothing");
        return (code, stdout.ToString(), stderr.ToString(), file);
    }

    private static void AssertBadInput((int Code, string Out, string Err, string File) r, string expectedLine)
    {
        Assert.That(r.Code, Is.EqualTo(ExitCodes.BadInput), r.Err);
        Assert.That(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Some.EqualTo(r.File + expectedLine), r.Err);
        Assert.That(r.Err, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(r.Err, Does.Not.Contain("Exception"), "no exception names");
    }

    [Test]
    public void Validate_ValidFile_ExitsZeroAndSaysOk()
    {
        // When
        var r = Validate(Valid);

        // Then
        Assert.That(r.Code, Is.EqualTo(ExitCodes.Ok), r.Err);
        Assert.That(r.Err, Is.Empty);
        Assert.That(r.Out, Does.Contain("s.yaml: ok (t)"));
    }

    [Test]
    public void Validate_YamlSyntaxError_ReportsWhereReadingFailed()
    {
        // Given: a tab-indented line is not YAML
        var r = Validate(Edit(11, "    rate: 6/s\n\t bad: 1"));

        // Then: at the tab itself (the scanner stops at the end of the value on the line before)
        AssertBadInput(r, ":12:1: error: YAML syntax error: a tab character indents this line; YAML indents with spaces only (replace the tab with spaces)");
    }

    [Test]
    public void Validate_UnclosedFlowListAtEnd_IsASyntaxErrorNotACrash()
    {
        // Given: the YAML library throws a non-YAML exception on this one
        var r = Validate("name: t\nhorizon: 1d\ntraffic:\n  - name: camera\n    rate: [6/s\ndeployment:\n  min_units: 2\n");

        // Then
        AssertBadInput(r, ":5:11: error: YAML syntax error: the text cannot be read after this point (an unclosed [ or { or quote?)");
    }

    [Test]
    public void Validate_WrongScalarType_NamesPathAndValue()
    {
        AssertBadInput(Validate(Edit(14, "  min_units: two")), ":14:14: error: deployment.min_units (two) is not an integer");
    }

    [Test]
    public void Validate_ListWhereScalarExpected_NamesWhatWasFound()
    {
        AssertBadInput(Validate(Edit(13, "  zones: az1")), ":13:10: error: deployment.zones should be a list, found 'az1'");
    }

    [Test]
    public void Validate_BareNumberDuration_IsRefusedAsAmbiguous()
    {
        AssertBadInput(Validate(Edit(2, "horizon: 90")), ":2:10: error: horizon (90) is a bare number, which is ambiguous; write a number with a unit: 250ms, 90s, 15m, 2h, 7d, 1h30m or ISO 8601 PT15M");
    }

    [Test]
    public void Validate_UnknownKey_SuggestsNearestKnownKey()
    {
        AssertBadInput(Validate(Edit(14, "  min_unit: 2")), ":14:3: error: deployment.min_unit is not a known key; did you mean min_units?");
    }

    [Test]
    public void Validate_RepeatedKey_PointsAtSecondWithFirstLine()
    {
        AssertBadInput(Validate(Edit(15, "  max_units: 4\n  min_units: 3")), ":16:3: error: deployment.min_units is given twice (first at line 14); give each key once");
    }

    [Test]
    public void Validate_OutOfRange_SaysTheLimit()
    {
        AssertBadInput(Validate(Edit(14, "  min_units: 0")), ":14:14: error: deployment.min_units (0) is below the least allowed, 1");
    }

    [Test]
    public void Validate_MaxBelowMin_ReportsAtMax()
    {
        AssertBadInput(Validate(Edit(15, "  max_units: 1")), ":15:14: error: deployment.max_units (1) is below deployment.min_units (2)");
    }

    [Test]
    public void Validate_SharesNotHundredPercent_ReportsAtTheList()
    {
        AssertBadInput(
            Validate(Edit(7, "  - { share: 30%, width: 4096, height: 3072, size: 4.8MB }")),
            ":6:3: error: images shares add up to 110%; they must add up to 100%");
    }

    [Test]
    public void Validate_OutageInUnknownZone_NamesTheDeploymentZones()
    {
        AssertBadInput(
            Validate(Edit(18, "    - { zone: az3, at: 2h, duration: 1h }")),
            ":18:15: error: failures.zone_outages[0].zone (az3) is not a zone of the deployment; did you mean az1?");
    }

    [Test]
    public void Validate_FieldOfAnotherPattern_SaysWhichPatternItBelongsTo()
    {
        AssertBadInput(Validate(Edit(11, "    rate: 6/s\n    clients: 4")), ":12:5: error: traffic[0].clients is not used by pattern poisson; it belongs to pattern closed");
    }

    [Test]
    public void Validate_RepeatedSourceName_PointsAtTheSecond()
    {
        AssertBadInput(
            Validate(Edit(11, "    rate: 6/s\n  - { name: camera, pattern: poisson, rate: 1/s }")),
            ":12:13: error: traffic[1].name (camera) is already the name of traffic[0]; names must be unique");
    }

    [Test]
    public void Validate_ScheduleEntryWithoutTime_AsksForCronOrAt()
    {
        AssertBadInput(Validate(Valid + "schedule:\n  - { action: start }\n"), ":20:5: error: schedule[0] needs cron (a repeating time) or at (one offset)");
    }

    [Test]
    public void Validate_BadCron_SaysHowManyFields()
    {
        AssertBadInput(
            Validate(Valid + "schedule:\n  - { cron: \"0 6 * *\", action: start }\n"),
            ":20:13: error: schedule[0].cron (0 6 * *) has 4 fields; a cron expression has 5: minute hour day-of-month month day-of-week, e.g. \"0 6 * * MON-FRI\"");
    }

    [Test]
    public void Validate_MissingRequiredKey_ReportsAtItsSection()
    {
        AssertBadInput(Validate(Edit(14, "  queue_per_unit: 4")), ":13:3: error: deployment.min_units is required; it should be an integer");
    }

    [Test]
    public void Validate_MissingTraceFile_NamesWhereItLooked()
    {
        // Given
        string text = Edit(10, "    pattern: trace\n    file: traces/none.csv").Replace("    rate: 6/s\n", string.Empty, StringComparison.Ordinal);

        // When
        var r = Validate(text);

        // Then
        AssertBadInput(r, $":11:11: error: traffic[0].file (traces/none.csv) does not exist (looked for {Path.Combine(temp, "traces", "none.csv")})");
    }

    [Test]
    public void Validate_TraceFileWithoutTheColumn_ListsItsColumns()
    {
        // Given
        Directory.CreateDirectory(Path.Combine(temp, "traces"));
        File.WriteAllText(Path.Combine(temp, "traces", "t.csv"), "timestamp,n\n0,1\n");
        string text = Edit(10, "    pattern: trace\n    file: traces/t.csv").Replace("    rate: 6/s\n", string.Empty, StringComparison.Ordinal);

        // Then
        AssertBadInput(Validate(text), ":11:11: error: traffic[0].column (time_s) is not a column of traces/t.csv; its columns are timestamp, n");
    }

    [Test]
    public void Validate_UnreadableTraceFile_IsReported()
    {
        // Given: the trace "file" is a folder
        Directory.CreateDirectory(Path.Combine(temp, "traces", "dir.csv"));
        string text = Edit(10, "    pattern: trace\n    file: traces/dir.csv").Replace("    rate: 6/s\n", string.Empty, StringComparison.Ordinal);

        // When
        var r = Validate(text);

        // Then
        Assert.That(r.Err, Does.StartWith(r.File + ":11:11: error: traffic[0].file (traces/dir.csv) "), r.Err);
        Assert.That(r.Code, Is.EqualTo(ExitCodes.BadInput));
    }

    [TestCase("")]
    [TestCase("# only a comment\n\n")]
    [TestCase("---\n")]
    public void Validate_EmptyFile_SaysEmpty(string content)
    {
        AssertBadInput(Validate(content), ":1:1: error: file is empty; a scenario needs at least name, horizon, service, traffic and deployment.min_units");
    }

    [Test]
    public void Validate_ProseNotYaml_SaysNotAScenario()
    {
        AssertBadInput(
            Validate("This is the capacity plan for line 3, see the wiki.\n"),
            ":1:1: error: this is not a scenario: expected a mapping of keys (name:, horizon:, traffic:, …), found a single value");
    }

    [Test]
    public void Validate_BinaryData_IsRefusedBeforeParsing()
    {
        // Given: a PNG header
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        // Then
        AssertBadInput(ValidateBytes(png, "image.yaml"), ":1:1: error: file is not a YAML text file (binary data: a NUL byte at offset 8)");
    }

    [Test]
    public void Validate_InvalidUtf8_IsRefused()
    {
        AssertBadInput(ValidateBytes([(byte)'a', (byte)':', (byte)' ', 0xC3, 0x28], "latin.yaml"), ":1:1: error: file is not a YAML text file (not UTF-8 at byte offset 3)");
    }

    [Test]
    public void Validate_AliasBomb_IsRefusedInBoundedMemory()
    {
        // Given: the "billion laughs": 9^9 nodes once expanded
        var sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        string prev = "a";
        foreach (char c in "bcdefghi")
        {
            sb.Append(c).Append(": &").Append(c).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + prev, 9))).Append("]\n");
            prev = c.ToString();
        }

        // When
        long before = GC.GetAllocatedBytesForCurrentThread();
        var r = Validate(sb.ToString());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then: refused at the alias that crosses the limit, having built a bounded tree
        AssertBadInput(r, ":6:11: error: aliases expand to more than 200000 nodes (an alias bomb?); the file is refused");
        Assert.That(allocated, Is.LessThan(500_000_000));
    }

    [Test]
    public void Validate_DeepNesting_IsRefused()
    {
        AssertBadInput(Validate("name: " + new string('[', 100) + new string(']', 100) + "\n"), ":1:70: error: nesting deeper than 64 levels; the file is refused");
    }

    [Test]
    public void Validate_HugeFile_IsRefusedWithoutReadingIt()
    {
        // Given: a 100 MB file (sparse, so the test is quick)
        string file = Path.Combine(temp, "huge.yaml");
        using (var fs = new FileStream(file, FileMode.Create))
        {
            fs.SetLength(100_000_000);
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // When
        long before = GC.GetAllocatedBytesForCurrentThread();
        int code = CommandLine.Run(["validate", file], stdout, stderr);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr.ToString(), Does.StartWith($"{file}:1:1: error: {file} is 100.0 MB; scenario files are limited to 4 MiB"));
        Assert.That(allocated, Is.LessThan(10_000_000));
    }

    [Test]
    public void Validate_EndlessDevice_IsRefusedAfterTheLimit()
    {
        // Given: a "file" whose length says 0 but never ends
        if (!File.Exists("/dev/zero"))
        {
            Assert.Ignore("no /dev/zero on this system");
        }

        var stderr = new StringWriter();

        // When
        int code = CommandLine.Run(["validate", "/dev/zero"], new StringWriter(), stderr);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr.ToString().Trim(), Is.EqualTo("/dev/zero:1:1: error: /dev/zero is too large; scenario files are limited to 4 MiB"));
    }

    [Test]
    public void Validate_SecondDocument_IsRefused()
    {
        AssertBadInput(Validate(Valid + "---\nname: u\n"), ":19:1: error: a scenario file holds one YAML document; found a second one (---)");
    }

    [Test]
    public void Validate_MissingFile_SaysSoWithoutPosition()
    {
        // When
        var stderr = new StringWriter();
        string file = Path.Combine(temp, "none.yaml");
        int code = CommandLine.Run(["validate", file], new StringWriter(), stderr);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr.ToString().Trim(), Is.EqualTo($"{file}: error: {file} does not exist"));
    }

    [Test]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        // Given: four independent problems
        string text = Edit(2, "horizon: 90").Replace("  min_units: 2", "  min_units: 5", StringComparison.Ordinal)
            .Replace("    rate: 6/s", "    rate: 6/sec\n    rat: 1", StringComparison.Ordinal)
            .Replace("  base: 45ms", "  base: 45ms\n  cv: 0", StringComparison.Ordinal);

        // When
        var r = Validate(text);

        // Then
        string[] lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4), r.Err);
        Assert.That(lines, Has.Some.Contains(":2:10: error: horizon (90)"));
        Assert.That(lines, Has.Some.Contains(":5:7: error: service.cv (0) must be more than 0"));
        Assert.That(lines, Has.Some.Contains(":13:5: error: traffic[0].rat is not a known key; did you mean rate?"));
        Assert.That(lines, Has.Some.Contains(":17:14: error: deployment.max_units (4) is below deployment.min_units (5)"));
        Assert.That(lines.Select(l => int.Parse(l[(r.File.Length + 1)..].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered, "top to bottom");
    }

    [Test]
    public void Validate_SeveralFiles_PrintsAllAndFailsIfAnyFails()
    {
        // Given
        string good = Path.Combine(temp, "good.yaml");
        string bad = Path.Combine(temp, "bad.yaml");
        File.WriteAllText(good, Valid);
        File.WriteAllText(bad, Edit(14, "  min_units: two"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // When
        int code = CommandLine.Run(["validate", good, bad], stdout, stderr);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stdout.ToString(), Does.Contain("good.yaml: ok"));
        Assert.That(stderr.ToString(), Does.Contain("bad.yaml:14:14"));
    }

    [Test]
    public void Validate_SetOverride_AppliesAndBadOneNamesSet()
    {
        // When
        var ok = Validate(Valid, "s.yaml", "--set", "deployment.min_units=3");
        var bad = Validate(Valid, "t.yaml", "--set", "deployment.max_units=1");

        // Then
        Assert.That(ok.Code, Is.EqualTo(ExitCodes.Ok), ok.Err);
        Assert.That(bad.Code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(bad.Err.Trim(), Is.EqualTo("--set deployment.max_units=1: error: deployment.max_units (1) is below deployment.min_units (2)"));
    }

    [Test]
    public void Validate_EverySample_IsValid()
    {
        // When
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run(["validate", .. ScenarioFiles.SampleFiles()], stdout, stderr);

        // Then the only warning is the one spec-example.yaml's comment acknowledges: the spec's 06:00 start with night traffic
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr.ToString());
        string[] warnings = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(warnings, Has.Length.EqualTo(1), stderr.ToString());
        Assert.That(warnings[0], Does.Contain("spec-example.yaml:").And.Contain("warning: schedule[0].cron starts the model"));
    }
}
