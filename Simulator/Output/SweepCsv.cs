using System.Globalization;
using System.Text;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// <c>sweep.csv</c>: one row per point, columns <c>point</c>, then one per swept field named by its
/// path, then for each measure of <see cref="MeasureNames.All"/> <c>&lt;measure&gt;_mean</c>,
/// <c>&lt;measure&gt;_ci95_low</c>, <c>&lt;measure&gt;_ci95_high</c>. Invariant culture, comma
/// separated, <c>\n</c> line ends, RFC 4180 quoting where a value needs it; numbers in the shortest
/// form that reads back to the same double (<c>R</c>), NaN written as <c>NaN</c>.
/// </summary>
public static class SweepCsv
{
    /// <summary>The header columns for these fields.</summary>
    public static IReadOnlyList<string> Header(IReadOnlyList<string> fields)
    {
        var header = new List<string> { "point" };
        header.AddRange(fields);
        foreach ((string name, string _) in MeasureNames.All)
        {
            header.Add(name + "_mean");
            header.Add(name + "_ci95_low");
            header.Add(name + "_ci95_high");
        }

        return header;
    }

    /// <summary>The file's text.</summary>
    public static string Format(SweepTable table)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Header(table.Fields).Select(Quote))).Append('\n');
        foreach (SweepTableRow row in table.Rows)
        {
            var cells = new List<string> { row.Point.Id };
            cells.AddRange(table.Fields.Select(row.Field));
            foreach ((string name, string _) in MeasureNames.All)
            {
                MetricSummary? m = row.Metric(name);
                cells.Add(Number(m?.Mean ?? double.NaN));
                cells.Add(Number(m?.Ci95Low ?? double.NaN));
                cells.Add(Number(m?.Ci95High ?? double.NaN));
            }

            sb.Append(string.Join(',', cells.Select(Quote))).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes <c>sweep.csv</c> into <paramref name="folder"/>.</summary>
    public static void Write(SweepTable table, string folder) =>
        File.WriteAllText(Path.Combine(folder, "sweep.csv"), Format(table), new UTF8Encoding(false));

    /// <summary>
    /// Reads a <c>sweep.csv</c>. Rows get the indices <paramref name="indices"/> when given (a shard's
    /// positions in the whole sweep), else 0, 1, …; min and max are NaN (not in the file).
    /// </summary>
    /// <exception cref="FormatException">When the file is not a sweep table.</exception>
    public static SweepTable Read(string path, IReadOnlyList<int>? indices = null)
    {
        string[] lines = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            throw new FormatException($"{path}: empty");
        }

        List<string> header = Split(lines[0].TrimEnd('\r'));
        int measureStart = header.IndexOf(MeasureNames.All[0].Name + "_mean");
        if (header.Count == 0 || header[0] != "point" || measureStart < 1)
        {
            throw new FormatException($"{path}: not a sweep.csv (header must start with 'point' and hold {MeasureNames.All[0].Name}_mean)");
        }

        string[] fields = [.. header.Skip(1).Take(measureStart - 1)];
        var rows = new List<SweepTableRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            List<string> cells = Split(lines[i].TrimEnd('\r'));
            if (cells.Count != header.Count)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}: {cells.Count} cells, header has {header.Count}"));
            }

            var parameters = fields.Select((f, j) => new KeyValuePair<string, string>(f, cells[1 + j])).ToList();
            var metrics = new List<MetricSummary>();
            for (int col = measureStart; col + 2 < header.Count; col += 3)
            {
                string name = header[col][..^"_mean".Length];
                metrics.Add(new MetricSummary(name, MeasureNames.UnitOf(name), Parse(cells[col]), Parse(cells[col + 1]), Parse(cells[col + 2]), double.NaN, double.NaN));
            }

            int index = indices is null ? i - 1 : indices[i - 1];
            rows.Add(new SweepTableRow(index, new SweepPoint(cells[0], parameters), metrics));
        }

        return new SweepTable(fields, rows);
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static double Parse(string s) =>
        s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
