using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using HdrHistogram;
using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

/// <summary>
/// Spreadsheet formula injection: text from a scenario (zone and source names, sweep values, plan
/// targets) reaches CSV files. Every text cell starting like a formula is written guarded by the
/// OWASP rule — a leading <c>'</c>, in quotes — numbers stay as they are, and LookoutSim's own
/// readers give back the exact text.
/// </summary>
public sealed class CsvCellsTests
{
    /// <summary>Names a spreadsheet would run as formulas.</summary>
    private static readonly string[] Formulas = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+1+1", "-2+3", "=1+2", "\t=1", "\r=1"];

    [TestCase("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [TestCase("@SUM(A1)", "\"'@SUM(A1)\"")]
    [TestCase("+1+1", "\"'+1+1\"")]
    [TestCase("-2+3", "\"'-2+3\"")]
    [TestCase("\tx", "\"'\tx\"")]
    [TestCase("'=x", "\"''=x\"")]
    [TestCase("-5%", "\"'-5%\"")]
    public void Field_FormulaText_GuardedAndQuoted(string text, string field)
    {
        Assert.That(CsvCells.Field(text), Is.EqualTo(field));
    }

    [TestCase("-1.5")]
    [TestCase("-3e-5")]
    [TestCase("+2")]
    [TestCase("-0.5E+10")]
    [TestCase("-.5")]
    [TestCase("us-east-1a")]
    [TestCase("scale_out")]
    [TestCase("")]
    [TestCase("'")]
    [TestCase("a=b")]
    public void Field_NumbersAndPlainText_Unchanged(string text)
    {
        Assert.That(CsvCells.Field(text), Is.EqualTo(text));
    }

    [Test]
    public void Read_OfText_GivesBackTheExactValue_ForAnyString()
    {
        Gen<string> pieces = Gen.Elements("'", "=", "+", "-", "@", "\t", "\r", "1", ".", "e", "a", ",", "\"", " ");
        Gen<string> texts = Gen.ListOf(pieces).Select(p => string.Concat(p));
        Prop.ForAll(texts.ToArbitrary(), t => CsvCells.Read(CsvCells.Text(t)) == t)
            .QuickCheckThrowOnFailure();
        Prop.ForAll<string>(t => t is null || CsvCells.Read(CsvCells.Text(t)) == t).QuickCheckThrowOnFailure();
    }

    [Test]
    public void Text_AnyString_NeverStartsLikeAFormulaUnlessANumber()
    {
        Prop.ForAll<string>(t =>
        {
            string cell = CsvCells.Text(t);
            return cell.Length == 0 || !CsvCells.Triggers.Contains(cell[0], StringComparison.Ordinal) || CsvCells.IsPlainNumber(cell);
        }).QuickCheckThrowOnFailure();
    }

    // ---- every file of a results folder ----------------------------------------------------------

    /// <summary>A scenario whose zone and traffic source names are formulas, run through the command line.</summary>
    private static string RunHostileScenario(TempDir dir)
    {
        string scenario = dir["hostile.yaml"];
        File.WriteAllText(scenario, """
            name: hostile
            seed: 1
            horizon: 10m
            replications: 2
            service: { base: 45ms }
            traffic:
              - name: '@SUM(A1)'
                pattern: poisson
                rate: 6/s
            deployment:
              zones: ['=HYPERLINK("http://x","y")', '+1+1', '-2+3']
              min_units: 3
            failures:
              zone_outages:
                - { zone: '-2+3', at: 2m, duration: 3m }
            """);
        string output = dir["out"];
        var err = new StringWriter();
        int code = CommandLine.Run(["run", scenario, "--out", output, "--trace-requests", "50%", "--quiet"], new StringWriter(), err);
        Assert.That(code, Is.EqualTo(0), err.ToString());
        return output;
    }

    /// <summary>Every cell of a CSV file as written (quotes removed, guard kept).</summary>
    private static List<string[]> Cells(string path) =>
        [.. LineNumberedCsv.Records(File.ReadAllText(path)).Select(r => r.Fields)];

    private static void AssertNoFormulaCell(string path)
    {
        foreach (string[] row in Cells(path))
        {
            foreach (string cell in row)
            {
                Assert.That(cell.Length == 0 || !CsvCells.Triggers.Contains(cell[0], StringComparison.Ordinal) || CsvCells.IsPlainNumber(cell),
                    Is.True, $"{Path.GetFileName(path)}: cell '{cell}' would run as a formula");
            }
        }
    }

    [Test]
    public void Run_ZoneAndSourceNamedLikeFormulas_ZonesEventsRequestsCellsNeutralised()
    {
        // Given / When
        using var dir = new TempDir();
        string output = RunHostileScenario(dir);

        // Then: the cells on disk are guarded, in quotes
        string zones = File.ReadAllText(Path.Combine(output, "zones.csv"));
        Assert.That(zones, Does.Contain(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","));
        Assert.That(zones, Does.Contain(",\"'+1+1\","));
        Assert.That(zones, Does.Contain(",\"'-2+3\","));
        Assert.That(File.ReadAllText(Path.Combine(output, "events.csv")), Does.Contain(",zone_down,\"'-2+3\","));
        string requests = File.ReadAllText(Path.Combine(output, "requests.csv"));
        Assert.That(requests, Does.Contain(",\"'@SUM(A1)\","));
        foreach (string file in Directory.GetFiles(output, "*.csv"))
        {
            AssertNoFormulaCell(file);
        }

        // and numbers are still numbers (a negative value is not guarded)
        Assert.That(requests, Does.Not.Contain("'0").And.Not.Contain("'1"));
    }

    [Test]
    public void Run_ZoneNamedLikeFormula_PlotReadsBackTheExactNames()
    {
        // Given
        using var dir = new TempDir();
        string output = RunHostileScenario(dir);

        // When: read back as plot and report do
        RunResult back = ResultsReader.Read(output);

        // Then
        Assert.That(back.Zones, Is.EqualTo(new[] { "=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3" }));
        Assert.That(back.Replications[0].Events.Where(e => e.Kind == "zone_down").Select(e => e.Zone), Is.EqualTo(new[] { "-2+3" }));
        Assert.That(CommandLine.Run(["plot", output], new StringWriter(), new StringWriter()), Is.EqualTo(0));
    }

    /// <summary>A result whose measure names and units are formulas (summary.csv, replications.csv).</summary>
    private static RunResult WithHostileMeasures()
    {
        RunResult small = FakeResults.Small();
        var reps = small.Replications.Select(r => new ReplicationResult
        {
            Replication = r.Replication,
            Measures = new Dictionary<string, double>(r.Measures) { ["=cmd|' /C calc'!A0"] = -1.5, ["@SUM(A1)"] = -3e-5 },
            LatencyMicros = new LongHistogram(1, 3_600_000_000L, 3),
        }).ToList();
        return new RunResult
        {
            Version = small.Version,
            Scenario = small.Scenario,
            ScenarioSha256 = small.ScenarioSha256,
            Seed = small.Seed,
            HorizonS = small.HorizonS,
            WarmupS = small.WarmupS,
            Metrics = [.. small.Metrics, new MetricSummary("+1+1", "-2+3", -1.5, -2, -1, -3e-5, 4)],
            Replications = reps,
        };
    }

    [Test]
    public void SummaryCsv_FormulaMeasureNameAndUnit_NeutralisedAndReadBackExactly()
    {
        // Given
        using var dir = new TempDir();
        string path = dir["summary.csv"];

        // When
        ResultsCsv.WriteSummary(WithHostileMeasures(), path);

        // Then
        Assert.That(File.ReadAllText(path), Does.Contain("\n\"'+1+1\",\"'-2+3\",-1.5,-2,-1,-3E-05,4,,,,,\n"));
        AssertNoFormulaCell(path);
        MetricSummary back = ResultsSummaryReader.ReadSummaryCsv(path).Single(m => m.Name == "+1+1");
        Assert.That(back, Is.EqualTo(new MetricSummary("+1+1", "-2+3", -1.5, -2, -1, -3e-5, 4)));
    }

    [Test]
    public void ReplicationsCsv_FormulaMeasureName_NeutralisedAndReadBackExactly()
    {
        // Given
        using var dir = new TempDir();
        RunResult result = WithHostileMeasures();
        ResultsFolder.Write(result, dir["run"], new ResultsWriteOptions { Force = false, Charts = false });

        // Then
        string path = Path.Combine(dir["run"], "replications.csv");
        Assert.That(File.ReadAllLines(path)[0], Does.Contain(",\"'=cmd|' /C calc'!A0\"").And.Contain(",\"'@SUM(A1)\""));
        AssertNoFormulaCell(path);
        RunResult back = ResultsReader.Read(dir["run"]);
        Assert.That(back.Replications[0].Measures["=cmd|' /C calc'!A0"], Is.EqualTo(-1.5));
        Assert.That(back.Replications[1].Measures["@SUM(A1)"], Is.EqualTo(-3e-5));
    }

    // ---- sweep, point and plan files -------------------------------------------------------------

    private static SweepTable HostileSweep()
    {
        var metrics = MeasureNames.All.Select(m => new MetricSummary(m.Name, m.Unit, -1.5, -2, -1, double.NaN, double.NaN)).ToList();
        SweepTableRow Row(int i, string value) =>
            new(i, new SweepPoint(string.Create(CultureInfo.InvariantCulture, $"p{i}"), [new("traffic[x].rate", value)]), metrics);
        return new SweepTable(["traffic[x].rate"], [.. Formulas.Select((f, i) => Row(i, f)), Row(Formulas.Length, "-3e-5")]);
    }

    [Test]
    public void SweepCsv_FormulaFieldValues_NeutralisedAndReadBackExactly()
    {
        // Given
        using var dir = new TempDir();
        SweepTable table = HostileSweep();

        // When
        SweepCsv.Write(table, dir.Path);

        // Then
        string path = dir["sweep.csv"];
        string text = File.ReadAllText(path);
        Assert.That(text, Does.Contain("\np0,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-1.5,"));
        Assert.That(text, Does.Contain("\np1,\"'@SUM(A1)\","));
        Assert.That(text, Does.Contain($"\np{Formulas.Length},-3e-5,-1.5,"));
        AssertNoFormulaCell(path);
        SweepTable back = SweepCsv.Read(path);
        Assert.That(back.Rows.Select(r => r.Field("traffic[x].rate")), Is.EqualTo(table.Rows.Select(r => r.Field("traffic[x].rate"))));
        Assert.That(SweepCsv.Format(back), Is.EqualTo(text));

        // and compare reads the same values
        ResultsSet set = ResultsSummaryReader.ReadSweep(dir.Path, path);
        Assert.That(set.Points.Select(p => p.Parameters[0].Value), Is.EqualTo(table.Rows.Select(r => r.Field("traffic[x].rate"))));
    }

    [Test]
    public void PlanCsv_ZoneNamedLikeFormula_EveryCellWholeAndNoneAFormula()
    {
        // Given: a plan with zones named like formulas, zone loss checked
        string folder = LookoutSim.Tests.Experiments.SweepTestSupport.TempFolder("plan-csv");
        string spec = LookoutSim.Tests.Experiments.SweepTestSupport.PlanScenarioFile(folder, """'=HYPERLINK("http://x","y")', '@SUM(A1)', '-2+3'""");
        string output = Path.Combine(folder, "plan");

        // When
        var err = new StringWriter();
        int code = CommandLine.Run(["plan", spec, "--zone-loss", "--out", output, "--quiet", "--min-replications", "2", "--max-replications", "4", "--units-limit", "6"], new StringWriter(), err);

        // Then
        Assert.That(code, Is.AnyOf(0, 1), err.ToString());
        string path = Path.Combine(output, "plan.csv");
        AssertNoFormulaCell(path);
        List<string[]> rows = Cells(path);
        Assert.That(rows.Select(r => r.Length).Distinct(), Is.EqualTo(new[] { rows[0].Length }), "every row has the header's cells: a zone name with a comma is quoted");
        int failedCase = Array.IndexOf(rows[0], "failed_case");
        Assert.That(rows.Select(r => r[failedCase]), Does.Contain("zone_loss:=HYPERLINK(\"http://x\",\"y\")"));
    }
}
