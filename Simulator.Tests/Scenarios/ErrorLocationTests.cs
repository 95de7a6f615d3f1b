using LookoutSim.Scenarios;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Scenarios;

/// <summary>
/// Layout mistakes a planner makes by hand are reported at the line and column where they are, in
/// words: a tab in the indentation, an empty required section, a line indented too deep or between two
/// blocks, and a <c>--set</c> naming a traffic source the file does not have.
/// </summary>
public sealed class ErrorLocationTests
{
    // Line numbers of this text are used below: 'service:' is line 9, 'traffic:' line 15.
    private static readonly string[] Lines =
    [
        "# yaml-language-server: $schema=../scenario.schema.json",
        "#",
        "# a small line",
        "name: located",
        "seed: 1",
        "horizon: 1h",
        "replications: 2",
        "",
        "service:",
        "  base: 45ms",
        "  per_megapixel: 14ms",
        "  per_megabyte: 6ms",
        "  cv: 0.3",
        "",
        "traffic:",
        "  - name: station-1",
        "    pattern: poisson",
        "    rate: 6/s",
        "  - name: station-2",
        "    pattern: poisson",
        "    rate: 2/s",
        "",
        "deployment:",
        "  min_units: 2",
    ];

    private static Diagnostic Single(string[] lines, params string[] sets)
    {
        ScenarioLoadResult loaded = ScenarioLoader.LoadText(string.Join("\n", lines) + "\n", "s.yaml", null, sets);
        Diagnostic[] errors = [.. loaded.Errors];
        Assert.That(errors, Has.Length.EqualTo(1), string.Join("\n", loaded.Diagnostics));
        return errors[0];
    }

    private static string[] With(int line, string text)
    {
        string[] copy = [.. Lines];
        copy[line - 1] = text;
        return copy;
    }

    [Test]
    public void Sample_AsWritten_IsValid()
    {
        ScenarioLoadResult loaded = ScenarioLoader.LoadText(string.Join("\n", Lines) + "\n", "s.yaml");
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Diagnostics));
    }

    [Test]
    public void Tab_IndentingLine12_ReportedAt12_1()
    {
        // Given a tab instead of two spaces on line 12
        Diagnostic d = Single(With(12, "\tper_megabyte: 6ms"));

        // Then: the tab's own place, not the end of the line before
        Assert.That(d.ToString(), Is.EqualTo("s.yaml:12:1: error: YAML syntax error: a tab character indents this line; YAML indents with spaces only (replace the tab with spaces)"));
    }

    [Test]
    public void Tab_AfterSpaces_ReportedAtTheTabsColumn()
    {
        Diagnostic d = Single(With(17, "  \t pattern: poisson"));
        Assert.That((d.Line, d.Column), Is.EqualTo((17, 3)), d.ToString());
    }

    [Test]
    public void EmptyTraffic_ReportedAtItsKey()
    {
        // Given 'traffic:' on line 15 with nothing under it
        string[] lines = [.. Lines.Take(15), .. Lines.Skip(21)];

        // When
        Diagnostic d = Single(lines);

        // Then
        Assert.That(d.ToString(), Is.EqualTo("s.yaml:15:1: error: traffic is empty (nothing is written under it); it should be a list"));
        Assert.That(d.Path, Is.EqualTo("traffic"));
    }

    [Test]
    public void EmptyService_ReportedAtItsKey()
    {
        // Given 'service:' on line 9 left empty (its keys removed)
        string[] lines = [.. Lines.Take(9), .. Lines.Skip(13)];

        // When
        Diagnostic d = Single(lines);

        // Then
        Assert.That((d.Line, d.Column), Is.EqualTo((9, 1)), d.ToString());
        Assert.That(d.Message, Does.StartWith("service is empty (nothing is written under it)"));
    }

    [Test]
    public void MissingTraffic_StillSaysRequired()
    {
        string[] lines = [.. Lines.Take(14), .. Lines.Skip(21)];
        Diagnostic d = Single(lines);
        Assert.That(d.Message, Is.EqualTo("traffic is required; it should be a list"));
    }

    [Test]
    public void OverIndentedKey_ReportedAtItsLineAndColumnInWords()
    {
        // Given per_megabyte indented by 5 instead of 2 under a key that holds a value
        Diagnostic d = Single(With(12, "     per_megabyte: 6ms"));

        // Then
        Assert.That(d.ToString(), Is.EqualTo(
            "s.yaml:12:6: error: YAML syntax error: this line is indented deeper (column 6) than line 11 (column 3), whose value is already given on its line; " +
            "keys of one mapping start in the same column, and only a key ending in ':' opens a deeper block"));
        Assert.That(d.Message, Does.Not.Contain("did not find expected key").And.Not.Contain("invalid mapping"));
    }

    [Test]
    public void OverIndentedKeyInAListItem_ReportedAtItsLine()
    {
        Diagnostic d = Single(With(17, "      pattern: poisson"));
        Assert.That((d.Line, d.Column), Is.EqualTo((17, 7)), d.ToString());
        Assert.That(d.Message, Does.Contain("than line 16 (column 5)"));
    }

    [Test]
    public void OverIndentedTopLevelKey_ReportedAtItsLine()
    {
        Diagnostic d = Single(With(6, "  horizon: 1h"));
        Assert.That((d.Line, d.Column), Is.EqualTo((6, 3)), d.ToString());
    }

    [Test]
    public void FirstKeyOfABlockTooDeep_NextKeyReportedBetweenTheBlocks()
    {
        // Given 'base' at column 4 and the next key at column 3: the parser says "did not find expected key"
        Diagnostic d = Single(With(10, "   base: 45ms"));

        // Then
        Assert.That(d.ToString(), Is.EqualTo(
            "s.yaml:11:3: error: YAML syntax error: this line starts at column 3, between the block at column 1 (line 4) and the one at column 4 (line 10); " +
            "keys of one mapping start in the same column"));
    }

    [Test]
    public void BlockScalarAndFlowList_AreNotMistakenForIndentation()
    {
        // Given a valid file with a block scalar description and a flow list over two lines, then a real error
        string[] lines =
        [
            .. Lines.Take(4),
            "description: |",
            "  two lines",
            "      indented freely",
            .. Lines.Skip(4).Take(19),
            "  zones: [az-1,",
            "          az-2]",
            "  min_units: 2",
            "    max_units: 4",
        ];

        // When
        Diagnostic d = Single(lines);

        // Then: only the last line is wrong
        Assert.That((d.Line, d.Column), Is.EqualTo((lines.Length, 5)), d.ToString());
    }

    [Test]
    public void SetOfUnknownSource_ListsTheNames()
    {
        // When
        Diagnostic d = Single(Lines, "traffic[camera].rate=5/s");

        // Then
        Assert.That(d.ToString(), Is.EqualTo(
            "--set traffic[camera].rate=5/s: error: traffic[camera].rate=5/s: traffic has no item [camera]; the names are station-1, station-2 (or give an index from 0 to 1)"));
    }

    [Test]
    public void SetOfIndexOutOfRange_GivesTheRange()
    {
        Diagnostic d = Single(Lines, "traffic[5].rate=5/s");
        Assert.That(d.Message, Does.EndWith("traffic has no item [5]; the names are station-1, station-2 (or give an index from 0 to 1)"));
    }

    [Test]
    public void Validate_TabOnTheCommandLine_Exit2WithTheLocation()
    {
        // Given
        string file = Path.Combine(Path.GetTempPath(), "lookoutsim-tab-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, string.Join("\n", With(12, "\tper_megabyte: 6ms")) + "\n");
        try
        {
            // When
            var r = CliRun.Run("validate", file);

            // Then
            Assert.That(r.Exit, Is.EqualTo(2));
            Assert.That(r.Err + r.Out, Does.Contain($"{file}:12:1: error: YAML syntax error: a tab character indents this line"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
