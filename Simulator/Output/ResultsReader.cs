using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using HdrHistogram;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// Reads a results folder back into a <see cref="RunResult"/>, so that <c>lookoutsim plot</c> and
/// <c>lookoutsim report</c> can redraw from the files alone: <c>summary.json</c> (required) gives
/// the metadata, measures and SLO verdicts; <c>replications.csv</c>, <c>timeseries.csv</c>,
/// <c>zones.csv</c>, <c>events.csv</c> and <c>latency_histogram.csv</c> the rows (each optional);
/// <c>scenario.resolved.yaml</c> the scenario text, its preset notes and the currency. Text cells
/// are read back as <see cref="CsvCells"/> wrote them.
/// </summary>
/// <remarks>The time-series interval is the step between the first two rows of a replication
/// (60 s when there are fewer); zone names come in order of first appearance in <c>zones.csv</c>;
/// the currency is the scenario's <c>currency:</c> value (USD when it names none). Requests are
/// not read back (no chart uses them).</remarks>
public static partial class ResultsReader
{
    private static readonly CsvReaderOptions Options = new()
    {
        TrackLineNumbers = true,
        FormatProvider = CultureInfo.InvariantCulture,
        DetectSeparatorHint = false,
        Separator = ',',
    };

    /// <summary>The most replications a <c>summary.json</c> read back may claim (each gets its own rows in memory).</summary>
    public const int MaxReplications = 1_000_000;

    /// <summary>Reads the folder at <paramref name="dir"/>.</summary>
    /// <exception cref="OutputException">The folder is missing, is not a results folder, or a file is malformed.</exception>
    public static RunResult Read(string dir)
    {
        if (!Directory.Exists(dir))
        {
            throw new OutputException($"'{dir}' does not exist");
        }

        string summaryPath = Path.Combine(dir, ResultsFolder.SummaryJsonFile);
        if (!File.Exists(summaryPath))
        {
            throw new OutputException($"'{dir}' is not a results folder (no {ResultsFolder.SummaryJsonFile})");
        }

        Summary summary = ReadSummary(summaryPath);
        if (summary.Replications is < 0 or > MaxReplications)
        {
            throw new OutputException(string.Create(CultureInfo.InvariantCulture, $"{summaryPath}: replications is {summary.Replications}; a results folder holds 0 to {MaxReplications}"));
        }

        var reps = new SortedDictionary<int, Builder>();
        for (int k = 0; k < summary.Replications; k++)
        {
            reps[k] = new Builder(k);
        }

        Builder Rep(int k)
        {
            if (!reps.TryGetValue(k, out Builder? b))
            {
                b = new Builder(k);
                reps[k] = b;
            }

            return b;
        }

        ReadCsv(dir, ResultsFolder.ReplicationsFile, ["replication"], row =>
        {
            Builder b = Rep(row.Int("replication"));
            foreach (string column in row.Headers)
            {
                if (column != "replication")
                {
                    b.Measures[CsvCells.Read(column)] = row.Double(column);
                }
            }
        });

        var noTime = new TimeSeriesRow { Replication = 0, TimeS = 0 };
        ReadCsv(dir, ResultsFolder.TimeSeriesFile, ResultsCsv.TimeSeriesHeader, row =>
        {
            TimeSeriesRow r = CsvColumn.ReadRow(row, ResultsCsv.TimeSeriesColumns, noTime);
            Rep(r.Replication).TimeSeries.Add(r);
        });

        var zoneNames = new List<string>();
        var noZone = new ZoneRow { Replication = 0, TimeS = 0, Zone = "" };
        ReadCsv(dir, ResultsFolder.ZonesFile, ResultsCsv.ZonesHeader, row =>
        {
            ZoneRow r = CsvColumn.ReadRow(row, ResultsCsv.ZonesColumns, noZone);
            if (!zoneNames.Contains(r.Zone))
            {
                zoneNames.Add(r.Zone);
            }

            Rep(r.Replication).Zones.Add(r);
        });

        var noEvent = new EventRow { Replication = 0, TimeS = 0, Kind = "" };
        ReadCsv(dir, ResultsFolder.EventsFile, ResultsCsv.EventsHeader, row =>
        {
            EventRow r = CsvColumn.ReadRow(row, ResultsCsv.EventsColumns, noEvent);
            Rep(r.Replication).Events.Add(r);
        });

        ReadCsv(dir, ResultsFolder.LatencyHistogramFile, ResultsCsv.LatencyHistogramHeader[..3], row => // cumulative_fraction is derived
        {
            long micros = (long)Math.Round(row.Double("latency_s") * 1e6);
            long count = row.Long("count");
            if (micros < 0 || count < 0)
            {
                throw row.Error("latency_s", "a negative latency or count");
            }

            Rep(row.Int("replication")).Latency.Add((micros, count));
        });

        string yaml = "";
        IReadOnlyList<string> notes = [];
        IReadOnlyList<string> assumptions = [];
        string currency = "USD";
        LookoutSim.Scenarios.Scenario? scenario = null;
        string scenarioPath = Path.Combine(dir, ResultsFolder.ScenarioFile);
        if (File.Exists(scenarioPath))
        {
            (yaml, notes, assumptions) = ResultsFolder.SplitScenarioBlocks(File.ReadAllText(scenarioPath));
            Match m = CurrencyLine().Match(yaml);
            if (m.Success)
            {
                currency = m.Groups[1].Value;
            }

            // The start, time zone and description, for clock-time axes and the report. A resolved
            // scenario loads as it ran unless a trace file it names has gone; the charts then count
            // time from the start.
            scenario = LookoutSim.Scenarios.ScenarioLoader.LoadText(yaml, scenarioPath, dir).Scenario;
        }

        List<ReplicationResult> replications = reps.Values.Select(b => b.Build()).ToList();
        return new RunResult
        {
            Tool = summary.Tool,
            Version = summary.Version,
            Scenario = summary.Scenario,
            ScenarioSha256 = summary.Sha256,
            Seed = summary.Seed,
            HorizonS = summary.HorizonS,
            WarmupS = summary.WarmupS,
            IntervalS = Interval(replications),
            Description = scenario?.Description ?? "",
            Deployment = scenario is null ? "" : Experiments.DeploymentText.Describe(scenario),
            Start = scenario?.Start,
            TimeZone = scenario?.Timezone ?? TimeZoneInfo.Utc,
            Zones = zoneNames,
            Currency = currency,
            Metrics = summary.Metrics,
            Slo = summary.Slo,
            Replications = replications,
            ResolvedScenarioYaml = yaml,
            PresetNotes = notes,
            Assumptions = assumptions,
        };
    }

    private static double Interval(List<ReplicationResult> replications)
    {
        foreach (ReplicationResult r in replications)
        {
            if (r.TimeSeries.Count >= 2 && r.TimeSeries[1].TimeS > r.TimeSeries[0].TimeS)
            {
                return r.TimeSeries[1].TimeS - r.TimeSeries[0].TimeS;
            }
        }

        return 60;
    }

    private static Summary ReadSummary(string path)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            var metrics = new List<MetricSummary>();
            if (root.TryGetProperty("metrics", out JsonElement ms))
            {
                foreach (JsonProperty p in ms.EnumerateObject())
                {
                    JsonElement m = p.Value;
                    metrics.Add(new MetricSummary(
                        p.Name, Str(m, "unit"), Num(m, "mean"), Num(m, "ci95_low"), Num(m, "ci95_high"), Num(m, "min"), Num(m, "max")));
                }
            }

            var slo = new List<SloVerdict>();
            if (root.TryGetProperty("slo", out JsonElement ss))
            {
                foreach (JsonProperty p in ss.EnumerateObject())
                {
                    JsonElement s = p.Value;
                    slo.Add(new SloVerdict(
                        p.Name, Num(s, "target"), s.GetProperty("met_replications").GetInt32(), s.GetProperty("met").GetBoolean(),
                        Num(s, "mean"), Num(s, "judged"), Str(s, "rule")));
                }
            }

            return new Summary(
                Str(root, "tool"), Str(root, "version"), Str(root, "scenario"), Str(root, "scenario_sha256"),
                root.GetProperty("seed").GetUInt64(), root.GetProperty("replications").GetInt32(),
                Num(root, "horizon_s"), Num(root, "warmup_s"), metrics, slo);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new OutputException($"{path}: not a LookoutSim summary ({ex.Message})", ex);
        }
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static double Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    private static void ReadCsv(string dir, string file, IReadOnlyList<string> required, Action<Row> onRow)
    {
        string path = Path.Combine(dir, file);
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return;
        }

        using CsvReader csv = CsvReader.FromFile(path, Options);
        csv.ReadHeader();
        string[] missing = required.Where(h => !csv.TryGetFieldIndex(h, out _)).ToArray();
        if (missing.Length > 0)
        {
            throw new OutputException($"{path}: missing column(s) {string.Join(", ", missing)}");
        }

        var row = new Row(csv, path);
        while (csv.Read())
        {
            onRow(row);
        }
    }

    [GeneratedRegex(@"^\s*currency:\s*[""']?([A-Za-z]{3})[""']?\s*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex CurrencyLine();

    private sealed record Summary(
        string Tool, string Version, string Scenario, string Sha256, ulong Seed, int Replications, double HorizonS, double WarmupS,
        List<MetricSummary> Metrics, List<SloVerdict> Slo);

    /// <summary>The current row of a CSV file being read: cells by header, errors naming file, line and column.</summary>
    internal sealed class Row(CsvReader csv, string path)
    {
        public IReadOnlyList<string> Headers => csv.Headers;

        public string String(string column) => CsvCells.Read(csv.GetString(column));

        public double Double(string column)
        {
            string text = String(column);
            return NumberText.TryParse(text, out double v) ? v : throw Error(column, $"'{text}', not a number");
        }

        public long Long(string column)
        {
            string text = String(column);
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)
                ? v
                : throw Error(column, $"'{text}', not a whole number");
        }

        public int Int(string column) => checked((int)Long(column));

        public bool Bool(string column) => String(column) switch
        {
            "true" or "True" or "1" => true,
            "false" or "False" or "0" => false,
            string text => throw Error(column, $"'{text}', not true or false"),
        };

        public OutputException Error(string column, string what) =>
            new($"{path}, line {csv.LineNumber.ToString(CultureInfo.InvariantCulture)}, column {column}: {what}");
    }

    private sealed class Builder(int replication)
    {
        public Dictionary<string, double> Measures { get; } = new(StringComparer.Ordinal);

        public List<TimeSeriesRow> TimeSeries { get; } = [];

        public List<ZoneRow> Zones { get; } = [];

        public List<EventRow> Events { get; } = [];

        public List<(long Micros, long Count)> Latency { get; } = [];

        public ReplicationResult Build()
        {
            long highest = Math.Max(2, Latency.Count == 0 ? 2 : Latency.Max(l => l.Micros) * 2);
            var histogram = new LongHistogram(1, Math.Max(highest, 3_600_000_000L), 3);
            foreach ((long micros, long count) in Latency)
            {
                histogram.RecordValueWithCount(Math.Max(1, micros), count);
            }

            return new ReplicationResult
            {
                Replication = replication,
                Measures = Measures,
                LatencyMicros = histogram,
                TimeSeries = TimeSeries,
                Zones = Zones,
                Events = Events,
            };
        }
    }
}
