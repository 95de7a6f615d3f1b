using LookoutSim.Cli;
using LookoutSim.Output;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// Nothing from a scenario, a trace or a results file reaches the terminal as a raw control
/// character (an escape sequence, a bell, a NUL, a bidirectional override), and a huge value does
/// not make a huge message.
/// </summary>
public sealed class TerminalSafetyTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lookoutsim-terminal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void AssertNoRawControl(string text)
    {
        char bad = text.FirstOrDefault(c => DisplayText.IsUnsafe(c) && c is not '\n' and not '\r');
        Assert.That(bad, Is.EqualTo('\0'), $"raw U+{(int)bad:X4} in: {DisplayText.Safe(text, 400)}");
        Assert.That(text.Contains('\0', StringComparison.Ordinal), Is.False, "raw NUL");
    }

    private string Scenario(string name, string zone, string outageZone)
    {
        string file = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(file, $"""
            name: "{name}"
            seed: 1
            horizon: 10m
            replications: 2
            service: {"{"} base: 45ms {"}"}
            traffic:
              - {"{"} name: cam, pattern: poisson, rate: 2/s {"}"}
            deployment:
              zones: ["{zone}"]
              min_units: 1
            failures:
              zone_outages:
                - {"{"} zone: "{outageZone}", at: 2m, duration: 1m {"}"}
            """);
        return file;
    }

    [Test]
    public void Validate_ZoneWithEscapeSequenceAndBell_StderrHasNoRawControlBytes()
    {
        // Given: an outage naming a zone "\e[31mred\a" that the deployment does not have (YAML escapes)
        string file = Scenario("line", "az-1", "\\e[31mred\\a");

        // When
        (int exit, string output, string err) = Run("validate", file);

        // Then: the diagnostic quotes the zone, escaped
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain("\\x1b[31mred\\x07"));
        AssertNoRawControl(err);
        AssertNoRawControl(output);
    }

    [Test]
    public void Validate_ValueOf4096Nuls_StderrShortAndWithoutNul()
    {
        // Given: an outage zone of 4,096 NULs
        string file = Scenario("line", "az-1", string.Concat(Enumerable.Repeat("\\0", 4096)));

        // When
        (int exit, _, string err) = Run("validate", file);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput), err);
        AssertNoRawControl(err);
        Assert.That(err, Has.Length.LessThan(1500), err);
        Assert.That(err, Does.Contain("\\x00×"), "the run of NULs is shown as one escape and a count");
    }

    [Test]
    public void Run_ScenarioNameWithEscapeSequenceBellAndBidiOverride_TerminalGetsEscapes()
    {
        // Given: a valid scenario whose name and zone hold ESC [31m, BEL and U+202E
        string file = Scenario("line\\e[31m\\a\\u202Eevil", "az\\e]0;title\\a", "az\\e]0;title\\a");

        // When
        (int exit, string output, string err) = Run("run", file, "--out", Path.Combine(_dir, "out"));

        // Then: shown escaped, in the summary table (or in the diagnostic if such a name is refused)
        Assert.That(exit, Is.AnyOf(ExitCodes.Ok, ExitCodes.BadInput), err);
        AssertNoRawControl(output);
        AssertNoRawControl(err);
        Assert.That(output + err, Does.Contain("line\\x1b[31m\\x07\\u202eevil"));
    }

    [Test]
    public void ErrorMessage_WithControlCharacters_EscapedByCommandLine()
    {
        // Given: a results folder that does not exist, named with an escape sequence (echoed in the error)
        string folder = Path.Combine(_dir, "no\u001b[2Jsuch\u0007");

        // When
        (int exit, _, string err) = Run("plot", folder);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("no\\x1b[2Jsuch\\x07"));
        AssertNoRawControl(err);
    }

    [TestCase("a\u001b[31mb\u0007", "a\\x1b[31mb\\x07")]
    [TestCase("\u202eabc\u2066", "\\u202eabc\\u2066")]
    [TestCase("tab\there", "tab\\there")]
    [TestCase("line\nbreak", "line\\nbreak")]
    [TestCase("\u0085c1\u007f", "\\x85c1\\x7f")]
    [TestCase("plain é ✓", "plain é ✓")]
    public void Safe_ControlCharacters_ShownAsEscapes(string value, string shown)
    {
        Assert.That(DisplayText.Safe(value), Is.EqualTo(shown));
    }

    [Test]
    public void Safe_LongValue_CutWithEllipsisAndCount()
    {
        string shown = DisplayText.Safe(new string('x', 5000), 100);
        Assert.That(shown, Is.EqualTo(new string('x', 100) + "… (4900 more characters)"));
    }

    [Test]
    public void SafeMessage_KeepsLineBreaksAndCutsEachLine()
    {
        string shown = DisplayText.SafeMessage("first\r\n" + new string('y', 3000) + "\nthird\u001b", 50);
        string[] lines = shown.Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Is.EqualTo("first"));
        Assert.That(lines[1], Does.StartWith(new string('y', 50) + "…"));
        Assert.That(lines[2], Is.EqualTo("third\\x1b"));
    }

    [Test]
    public void TerminalWriter_RawControlsAndLongLines_EscapedAndCut()
    {
        // Given
        var inner = new StringWriter();
        using var writer = new TerminalWriter(inner, 40);

        // When
        writer.Write("progress\r");
        writer.WriteLine("bell\u0007 nul\0\0\0\0\0 esc\u001b[0m");
        writer.WriteLine(new string('z', 100));
        writer.Write('\u202e');

        // Then
        string text = inner.ToString();
        AssertNoRawControl(text);
        Assert.That(text, Does.StartWith("progress\rbell\\x07 nul\\x00×5 esc\\x1b[0m"));
        Assert.That(text, Does.Contain(new string('z', 40) + "… (line cut)"));
        Assert.That(text, Does.EndWith("\\u202e"));
    }
}
