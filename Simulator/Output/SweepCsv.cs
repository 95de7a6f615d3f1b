using System.Globalization;
using System.Text;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// <c>sweep.csv</c>: one row per point, columns <c>point</c>, then one per swept field named by its
/// path, then for each measure of <see cref="MeasureNames.All"/> <c>&lt;measure&gt;_mean</c>,
/// <c>&lt;measure&gt;_ci95_low</c>, <c>&lt;measure&gt;_ci95_high</c>. Invariant culture, comma
/// separated, <c>\n</c> line ends, RFC 4180 quoting where a value needs it, text cells (ids, field names and values) through <see cref="CsvCells"/>; numbers in the shortest
/// form that reads back to the same double (<see cref="NumberText"/>), NaN (no value) as an empty field.
/// </summary>
/// <remarks>
/// When the sweep has SLOs, the verdict columns follow the measures: <c>slo_met</c> (every SLO met:
/// <c>true</c>/<c>false</c>), then for each SLO (<c>latency_p99</c>, <c>max_failed</c>, <c>availability</c>)
/// <c>slo_&lt;slo&gt;_met</c>, <c>slo_&lt;slo&gt;_bound</c> (the 95% confidence bound that decides) and
/// <c>slo_&lt;slo&gt;_target</c>, judged by <see cref="SweepVerdicts"/> with the rule <c>plan</c> uses.
/// Reading ignores them: they are derived from the measures and the sweep's SLOs.
/// </remarks>
public static class SweepCsv
{
    /// <summary>The header columns for these fields (and the verdict columns of <paramref name="slo"/>, if any).</summary>
    public static IReadOnlyList<string> Header(IReadOnlyList<string> fields, SloTargets? slo = null)
    {
        var header = new List<string> { "point" };
        header.AddRange(fields);
        foreach ((string name, string _) in MeasureNames.All)
        {
            header.Add(name + "_mean");
            header.Add(name + "_ci95_low");
            header.Add(name + "_ci95_high");
        }

        if (slo is { Any: true })
        {
            header.Add(SweepColumns.AllMet);
            foreach ((string name, _, _, _) in slo.Checks())
            {
                (string met, string bound, string target) = SweepColumns.Verdict(name);
                header.Add(met);
                header.Add(bound);
                header.Add(target);
            }
        }

        return header;
    }

    /// <summary>The file's text; with <paramref name="slo"/>, the verdict columns too.</summary>
    public static string Format(SweepTable table, SloTargets? slo = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append(CsvCells.Line(Header(table.Fields, slo))).Append('\n');
        foreach (SweepTableRow row in table.Rows)
        {
            sb.Append(CsvCells.Field(row.Point.Id));
            foreach (string field in table.Fields)
            {
                sb.Append(',').Append(CsvCells.Field(row.Field(field)));
            }

            foreach ((string name, string _) in MeasureNames.All)
            {
                MetricSummary? m = row.Metric(name);
                sb.Append(',').Append(Number(m?.Mean ?? double.NaN));
                sb.Append(',').Append(Number(m?.Ci95Low ?? double.NaN));
                sb.Append(',').Append(Number(m?.Ci95High ?? double.NaN));
            }

            if (slo is { Any: true })
            {
                IReadOnlyList<PointVerdict> verdicts = SweepVerdicts.Of(row, slo);
                sb.Append(',').Append(Bool(verdicts.All(v => v.Met)));
                foreach (PointVerdict v in verdicts)
                {
                    sb.Append(',').Append(Bool(v.Met)).Append(',').Append(Number(v.Bound)).Append(',').Append(Number(v.Target));
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes <c>sweep.csv</c> into <paramref name="folder"/>; with <paramref name="slo"/>, the verdict columns too.</summary>
    public static void Write(SweepTable table, string folder, SloTargets? slo = null) =>
        File.WriteAllText(Path.Combine(folder, "sweep.csv"), Format(table, slo), new UTF8Encoding(false));

    /// <summary>
    /// Reads a <c>sweep.csv</c>. Rows get the indices <paramref name="indices"/> when given (a shard's
    /// positions in the whole sweep), else 0, 1, …; min and max are NaN (not in the file). Text cells
    /// are read back as <see cref="CsvCells"/> wrote them; every point id must be a safe folder name
    /// (<see cref="SafePath.Segment"/>), as it names the point's folder under <c>points/</c>.
    /// </summary>
    /// <exception cref="FormatException">When the file is not a sweep table, with file and line.</exception>
    /// <exception cref="OutputException">When a point id is not a safe folder name, with file and line.</exception>
    public static SweepTable Read(string path, IReadOnlyList<int>? indices = null)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var records = new List<(int Line, string[] Cells)>();
        foreach ((int line, string[] record, string? problem) in LineNumberedCsv.Records(File.ReadAllText(path)))
        {
            if (problem is not null)
            {
                throw new FormatException(string.Create(c, $"{path}:{line}: {problem}"));
            }

            if (!record.All(string.IsNullOrWhiteSpace))
            {
                records.Add((line, record));
            }
        }

        if (records.Count == 0)
        {
            throw new FormatException($"{path}: empty");
        }

        List<string> header = [.. records[0].Cells.Select(CsvCells.Read)];
        int measureStart = header.IndexOf(MeasureNames.All[0].Name + "_mean");
        if (header.Count == 0 || header[0] != "point" || measureStart < 1)
        {
            throw new FormatException($"{path}: not a sweep.csv (header must start with 'point' and hold {MeasureNames.All[0].Name}_mean)");
        }

        if (indices is not null && indices.Count != records.Count - 1)
        {
            throw new FormatException(string.Create(c, $"{path}: {records.Count - 1} points, expected {indices.Count}"));
        }

        string[] fields = [.. header.Skip(1).Take(measureStart - 1)];
        var rows = new List<SweepTableRow>();
        for (int i = 1; i < records.Count; i++)
        {
            (int line, string[] raw) = records[i];
            if (raw.Length != header.Count)
            {
                throw new FormatException(string.Create(c, $"{path}:{line}: {raw.Length} cells, header has {header.Count}"));
            }

            string[] cells = [.. raw.Select(CsvCells.Read)];
            string id = SafePath.Segment(cells[0], path, line, "point");
            var parameters = fields.Select((f, j) => new KeyValuePair<string, string>(f, cells[1 + j])).ToList();
            var metrics = new List<MetricSummary>();
            for (int col = measureStart; col + 2 < header.Count && header[col].EndsWith("_mean", StringComparison.Ordinal); col += 3)
            {
                string name = header[col][..^"_mean".Length];
                metrics.Add(new MetricSummary(name, MeasureNames.UnitOf(name), Parse(cells[col], path, line), Parse(cells[col + 1], path, line), Parse(cells[col + 2], path, line), double.NaN, double.NaN));
            }

            int index = indices is null ? i - 1 : indices[i - 1];
            rows.Add(new SweepTableRow(index, new SweepPoint(id, parameters), metrics));
        }

        return new SweepTable(fields, rows);
    }

    private static string Number(double v) => NumberText.Format(v);

    private static string Bool(bool v) => v ? "true" : "false";

    private static double Parse(string s, string path, int line) =>
        s.Length == 0 ? double.NaN
        : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
        : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: '{DisplayText.Safe(s, 80)}' is not a number"));
}
