using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using LookoutSim.Experiments.Observed;

namespace LookoutSim.Output;

/// <summary>
/// <c>observed.csv</c>, the observed folder's series: tidy, one row per metric and period with a
/// datapoint, columns <c>time_s,timestamp,metric,value</c> (<see cref="Columns"/>). Written by
/// <c>import cloudwatch</c>, read by <c>backtest</c> and <c>fit autoscaler</c>.
/// </summary>
/// <remarks>
/// <para><c>time_s</c> is the period's start in seconds from the window start, <c>timestamp</c> the
/// same instant in UTC (ISO 8601), <c>metric</c> the CloudWatch metric name (either namespace's),
/// <c>value</c> calls per period for counts, the period average for unit counts, seconds for
/// latency. Rows are grouped by metric (catalogue order) and in time order within one.</para>
/// <para>Reading streams the file line by line and checks every row: the header, numbers that
/// parse, are finite and not negative, timestamps that agree with <c>time_s</c>, known metric
/// names, one row per metric and period, and times on one period (the smallest step between two
/// rows of a series). Every problem (up to <see cref="MaxProblems"/>) is reported with
/// file:line:column as an <see cref="InputFileException"/>.</para>
/// </remarks>
public static class ObservedCsv
{
    /// <summary>The file's name inside an observed folder.</summary>
    public const string FileName = "observed.csv";

    /// <summary>The columns, in order.</summary>
    public static readonly ImmutableArray<string> Columns = ["time_s", "timestamp", "metric", "value"];

    /// <summary>The most problems one read reports (the rest are counted).</summary>
    public const int MaxProblems = 50;

    /// <summary>The largest observed.csv read: 1 GiB (15 months of 14 per-minute series is about 0.4 GB).</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>How timestamps are written: UTC, whole seconds.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Formats <paramref name="instant"/> as the <c>timestamp</c> column does.</summary>
    public static string Timestamp(DateTimeOffset instant) => instant.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="data"/> as <c>observed.csv</c> to <paramref name="path"/>.</summary>
    public static void Write(ObservedData data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        Write(data, writer);
    }

    /// <summary>Writes <paramref name="data"/> in the <c>observed.csv</c> format to <paramref name="writer"/>.</summary>
    public static void Write(ObservedData data, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', Columns));
        writer.Write('\n');
        foreach (ObservedSeries series in data.Series)
        {
            string metric = CsvCells.Field(series.Metric);
            foreach (ObservedPoint p in series.Points)
            {
                writer.Write(NumberText.Format(p.TimeS));
                writer.Write(',');
                writer.Write(Timestamp(data.Start.AddSeconds(p.TimeS)));
                writer.Write(',');
                writer.Write(metric);
                writer.Write(',');
                writer.Write(NumberText.Format(p.Value));
                writer.Write('\n');
            }
        }
    }

    /// <summary>
    /// Reads the observed folder <paramref name="dir"/> (its <c>observed.csv</c>; the file itself
    /// may be named instead).
    /// </summary>
    /// <exception cref="InputFileException">The folder or file is missing or malformed: every problem with file:line:column.</exception>
    public static ObservedData Read(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        string path = File.Exists(dir) ? dir : Path.Combine(dir, FileName);
        string shown = InputFiles.ShownName(path);
        if (!File.Exists(path))
        {
            throw new InputFileException(InputFiles.ShownName(dir), Directory.Exists(dir)
                ? $"no {FileName} in this folder: an observed folder is what `lookoutsim import cloudwatch` writes"
                : "no such folder");
        }

        if (InputFiles.Size(path) > MaxBytes)
        {
            throw new InputFileException(shown, string.Create(CultureInfo.InvariantCulture,
                $"larger than {MaxBytes:#,0} bytes, the most an observed folder holds: refused before it fills memory"));
        }

        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16);
            return Read(reader, shown);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(shown, $"cannot be read: {ex.Message}");
        }
    }

    /// <summary>Reads <c>observed.csv</c> text from <paramref name="reader"/>; <paramref name="shown"/> names it in messages.</summary>
    /// <exception cref="InputFileException">Every problem found, with line and column.</exception>
    public static ObservedData Read(TextReader reader, string shown)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<CsvLineError>();
        int more = 0;
        void Problem(int line, int column, string message)
        {
            if (errors.Count < MaxProblems)
            {
                errors.Add(new CsvLineError(shown, line, message) { Column = column });
            }
            else
            {
                more++;
            }
        }

        int[]? index = null;
        string[]? header = null;
        DateTimeOffset? start = null;
        int startLine = 0;
        var series = new Dictionary<string, (CloudWatchMetric Metric, List<ObservedPoint> Points, int FirstLine)>(StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, HashSet<double>>(StringComparer.OrdinalIgnoreCase);
        int lineNo = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                Problem(lineNo, 0, "binary data (a NUL character): this is not an observed.csv file");
                break;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            (int _, string[] fields, string? bad) = LineNumberedCsv.Records(text).First();
            if (bad is not null)
            {
                Problem(lineNo, 0, bad);
                continue;
            }

            if (header is null)
            {
                header = fields;
                index = Columns.Select(c => Array.FindIndex(fields, h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase))).ToArray();
                for (int c = 0; c < Columns.Length; c++)
                {
                    if (index[c] < 0)
                    {
                        Problem(lineNo, 0, $"missing column '{Columns[c]}' (the header must be {string.Join(',', Columns)})");
                    }
                }

                if (index.Any(i => i < 0))
                {
                    break;
                }

                continue;
            }

            if (fields.Length != header.Length)
            {
                Problem(lineNo, 0, $"{fields.Length} fields, the header has {header.Length}");
                continue;
            }

            int Col(int field) => ColumnOf(text, index![field]);
            string timeText = fields[index![0]], stampText = fields[index[1]], name = fields[index[2]], valueText = fields[index[3]];
            bool ok = true;
            if (!double.TryParse(timeText, NumberStyles.Float, CultureInfo.InvariantCulture, out double time) || !double.IsFinite(time) || time < 0)
            {
                Problem(lineNo, Col(0), $"time_s: '{Quote(timeText)}' is not a time in seconds from the window start (a number ≥ 0)");
                ok = false;
            }

            if (!TryParseTimestamp(stampText, out DateTimeOffset stamp))
            {
                Problem(lineNo, Col(1), $"timestamp: '{Quote(stampText)}' is not an ISO 8601 timestamp (e.g. 2026-03-02T10:00:00Z)");
                ok = false;
            }

            CloudWatchMetric? metric = CloudWatchMetrics.Find(name);
            if (metric is null)
            {
                Problem(lineNo, Col(2), $"metric: '{Quote(name)}' is not a metric LookoutSim reads ({string.Join(", ", KnownNames())})");
                ok = false;
            }

            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                Problem(lineNo, Col(3), $"value: '{Quote(valueText)}' is not a number");
                ok = false;
            }
            else if (value < 0)
            {
                Problem(lineNo, Col(3), $"value: {Quote(valueText)} is negative");
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            DateTimeOffset origin = stamp.AddSeconds(-time);
            if (start is null)
            {
                start = origin;
                startLine = lineNo;
            }
            else if (Math.Abs((origin - start.Value).TotalSeconds) > 1e-3)
            {
                Problem(lineNo, Col(1), string.Create(CultureInfo.InvariantCulture,
                    $"timestamp: {Quote(stampText)} is not time_s = {timeText} after the window start {Timestamp(start.Value)} (from line {startLine})"));
                continue;
            }

            if (!seen.TryGetValue(metric!.Name, out HashSet<double>? times))
            {
                seen[metric.Name] = times = [];
                series[metric.Name] = (metric, [], lineNo);
            }

            if (!times.Add(time))
            {
                Problem(lineNo, Col(0), $"a second row for {metric.Name} at time_s {timeText}: one row per metric and period");
                continue;
            }

            series[metric.Name].Points.Add(new ObservedPoint(time, value));
        }

        if (header is null && errors.Count == 0)
        {
            Problem(1, 0, $"empty file: expected the header {string.Join(',', Columns)}");
        }
        else if (header is not null && index!.All(i => i >= 0) && series.Count == 0 && errors.Count == 0)
        {
            Problem(lineNo + 1, 0, "no rows: the file has a header and no observations");
        }

        double period = double.PositiveInfinity;
        foreach ((_, List<ObservedPoint> points, _) in series.Values)
        {
            points.Sort((a, b) => a.TimeS.CompareTo(b.TimeS));
            for (int i = 1; i < points.Count; i++)
            {
                period = Math.Min(period, points[i].TimeS - points[i - 1].TimeS);
            }
        }

        if (errors.Count == 0 && double.IsPositiveInfinity(period))
        {
            Problem(0, 0, "every series has one period: a window needs at least two periods to show its period");
        }

        if (errors.Count == 0)
        {
            foreach ((CloudWatchMetric metric, List<ObservedPoint> points, int firstLine) in series.Values)
            {
                ObservedPoint off = points.FirstOrDefault(p => !OnGrid(p.TimeS, period));
                if (points.Any(p => !OnGrid(p.TimeS, period)))
                {
                    Problem(firstLine, 0, string.Create(CultureInfo.InvariantCulture,
                        $"{metric.Name}: time_s {NumberText.Format(off.TimeS)} is not a whole number of periods of {NumberText.Format(period)} s (mixed periods)"));
                }
            }
        }

        if (errors.Count > 0)
        {
            if (more > 0)
            {
                errors.Add(new CsvLineError(shown, 0, string.Create(CultureInfo.InvariantCulture, $"… and {more} more problems")));
            }

            throw new InputFileException(errors);
        }

        var ordered = CloudWatchMetrics.LookoutVisionMetrics.Concat(CloudWatchMetrics.RekognitionMetrics)
            .Select(m => m.Name).Distinct(StringComparer.Ordinal)
            .Where(series.ContainsKey)
            .Select(n => series[n])
            .Select(s => new ObservedSeries(s.Metric.Name, s.Metric.Kind, [.. s.Points]))
            .ToImmutableArray();
        return new ObservedData(start!.Value, period, ordered);
    }

    /// <summary>Parses an ISO 8601 timestamp; one without an offset is UTC.</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);

    private static bool OnGrid(double time, double period)
    {
        double k = Math.Round(time / period);
        return Math.Abs(time - (k * period)) <= 1e-6 * Math.Max(1, period);
    }

    private static IEnumerable<string> KnownNames() =>
        CloudWatchMetrics.LookoutVisionMetrics.Concat(CloudWatchMetrics.RekognitionMetrics).Select(m => m.Name).Distinct(StringComparer.Ordinal);

    private static string Quote(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    /// <summary>The 1-based column where field <paramref name="field"/> of a one-line record starts.</summary>
    private static int ColumnOf(string line, int field)
    {
        int column = 0;
        bool quoted = false;
        for (int i = 0; i < line.Length && field > 0; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ',' && !quoted)
            {
                field--;
                column = i + 1;
            }
        }

        return column + 1;
    }
}
