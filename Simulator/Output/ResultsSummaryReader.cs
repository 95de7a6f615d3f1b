using System.Globalization;
using System.Text.Json;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// Reads the measures of a results folder for <c>lookoutsim compare</c>: a sweep folder's
/// <c>sweep.csv</c>, else a run folder's <c>summary.csv</c> (else its <c>summary.json</c>), plus
/// provenance from <c>summary.json</c> when present.
/// </summary>
/// <remarks>
/// <para><c>summary.csv</c>: header <c>metric,unit,mean,ci95_low,ci95_high,min,max</c>; the columns
/// <c>metric</c>, <c>mean</c>, <c>ci95_low</c> and <c>ci95_high</c> are required, the others optional,
/// extra columns ignored, column order free.</para>
/// <para><c>sweep.csv</c> (<see cref="SweepColumns"/>): a <c>point</c> id column (first), the
/// swept fields' values (any column that is not a measure column), then for each measure
/// <c>&lt;measure&gt;_mean</c>, <c>&lt;measure&gt;_ci95_low</c>, <c>&lt;measure&gt;_ci95_high</c>.</para>
/// <para><c>summary.json</c>, when the folder has one, must be whole: valid JSON (a truncated file is
/// refused with the line and column where it breaks) with <c>tool</c>, <c>version</c>,
/// <c>scenario</c>, <c>seed</c>, <c>replications</c> and <c>metrics</c>; its metadata is never
/// silently dropped.</para>
/// <para>Text cells are read back as <see cref="CsvCells"/> wrote them; a point id must be a safe
/// folder name (<see cref="SafePath.Segment"/>).</para>
/// <para>Numbers are invariant-culture; an empty field, <c>NaN</c> or <c>NA</c> means no value.
/// Every problem is collected and thrown as one <see cref="InputFileException"/> with file:line.</para>
/// </remarks>
public static class ResultsSummaryReader
{
    /// <summary>Reads the folder (or a <c>summary.csv</c> / <c>sweep.csv</c> file named directly).</summary>
    /// <param name="path">The folder as the user gave it.</param>
    /// <exception cref="InputFileException">Missing folder, not a results folder, or malformed files.</exception>
    public static ResultsSet Read(string path)
    {
        string folder = path;
        string? file = null;
        if (File.Exists(path))
        {
            string name = Path.GetFileName(path);
            if (name is not ("sweep.csv" or "summary.csv" or "summary.json"))
            {
                throw new InputFileException(path, "not a results folder (expected a folder with summary.csv or sweep.csv)");
            }

            folder = Path.GetDirectoryName(path) is { Length: > 0 } dir ? dir : ".";
            file = path;
        }
        else if (!Directory.Exists(path))
        {
            throw new InputFileException(path, "no such folder");
        }

        string sweepCsv = Path.Combine(folder, SweepColumns.FileName);
        string summaryCsv = Path.Combine(folder, "summary.csv");
        string summaryJson = Path.Combine(folder, "summary.json");
        string description = DescribeRun(summaryJson, summaryJson);

        if (file is not null ? Path.GetFileName(file) == SweepColumns.FileName : File.Exists(sweepCsv))
        {
            ResultsSet sweep = ReadSweep(path, file ?? sweepCsv);
            string? first = sweep.Points.Count > 0 ? Path.Combine(folder, "points", sweep.Points[0].Id, "summary.json") : null;
            return sweep with { Provenance = first is null ? null : ReadProvenance(first) };
        }

        if (file is not null ? Path.GetFileName(file) == "summary.csv" : File.Exists(summaryCsv))
        {
            var point = new ResultsPoint("", [], ReadSummaryCsv(file ?? summaryCsv, Shown(path, file, "summary.csv")));
            return new ResultsSet(path, ResultsKind.Run, [point], description) { Provenance = ReadProvenance(summaryJson) };
        }

        if (File.Exists(summaryJson))
        {
            var point = new ResultsPoint("", [], ReadSummaryJson(summaryJson, summaryJson));
            return new ResultsSet(path, ResultsKind.Run, [point], description) { Provenance = ReadProvenance(summaryJson) };
        }

        throw new InputFileException(path, "not a results folder: it has no sweep.csv, summary.csv or summary.json");
    }

    /// <summary>Reads the rows of a <c>summary.csv</c>.</summary>
    /// <exception cref="InputFileException">Malformed file (every problem, with its line).</exception>
    public static IReadOnlyList<MetricSummary> ReadSummaryCsv(string file, string? shownName = null)
    {
        string shown = shownName ?? file;
        var errors = new List<CsvLineError>();
        LineNumberedCsv? csv = LineNumberedCsv.Read(file, shown, errors);
        var metrics = new List<MetricSummary>();
        if (csv is not null)
        {
            Unguard(csv.Header);
            int metric = csv.IndexOf("metric"), unit = csv.IndexOf("unit"), mean = csv.IndexOf("mean");
            int low = csv.IndexOf("ci95_low"), high = csv.IndexOf("ci95_high"), min = csv.IndexOf("min"), max = csv.IndexOf("max");
            string[] required = ["metric", "mean", "ci95_low", "ci95_high"];
            foreach (string column in required.Where(c => csv.IndexOf(c) < 0))
            {
                errors.Add(new CsvLineError(shown, 1, $"missing column '{column}' (summary.csv needs {string.Join(",", ResultsCsv.SummaryHeader)})"));
            }

            if (metric >= 0 && mean >= 0 && low >= 0 && high >= 0)
            {
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach ((int line, string[] f) in csv.Rows)
                {
                    Unguard(f);
                    string name = f[metric];
                    if (name.Length == 0)
                    {
                        errors.Add(new CsvLineError(shown, line, "empty metric name"));
                        continue;
                    }

                    if (!seen.TryAdd(name, line))
                    {
                        errors.Add(new CsvLineError(shown, line, $"metric '{name}' repeated (first on line {seen[name].ToString(CultureInfo.InvariantCulture)})"));
                        continue;
                    }

                    double Num(int index, string column) => index < 0 ? double.NaN : Number(f[index], column, shown, line, errors);
                    metrics.Add(new MetricSummary(
                        name,
                        MeasureNames.UnitOf(name) is { Length: > 0 } known ? known : unit >= 0 ? f[unit] : "",
                        Num(mean, "mean"),
                        Num(low, "ci95_low"),
                        Num(high, "ci95_high"),
                        Num(min, "min"),
                        Num(max, "max")));
                }
            }
        }

        ThrowIfAny(errors);
        return metrics;
    }

    /// <summary>Reads a sweep folder's <c>sweep.csv</c>.</summary>
    /// <exception cref="InputFileException">Malformed file (every problem, with its line).</exception>
    public static ResultsSet ReadSweep(string folder, string file)
    {
        string shown = file;
        var errors = new List<CsvLineError>();
        LineNumberedCsv? csv = LineNumberedCsv.Read(file, shown, errors);
        var points = new List<ResultsPoint>();
        if (csv is not null)
        {
            Unguard(csv.Header);
            int pointColumn = csv.IndexOf(SweepColumns.Point);
            if (pointColumn < 0)
            {
                errors.Add(new CsvLineError(shown, 1, $"missing column '{SweepColumns.Point}' (the sweep point id)"));
            }

            (List<(string Measure, int Mean, int Low, int High)> measures, List<int> parameters) =
                ClassifyColumns(csv.Header, pointColumn, shown, errors);

            if (pointColumn >= 0)
            {
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach ((int line, string[] f) in csv.Rows)
                {
                    Unguard(f);
                    string id = f[pointColumn];
                    if (id.Length == 0)
                    {
                        errors.Add(new CsvLineError(shown, line, "empty point id"));
                        continue;
                    }

                    if (SafePath.SegmentProblem(id) is { } problem)
                    {
                        errors.Add(new CsvLineError(shown, line, $"{SweepColumns.Point}: '{DisplayText.Safe(id, 80)}' {problem}; a point id names a folder under points/"));
                        continue;
                    }

                    if (!seen.TryAdd(id, line))
                    {
                        errors.Add(new CsvLineError(shown, line, $"point '{DisplayText.Safe(id, 80)}' repeated (first on line {seen[id].ToString(CultureInfo.InvariantCulture)})"));
                        continue;
                    }

                    var metrics = measures.Select(m => new MetricSummary(
                        m.Measure,
                        MeasureNames.UnitOf(m.Measure),
                        Number(f[m.Mean], csv.Header[m.Mean], shown, line, errors),
                        m.Low < 0 ? double.NaN : Number(f[m.Low], csv.Header[m.Low], shown, line, errors),
                        m.High < 0 ? double.NaN : Number(f[m.High], csv.Header[m.High], shown, line, errors),
                        double.NaN,
                        double.NaN)).ToList();
                    var pars = parameters.Select(i => new KeyValuePair<string, string>(csv.Header[i], f[i])).ToList();
                    points.Add(new ResultsPoint(id, pars, metrics));
                }
            }
        }

        ThrowIfAny(errors);
        return new ResultsSet(folder, ResultsKind.Sweep, points);
    }

    private static (List<(string Measure, int Mean, int Low, int High)> Measures, List<int> Parameters) ClassifyColumns(
        string[] header, int pointColumn, string shown, List<CsvLineError> errors)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            if (!index.TryAdd(header[i], i))
            {
                errors.Add(new CsvLineError(shown, 1, $"column '{header[i]}' repeated"));
            }
        }

        var measures = new List<(string, int, int, int)>();
        var measureColumns = new HashSet<int>();
        for (int i = 0; i < header.Length; i++)
        {
            if (!header[i].EndsWith(SweepColumns.MeanSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string measure = header[i][..^SweepColumns.MeanSuffix.Length];
            int low = index.GetValueOrDefault(measure + SweepColumns.Ci95LowSuffix, -1);
            int high = index.GetValueOrDefault(measure + SweepColumns.Ci95HighSuffix, -1);
            measures.Add((measure, i, low, high));
            measureColumns.Add(i);
            measureColumns.Add(low);
            measureColumns.Add(high);
        }

        var parameters = new List<int>();
        for (int i = 0; i < header.Length; i++)
        {
            if (i == pointColumn || measureColumns.Contains(i) || header[i].StartsWith(SweepColumns.VerdictPrefix, StringComparison.Ordinal))
            {
                continue; // verdicts are judged from the measures, not compared as parameters
            }

            string h = header[i];
            if (h.EndsWith(SweepColumns.Ci95LowSuffix, StringComparison.OrdinalIgnoreCase)
                || h.EndsWith(SweepColumns.Ci95HighSuffix, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new CsvLineError(shown, 1, $"column '{h}' has no matching '<measure>{SweepColumns.MeanSuffix}' column"));
                continue;
            }

            parameters.Add(i);
        }

        return (measures, parameters);
    }

    /// <summary>The fields every <c>summary.json</c> LookoutSim writes has, with their JSON kind.</summary>
    private static readonly (string Name, JsonValueKind Kind)[] RequiredSummaryFields =
    [
        ("tool", JsonValueKind.String),
        ("version", JsonValueKind.String),
        ("scenario", JsonValueKind.String),
        ("seed", JsonValueKind.Number),
        ("replications", JsonValueKind.Number),
        ("metrics", JsonValueKind.Object),
    ];

    /// <summary>
    /// Parses a <c>summary.json</c> and checks that it is whole: valid JSON (a truncated file is not)
    /// and an object with every field of <see cref="RequiredSummaryFields"/> of the right kind.
    /// </summary>
    /// <exception cref="InputFileException">Naming the file, and the line and column of a JSON error.</exception>
    private static JsonDocument ParseSummaryJson(string file, string shown)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? 0) + 1;
            string column = ex.BytePositionInLine is long b ? string.Create(CultureInfo.InvariantCulture, $", column {b + 1}") : "";
            throw new InputFileException([new CsvLineError(shown, line, $"not valid JSON{column} (is the file truncated?): {FirstSentence(ex.Message)}")]);
        }

        var errors = new List<CsvLineError>();
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new CsvLineError(shown, 1, $"not a LookoutSim summary: a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object"));
        }
        else
        {
            foreach ((string name, JsonValueKind kind) in RequiredSummaryFields)
            {
                if (!doc.RootElement.TryGetProperty(name, out JsonElement v))
                {
                    errors.Add(new CsvLineError(shown, 0, $"missing '{name}' (a LookoutSim summary.json has {string.Join(", ", RequiredSummaryFields.Select(f => f.Name))})"));
                }
                else if (v.ValueKind != kind)
                {
                    errors.Add(new CsvLineError(shown, 0, $"'{name}' is a {v.ValueKind.ToString().ToLowerInvariant()}, expected a {kind.ToString().ToLowerInvariant()}"));
                }
            }
        }

        if (errors.Count > 0)
        {
            doc.Dispose();
            throw new InputFileException(errors);
        }

        return doc;
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return end > 0 ? message[..end].TrimEnd() : message;
    }

    /// <summary>Reads the <c>metrics</c> object of a <c>summary.json</c>: each measure needs <c>mean</c>, <c>ci95_low</c> and <c>ci95_high</c> (a number, or null for no value).</summary>
    private static List<MetricSummary> ReadSummaryJson(string file, string shown)
    {
        using JsonDocument doc = ParseSummaryJson(file, shown);
        JsonElement metrics = doc.RootElement.GetProperty("metrics");
        var list = new List<MetricSummary>();
        var errors = new List<CsvLineError>();
        foreach (JsonProperty m in metrics.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new CsvLineError(shown, 0, $"metrics.{DisplayText.Safe(m.Name, 80)} is not an object"));
                continue;
            }

            double Get(string key, bool required)
            {
                if (m.Value.TryGetProperty(key, out JsonElement v) && v.ValueKind is JsonValueKind.Number or JsonValueKind.Null)
                {
                    return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
                }

                if (required || v.ValueKind != JsonValueKind.Undefined)
                {
                    errors.Add(new CsvLineError(shown, 0, $"metrics.{DisplayText.Safe(m.Name, 80)}.{key}: missing or not a number (null for no value)"));
                }

                return double.NaN;
            }

            string unit = m.Value.TryGetProperty("unit", out JsonElement u) && u.ValueKind == JsonValueKind.String
                ? u.GetString() ?? ""
                : MeasureNames.UnitOf(m.Name);
            list.Add(new MetricSummary(m.Name, unit, Get("mean", true), Get("ci95_low", true), Get("ci95_high", true), Get("min", false), Get("max", false)));
        }

        ThrowIfAny(errors);
        return list;
    }

    /// <summary>"line-3-weekday, seed 7, 10 replications" from a summary.json, or "" when there is none.</summary>
    /// <exception cref="InputFileException">When the file is there but truncated, malformed or missing a field.</exception>
    /// <summary>What a <c>summary.json</c> says the results were run from; null when there is no such file.</summary>
    /// <exception cref="InputFileException">The file is not a whole LookoutSim summary.json.</exception>
    public static ResultsProvenance? ReadProvenance(string summaryJson)
    {
        if (!File.Exists(summaryJson))
        {
            return null;
        }

        using JsonDocument doc = ParseSummaryJson(summaryJson, summaryJson);
        JsonElement root = doc.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        double? Real(string name) => root.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        long? Whole(string name) => root.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long l) ? l : null;
        return new ResultsProvenance(
            Text("scenario"),
            Text("scenario_sha256"),
            Whole("seed"),
            Whole("replications") is long r && r is >= 0 and <= int.MaxValue ? (int)r : null,
            Real("horizon_s"),
            Real("warmup_s"))
        {
            ResolvedScenarioSha256 = ResolvedScenarioSha256(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(summaryJson))!, ResultsFolder.ScenarioFile)),
        };
    }

    /// <summary>SHA-256 of <paramref name="path"/>'s bytes, or null when it is missing or cannot be read (then the scenario file's own hash decides).</summary>
    private static string? ResolvedScenarioSha256(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return stream.Length > MaxResolvedScenarioBytes ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A resolved scenario larger than this is not read (a scenario file is limited to far less).</summary>
    private const long MaxResolvedScenarioBytes = 64L << 20;

    private static string DescribeRun(string summaryJson, string shown)
    {
        if (!File.Exists(summaryJson))
        {
            return "";
        }

        using JsonDocument doc = ParseSummaryJson(summaryJson, shown);
        JsonElement root = doc.RootElement;
        return string.Join(", ", [
            root.GetProperty("scenario").GetString() ?? "",
            "seed " + root.GetProperty("seed").GetRawText(),
            root.GetProperty("replications").GetRawText() + " replications",
            "lookoutsim " + root.GetProperty("version").GetString()]);
    }

    private static double Number(string text, string column, string shown, int line, List<CsvLineError> errors)
    {
        if (LineNumberedCsv.TryParseNumber(text, out double v))
        {
            return v;
        }

        errors.Add(new CsvLineError(shown, line, $"{column}: '{text}' is not a number"));
        return double.NaN;
    }

    private static string Shown(string path, string? file, string name) => file ?? Path.Combine(path, name);

    private static void Unguard(string[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = CsvCells.Read(cells[i]);
        }
    }

    private static void ThrowIfAny(List<CsvLineError> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputFileException(errors.OrderBy(e => e.Line).ToList());
        }
    }
}

/// <summary>
/// The column names of a sweep folder's <c>sweep.csv</c>, shared by its writer and by
/// <see cref="ResultsSummaryReader"/>: <c>point</c>, then the swept fields (one column each, named
/// by field path), then <c>&lt;measure&gt;_mean</c>, <c>&lt;measure&gt;_ci95_low</c>,
/// <c>&lt;measure&gt;_ci95_high</c> for each measure in <see cref="MeasureNames.All"/> order, then
/// when the sweep has SLOs the verdict columns (<see cref="AllMet"/>, <see cref="Verdict"/>).
/// </summary>
public static class SweepColumns
{
    /// <summary>The file name, <c>sweep.csv</c>.</summary>
    public const string FileName = "sweep.csv";

    /// <summary>The point id column, <c>point</c> (also the folder name under <c>points/</c>).</summary>
    public const string Point = "point";

    /// <summary>Suffix of a measure's mean column.</summary>
    public const string MeanSuffix = "_mean";

    /// <summary>Suffix of the lower 95% bound column.</summary>
    public const string Ci95LowSuffix = "_ci95_low";

    /// <summary>Suffix of the upper 95% bound column.</summary>
    public const string Ci95HighSuffix = "_ci95_high";

    /// <summary>The three column names of <paramref name="measure"/>: mean, lower and upper bound.</summary>
    public static (string Mean, string Low, string High) For(string measure) =>
        (measure + MeanSuffix, measure + Ci95LowSuffix, measure + Ci95HighSuffix);

    /// <summary>Prefix of the SLO verdict columns that follow the measures (no field path starts with it: the SLO fields are <c>slo.…</c>).</summary>
    public const string VerdictPrefix = "slo_";

    /// <summary>The column saying whether every SLO is met, <c>slo_met</c>.</summary>
    public const string AllMet = VerdictPrefix + "met";

    /// <summary>The three verdict column names of SLO <paramref name="slo"/>: met, the deciding 95% bound, the target.</summary>
    public static (string Met, string Bound, string Target) Verdict(string slo) =>
        (VerdictPrefix + slo + "_met", VerdictPrefix + slo + "_bound", VerdictPrefix + slo + "_target");
}
