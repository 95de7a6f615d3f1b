using System.Globalization;
using System.Text;
using System.Text.Json;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// Writes a <see cref="CompareReport"/>: the plain table of <c>lookoutsim compare</c> on stdout and
/// the GitHub-flavoured markdown of <c>--markdown FILE</c> (a CI job summary).
/// </summary>
public static class ComparisonReportWriter
{
    /// <summary>The full table goes into the markdown only up to this many rows (GitHub caps a job
    /// summary at 1 MiB).</summary>
    public const int MaxMarkdownRows = 2000;

    /// <summary>The rule, in words, printed under every comparison.</summary>
    public const string Rule =
        "a measure regresses when its mean moved by more than its tolerance and the two 95% confidence intervals do not overlap";

    /// <summary>Writes the plain-text table and notes.</summary>
    /// <param name="report">The comparison.</param>
    /// <param name="output">Where to (stdout).</param>
    /// <param name="all">List every measure of every sweep point; by default a sweep lists only
    /// the measures that are not ok (a run always lists every measure).</param>
    public static void WriteText(CompareReport report, TextWriter output, bool all = false)
    {
        output.WriteLine($"baseline: {Describe(report.Baseline)}");
        output.WriteLine($"current:  {Describe(report.Current)}");
        output.WriteLine($"tolerance: {DescribeTolerances(report.Tolerances)}; {Rule}");
        output.WriteLine();

        bool sweep = report.Baseline.Kind == ResultsKind.Sweep;
        List<(PointComparison Point, MeasureComparison Measure)> rows = Rows(report, all || !sweep);
        if (rows.Count == 0)
        {
            output.WriteLine(report.Points.Count == 0
                ? "no point is in both folders: nothing compared"
                : $"every measure of every point is ok ({Counts(report)})");
        }
        else
        {
            var table = new List<string[]>();
            var header = new List<string>();
            if (sweep)
            {
                header.Add("point");
            }

            header.AddRange(["measure", "unit", "baseline mean [95% CI]", "current mean [95% CI]", "change", "tol", "verdict"]);
            table.Add([.. header]);
            foreach ((PointComparison p, MeasureComparison m) in rows)
            {
                var cells = new List<string>();
                if (sweep)
                {
                    cells.Add(p.Id);
                }

                cells.AddRange([m.Measure, m.Unit, Estimate(m.Baseline), Estimate(m.Current), Change(m.Change),
                    CompareTolerances.Format(m.Tolerance), VerdictText(m.Verdict)]);
                table.Add([.. cells]);
            }

            WriteAligned(table, output, rightAligned: sweep ? [3, 4, 5, 6] : [2, 3, 4, 5]);
            if (sweep && !all)
            {
                output.WriteLine($"(measures that are ok are not listed; --all lists them: {Counts(report)})");
            }
        }

        output.WriteLine();
        foreach (string note in Notes(report))
        {
            output.WriteLine(note);
        }

        output.WriteLine(ResultLine(report));
    }

    /// <summary>Writes the markdown summary.</summary>
    public static void WriteMarkdown(CompareReport report, TextWriter output)
    {
        bool sweep = report.Baseline.Kind == ResultsKind.Sweep;
        output.WriteLine(report.HasRegression
            ? $"### LookoutSim compare: {Plural(report.Regressions, "regression")}"
            : "### LookoutSim compare: no regression");
        output.WriteLine();
        output.WriteLine($"Baseline {Code(report.Baseline.Path)}{Paren(report.Baseline.Description)}, current {Code(report.Current.Path)}{Paren(report.Current.Description)}. "
            + $"Tolerance {Cell(DescribeTolerances(report.Tolerances))}: {Rule}.");
        output.WriteLine();

        List<(PointComparison Point, MeasureComparison Measure)> notOk = Rows(report, all: false);
        if (notOk.Count > 0)
        {
            WriteMarkdownTable(notOk, sweep, output);
        }
        else
        {
            output.WriteLine(report.Points.Count == 0 ? "No point is in both folders: nothing was compared." : $"Every measure is within tolerance ({Counts(report)}).");
        }

        output.WriteLine();
        List<string> notes = Notes(report);
        foreach (string note in notes)
        {
            output.WriteLine($"- {Cell(note)}");
        }

        if (notes.Count > 0)
        {
            output.WriteLine();
        }

        List<(PointComparison Point, MeasureComparison Measure)> every = Rows(report, all: true);
        if (every.Count > MaxMarkdownRows)
        {
            output.WriteLine($"({every.Count.ToString(CultureInfo.InvariantCulture)} compared measures in all: too many to list here; `lookoutsim compare --all` lists them.)");
            output.WriteLine();
        }
        else if (every.Count > 0)
        {
            output.WriteLine($"<details><summary>All compared measures ({every.Count.ToString(CultureInfo.InvariantCulture)})</summary>");
            output.WriteLine();
            WriteMarkdownTable(every, sweep, output);
            output.WriteLine();
            output.WriteLine("</details>");
            output.WriteLine();
        }
    }

    /// <summary>Appends the markdown summary to <paramref name="path"/> (created if missing), as
    /// GitHub's <c>$GITHUB_STEP_SUMMARY</c> expects.</summary>
    public static void AppendMarkdown(CompareReport report, string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        using var writer = new StreamWriter(path, append: true, new UTF8Encoding(false));
        WriteMarkdown(report, writer);
    }

    /// <summary>Writes the comparison as one JSON object: the verdict counts, the notes' lists and
    /// one entry per compared (point, measure); non-finite numbers as null, changes as fractions.</summary>
    public static void WriteJson(CompareReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOutput.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("baseline", report.Baseline.Path);
            json.WriteString("current", report.Current.Path);
            json.WriteString("kind", report.Baseline.Kind == ResultsKind.Run ? "run" : "sweep");
            json.WriteNumber("regressions", report.Regressions);
            json.WriteStartObject("tolerance");
            json.WriteNumber("default", report.Tolerances.Default);
            foreach ((string name, double t) in report.Tolerances.PerMeasure)
            {
                json.WriteNumber(name, t);
            }

            json.WriteEndObject();
            StringArray(json, "points_added", report.PointsAdded);
            StringArray(json, "points_removed", report.PointsRemoved);
            StringArray(json, "measures_only_in_baseline", report.MeasuresOnlyInBaseline);
            StringArray(json, "measures_only_in_current", report.MeasuresOnlyInCurrent);
            json.WriteStartArray("measures");
            foreach ((PointComparison p, MeasureComparison m) in Rows(report, all: true))
            {
                json.WriteStartObject();
                json.WriteString("point", p.Id);
                json.WriteString("measure", m.Measure);
                json.WriteString("unit", m.Unit);
                Estimate(json, "baseline", m.Baseline);
                Estimate(json, "current", m.Current);
                json.WriteFiniteOrNull("change", m.Change);
                json.WriteNumber("tolerance", m.Tolerance);
                json.WriteString("worse", m.Direction switch
                {
                    MeasureDirection.HigherIsWorse => "higher",
                    MeasureDirection.LowerIsWorse => "lower",
                    _ => "neither",
                });
                json.WriteString("verdict", VerdictText(m.Verdict).ToLowerInvariant());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>A value as printed, by the one number rule (<see cref="DisplayText.Plain(double)"/>): never in exponent notation, "n/a" for NaN.</summary>
    public static string Value(double v) => DisplayText.Plain(v);

    /// <summary><c>mean [low, high]</c>, or "—" when absent.</summary>
    public static string Estimate(MetricSummary? m)
    {
        if (m is null)
        {
            return "—";
        }

        if (double.IsNaN(m.Mean))
        {
            return "n/a";
        }

        // Mean and interval in one style, that of the largest (DisplayText.Values).
        string[] v = DisplayText.Values(string.Empty, m.Mean, m.Ci95Low, m.Ci95High);
        return double.IsNaN(m.Ci95Low) && double.IsNaN(m.Ci95High)
            ? $"{v[0]} [no CI]"
            : $"{v[0]} [{v[1]}, {v[2]}]";
    }

    /// <summary>A relative change as printed: <c>+10.2%</c>, <c>-0.31%</c>, <c>from 0</c>.</summary>
    public static string Change(double change)
    {
        if (double.IsNaN(change))
        {
            return "";
        }

        if (double.IsInfinity(change))
        {
            return "from 0";
        }

        double pct = change * 100;
        string digits = Math.Abs(pct) >= 10 ? "0.0" : Math.Abs(pct) >= 1 ? "0.00" : "0.###";
        return (pct > 0 ? "+" : "") + pct.ToString(digits, CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>The verdict as printed: <c>ok</c>, <c>improved</c>, <c>REGRESSED</c>, <c>changed</c>, <c>n/a</c>, <c>missing</c>.</summary>
    public static string VerdictText(CompareVerdict v) => v switch
    {
        CompareVerdict.Ok => "ok",
        CompareVerdict.Improved => "improved",
        CompareVerdict.Regressed => "REGRESSED",
        CompareVerdict.Changed => "changed",
        CompareVerdict.NotAvailable => "n/a",
        _ => "missing",
    };

    private static void StringArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    private static void Estimate(Utf8JsonWriter json, string name, MetricSummary? m)
    {
        if (m is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteFiniteOrNull("mean", m.Mean);
        json.WriteFiniteOrNull("ci95_low", m.Ci95Low);
        json.WriteFiniteOrNull("ci95_high", m.Ci95High);
        json.WriteEndObject();
    }


    private static List<(PointComparison, MeasureComparison)> Rows(CompareReport report, bool all) =>
        report.Points
            .SelectMany(p => p.Measures.Select(m => (p, m)))
            .Where(pm => all || pm.m.Verdict is not (CompareVerdict.Ok or CompareVerdict.NotAvailable))
            .ToList();

    private static void WriteMarkdownTable(List<(PointComparison Point, MeasureComparison Measure)> rows, bool sweep, TextWriter output)
    {
        output.WriteLine(sweep
            ? "| point | measure | baseline mean [95% CI] | current mean [95% CI] | change | tolerance | verdict |"
            : "| measure | baseline mean [95% CI] | current mean [95% CI] | change | tolerance | verdict |");
        output.WriteLine(sweep ? "|---|---|---:|---:|---:|---:|---|" : "|---|---:|---:|---:|---:|---|");
        foreach ((PointComparison p, MeasureComparison m) in rows)
        {
            string verdict = m.Verdict == CompareVerdict.Regressed ? "**REGRESSED**" : VerdictText(m.Verdict);
            string measure = m.Unit.Length > 0 ? $"{m.Measure} ({m.Unit})" : m.Measure;
            string point = sweep ? $"| {Cell(p.Id)} " : "";
            output.WriteLine($"{point}| {Cell(measure)} | {Cell(Estimate(m.Baseline))} | {Cell(Estimate(m.Current))} | {Change(m.Change)} | {CompareTolerances.Format(m.Tolerance)} | {verdict} |");
        }
    }

    private static List<string> Notes(CompareReport report)
    {
        var notes = new List<string>();
        if (report.PointsAdded.Count > 0)
        {
            notes.Add($"points only in the current folder (added; not a regression): {string.Join(", ", report.PointsAdded)}");
        }

        if (report.PointsRemoved.Count > 0)
        {
            notes.Add($"points only in the baseline (removed; not a regression): {string.Join(", ", report.PointsRemoved)}");
        }

        foreach (PointComparison p in report.Points.Where(p => p.ParameterDifferences.Count > 0))
        {
            notes.Add($"point {p.Id}: parameters differ ({string.Join("; ", p.ParameterDifferences)}); compared by id all the same");
        }

        if (report.MeasuresOnlyInBaseline.Count > 0)
        {
            notes.Add($"measures only in the baseline (not compared): {string.Join(", ", report.MeasuresOnlyInBaseline)}");
        }

        if (report.MeasuresOnlyInCurrent.Count > 0)
        {
            notes.Add($"measures only in the current folder (not compared): {string.Join(", ", report.MeasuresOnlyInCurrent)}");
        }

        int missing = report.Count(CompareVerdict.Missing);
        if (missing > 0)
        {
            notes.Add($"{Plural(missing, "measure")} with a value on one side only (listed as 'missing'; not a regression)");
        }

        return notes;
    }

    private static string ResultLine(CompareReport report)
    {
        if (!report.HasRegression)
        {
            return $"result: no regression ({Counts(report)})";
        }

        IEnumerable<string> which = report.Points
            .SelectMany(p => p.Measures.Where(m => m.Verdict == CompareVerdict.Regressed)
                .Select(m => p.Id.Length > 0 ? $"{m.Measure} at point {p.Id}" : m.Measure));
        return $"result: {Plural(report.Regressions, "regression")}: {string.Join(", ", which)}";
    }

    private static string Counts(CompareReport report)
    {
        var parts = new List<string>();
        if (report.Baseline.Kind == ResultsKind.Sweep)
        {
            parts.Add(Plural(report.Points.Count, "point") + " compared");
        }

        foreach ((CompareVerdict v, string name) in new[]
        {
            (CompareVerdict.Ok, "ok"), (CompareVerdict.Improved, "improved"), (CompareVerdict.Regressed, "regressed"),
            (CompareVerdict.Changed, "changed"), (CompareVerdict.Missing, "missing"), (CompareVerdict.NotAvailable, "n/a"),
        })
        {
            int n = report.Count(v);
            if (n > 0 || v == CompareVerdict.Ok)
            {
                parts.Add($"{n.ToString(CultureInfo.InvariantCulture)} {name}");
            }
        }

        return string.Join(", ", parts);
    }

    private static string Describe(ResultsSet set)
    {
        string kind = set.Kind == ResultsKind.Run ? "run" : $"sweep, {Plural(set.Points.Count, "point")}";
        return $"{set.Path} ({kind}{(set.Description.Length > 0 ? ", " + set.Description : "")})";
    }

    private static string DescribeTolerances(CompareTolerances t)
    {
        string text = CompareTolerances.Format(t.Default);
        if (t.PerMeasure.Count > 0)
        {
            text += " (" + string.Join(", ", t.PerMeasure.Select(kv => $"{kv.Key} {CompareTolerances.Format(kv.Value)}")) + ")";
        }

        return text;
    }

    private static string Plural(int n, string noun) =>
        $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    private static string Paren(string s) => s.Length > 0 ? $" ({Cell(s)})" : "";

    private static string Code(string s) => "`" + s.Replace("`", "'", StringComparison.Ordinal) + "`";

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static void WriteAligned(List<string[]> table, TextWriter output, int[] rightAligned)
    {
        int columns = table[0].Length;
        int[] width = new int[columns];
        foreach (string[] row in table)
        {
            for (int i = 0; i < columns; i++)
            {
                width[i] = Math.Max(width[i], row[i].Length);
            }
        }

        var sb = new StringBuilder();
        foreach (string[] row in table)
        {
            sb.Clear();
            for (int i = 0; i < columns; i++)
            {
                bool last = i == columns - 1;
                string cell = rightAligned.Contains(i) ? row[i].PadLeft(width[i]) : last ? row[i] : row[i].PadRight(width[i]);
                sb.Append(cell);
                if (!last)
                {
                    sb.Append("  ");
                }
            }

            output.WriteLine(sb.ToString().TrimEnd());
        }
    }
}
