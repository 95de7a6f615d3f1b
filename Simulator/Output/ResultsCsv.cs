using System.Globalization;
using System.Text;
using CsvHelper;
using HdrHistogram;
using HdrHistogram.Iteration;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// Writes the CSV files of a results folder. Every file is UTF-8 without BOM, comma-separated,
/// <c>\n</c> line ends, a header row, invariant culture, numbers as <see cref="NumberText"/>
/// formats them (NaN → empty field), booleans <c>true</c>/<c>false</c>; text cells (names, kinds,
/// details) through <see cref="CsvCells"/>, so none is run as a spreadsheet formula; rows are
/// streamed to the file, never built up in memory.
/// </summary>
public static class ResultsCsv
{
    /// <summary>
    /// One row of <c>summary.csv</c>: a measure across replications, its unit as shown (a cost's in
    /// the scenario's currency), and the verdict of the SLO judged on it, if any.
    /// </summary>
    internal sealed record SummaryRow(MetricSummary Metric, string Currency, SloVerdict? Slo);

    /// <summary>
    /// The columns of <c>summary.csv</c>: the measure, then for a measure an SLO judges its target,
    /// the rule applied, the value judged (the 95% bound), the margin (how far that value is inside
    /// the target; negative when missed) and whether it is met; empty for the other measures.
    /// </summary>
    internal static readonly IReadOnlyList<CsvColumn<SummaryRow>> SummaryColumns =
    [
        CsvColumn.Text<SummaryRow>("metric", r => r.Metric.Name),
        CsvColumn.Text<SummaryRow>("unit", r => r.Metric.Unit == "currency" ? r.Currency : r.Metric.Unit),
        CsvColumn.Number<SummaryRow>("mean", r => r.Metric.Mean),
        CsvColumn.Number<SummaryRow>("ci95_low", r => r.Metric.Ci95Low),
        CsvColumn.Number<SummaryRow>("ci95_high", r => r.Metric.Ci95High),
        CsvColumn.Number<SummaryRow>("min", r => r.Metric.Min),
        CsvColumn.Number<SummaryRow>("max", r => r.Metric.Max),
        CsvColumn.Number<SummaryRow>("slo_target", r => r.Slo?.Target ?? double.NaN),
        CsvColumn.Text<SummaryRow>("slo_rule", r => r.Slo?.Rule ?? ""),
        CsvColumn.Number<SummaryRow>("slo_judged", r => r.Slo?.Bound ?? double.NaN),
        CsvColumn.Number<SummaryRow>("slo_margin", r => r.Slo?.Margin ?? double.NaN),
        CsvColumn.Text<SummaryRow>("slo_met", r => r.Slo is null ? "" : NumberText.Format(r.Slo.Met)),
    ];

    /// <summary>Header of <c>summary.csv</c>.</summary>
    public static readonly string[] SummaryHeader = CsvColumn.Names(SummaryColumns);

    /// <summary>The columns of <c>timeseries.csv</c>: written, headed and read back by this one list.</summary>
    internal static readonly IReadOnlyList<CsvColumn<TimeSeriesRow>> TimeSeriesColumns =
    [
        CsvColumn.Int<TimeSeriesRow>("replication", r => r.Replication, (r, v) => r with { Replication = v }),
        CsvColumn.Number<TimeSeriesRow>("time_s", r => r.TimeS, (r, v) => r with { TimeS = v }),
        CsvColumn.Whole<TimeSeriesRow>("arrivals", r => r.Arrivals, (r, v) => r with { Arrivals = v }),
        CsvColumn.Whole<TimeSeriesRow>("attempts", r => r.Attempts, (r, v) => r with { Attempts = v }),
        CsvColumn.Whole<TimeSeriesRow>("succeeded", r => r.Succeeded, (r, v) => r with { Succeeded = v }),
        CsvColumn.Whole<TimeSeriesRow>("throttled", r => r.Throttled, (r, v) => r with { Throttled = v }),
        CsvColumn.Whole<TimeSeriesRow>("failed", r => r.Failed, (r, v) => r with { Failed = v }),
        CsvColumn.Whole<TimeSeriesRow>("timeouts", r => r.Timeouts, (r, v) => r with { Timeouts = v }),
        CsvColumn.Number<TimeSeriesRow>("units_desired", r => r.UnitsDesired, (r, v) => r with { UnitsDesired = v }),
        CsvColumn.Number<TimeSeriesRow>("units_ready", r => r.UnitsReady, (r, v) => r with { UnitsReady = v }),
        CsvColumn.Number<TimeSeriesRow>("capacity_tps", r => r.CapacityTps, (r, v) => r with { CapacityTps = v }),
        CsvColumn.Number<TimeSeriesRow>("utilization", r => r.Utilization, (r, v) => r with { Utilization = v }),
        CsvColumn.Number<TimeSeriesRow>("latency_p50_s", r => r.LatencyP50S, (r, v) => r with { LatencyP50S = v }),
        CsvColumn.Number<TimeSeriesRow>("latency_p99_s", r => r.LatencyP99S, (r, v) => r with { LatencyP99S = v }),
        CsvColumn.Number<TimeSeriesRow>("cost", r => r.Cost, (r, v) => r with { Cost = v }),
    ];

    /// <summary>The columns of <c>zones.csv</c>.</summary>
    internal static readonly IReadOnlyList<CsvColumn<ZoneRow>> ZonesColumns =
    [
        CsvColumn.Int<ZoneRow>("replication", r => r.Replication, (r, v) => r with { Replication = v }),
        CsvColumn.Number<ZoneRow>("time_s", r => r.TimeS, (r, v) => r with { TimeS = v }),
        CsvColumn.Text<ZoneRow>("zone", r => r.Zone, (r, v) => r with { Zone = v }),
        CsvColumn.Flag<ZoneRow>("up", r => r.Up, (r, v) => r with { Up = v }),
        CsvColumn.Int<ZoneRow>("units_ready", r => r.UnitsReady, (r, v) => r with { UnitsReady = v }),
        CsvColumn.Int<ZoneRow>("units_provisioning", r => r.UnitsProvisioning, (r, v) => r with { UnitsProvisioning = v }),
    ];

    /// <summary>The columns of <c>events.csv</c>. A row without a unit leaves <c>unit</c> empty.</summary>
    internal static readonly IReadOnlyList<CsvColumn<EventRow>> EventsColumns =
    [
        CsvColumn.Int<EventRow>("replication", r => r.Replication, (r, v) => r with { Replication = v }),
        CsvColumn.Number<EventRow>("time_s", r => r.TimeS, (r, v) => r with { TimeS = v }),
        CsvColumn.Text<EventRow>("kind", r => r.Kind, (r, v) => r with { Kind = v }),
        CsvColumn.Text<EventRow>("zone", r => r.Zone, (r, v) => r with { Zone = v }),
        new(
            "unit",
            (csv, r) => csv.WriteField(r.Unit < 0 ? "" : NumberText.Format(r.Unit)),
            (r, row) => r with { Unit = row.String("unit").Length == 0 ? -1 : row.Int("unit") }),
        CsvColumn.Text<EventRow>("detail", r => r.Detail, (r, v) => r with { Detail = v }),
    ];

    /// <summary>The columns of <c>requests.csv</c> (not read back).</summary>
    internal static readonly IReadOnlyList<CsvColumn<RequestRow>> RequestsColumns =
    [
        CsvColumn.Int<RequestRow>("replication", r => r.Replication),
        CsvColumn.Whole<RequestRow>("request", r => r.Request),
        CsvColumn.Text<RequestRow>("source", r => r.Source),
        CsvColumn.Number<RequestRow>("arrival_s", r => r.ArrivalS),
        CsvColumn.Number<RequestRow>("end_s", r => r.EndS),
        CsvColumn.Text<RequestRow>("outcome", r => r.Outcome),
        CsvColumn.Int<RequestRow>("attempts", r => r.Attempts),
        CsvColumn.Int<RequestRow>("image", r => r.Image),
        CsvColumn.Number<RequestRow>("latency_s", r => r.LatencyS),
        CsvColumn.Text<RequestRow>("zone", r => r.Zone),
    ];

    /// <summary>Header of <c>timeseries.csv</c>.</summary>
    public static readonly string[] TimeSeriesHeader = CsvColumn.Names(TimeSeriesColumns);

    /// <summary>Header of <c>zones.csv</c>.</summary>
    public static readonly string[] ZonesHeader = CsvColumn.Names(ZonesColumns);

    /// <summary>Header of <c>events.csv</c>.</summary>
    public static readonly string[] EventsHeader = CsvColumn.Names(EventsColumns);

    /// <summary>Header of <c>requests.csv</c>.</summary>
    public static readonly string[] RequestsHeader = CsvColumn.Names(RequestsColumns);

    /// <summary>
    /// Header of <c>latency_histogram.csv</c>: for each replication, one row per non-empty bucket of its
    /// client-latency histogram — the bucket's highest equivalent value in seconds, its count, and the
    /// share of the replication's requests at or below it. Reading it back rebuilds the histogram
    /// bucket for bucket (so percentiles and the merged CDF are exact to the histogram's precision).
    /// </summary>
    public static readonly string[] LatencyHistogramHeader = ["replication", "latency_s", "count", "cumulative_fraction"];

    private const int CancellationCheckRows = 4096;

    /// <summary>The CsvHelper options every output file uses (RFC 4180 quoting only when needed).</summary>
    internal static CsvWriterOptions WriterOptions { get; } = new()
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        Quoting = CsvQuoting.WhenNeeded,
        Injection = CsvInjection.None,
        WriteByteOrderMark = false,
    };

    /// <summary>Writes <c>summary.csv</c>.</summary>
    public static void WriteSummary(RunResult result, string path, CancellationToken ct = default) =>
        WriteSummary(result, header => Open(path, header), ct);

    /// <summary>Writes <c>summary.csv</c> into the writer <paramref name="open"/> makes (given the header).</summary>
    internal static void WriteSummary(RunResult result, Func<IReadOnlyList<string>, CsvWriter> open, CancellationToken ct)
    {
        using var csv = open(SummaryHeader);
        foreach (MetricSummary m in result.Metrics)
        {
            ct.ThrowIfCancellationRequested();
            SloVerdict? slo = result.Slo.FirstOrDefault(v => DisplayText.SloMeasure(v) == m.Name);
            CsvColumn.WriteRow(csv, SummaryColumns, new SummaryRow(m, result.Currency, slo));
        }
    }

    /// <summary>
    /// The measure columns of <c>replications.csv</c>: every name of <see cref="MeasureNames.All"/>,
    /// then those of <see cref="MeasureNames.Outage"/> when the run has outage windows, then any other
    /// measure a replication carries, in ordinal order.
    /// </summary>
    public static IReadOnlyList<string> MeasureColumns(RunResult result)
    {
        var columns = MeasureNames.All.Select(m => m.Name).ToList();
        if (result.Replications.Any(r => r.Measures.ContainsKey(MeasureNames.Outage[0].Name)))
        {
            columns.AddRange(MeasureNames.Outage.Select(m => m.Name));
        }

        var known = new HashSet<string>(columns, StringComparer.Ordinal);
        var extra = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (string name in r.Measures.Keys)
            {
                if (!known.Contains(name))
                {
                    extra.Add(name);
                }
            }
        }

        columns.AddRange(extra);
        return columns;
    }

    /// <summary>Writes <c>replications.csv</c>: <c>replication</c>, then one column per measure.</summary>
    public static void WriteReplications(RunResult result, string path, CancellationToken ct = default) =>
        WriteReplications(result, header => Open(path, header), ct);

    /// <summary>Writes <c>replications.csv</c> into the writer <paramref name="open"/> makes (given the header).</summary>
    internal static void WriteReplications(RunResult result, Func<IReadOnlyList<string>, CsvWriter> open, CancellationToken ct)
    {
        IReadOnlyList<string> columns = MeasureColumns(result);
        using var csv = open(["replication", .. columns]);
        foreach (ReplicationResult r in result.Replications)
        {
            ct.ThrowIfCancellationRequested();
            csv.WriteField(NumberText.Format(r.Replication));
            foreach (string name in columns)
            {
                csv.WriteField(NumberText.Format(r.Measures.TryGetValue(name, out double v) ? v : double.NaN));
            }

            csv.EndRecord();
        }
    }

    /// <summary>Writes <c>timeseries.csv</c>.</summary>
    public static void WriteTimeSeries(RunResult result, string path, CancellationToken ct = default) =>
        WriteTimeSeries(result, header => Open(path, header), ct);

    /// <summary>Writes <c>timeseries.csv</c> into the writer <paramref name="open"/> makes (given the header).</summary>
    internal static void WriteTimeSeries(RunResult result, Func<IReadOnlyList<string>, CsvWriter> open, CancellationToken ct) =>
        WriteRows(open, TimeSeriesColumns, result, r => r.TimeSeries, ct);

    /// <summary>Writes <c>zones.csv</c>.</summary>
    public static void WriteZones(RunResult result, string path, CancellationToken ct = default) =>
        WriteZones(result, header => Open(path, header), ct);

    /// <summary>Writes <c>zones.csv</c> into the writer <paramref name="open"/> makes (given the header).</summary>
    internal static void WriteZones(RunResult result, Func<IReadOnlyList<string>, CsvWriter> open, CancellationToken ct) =>
        WriteRows(open, ZonesColumns, result, r => r.Zones, ct);

    /// <summary>Writes <c>events.csv</c>.</summary>
    public static void WriteEvents(RunResult result, string path, CancellationToken ct = default) =>
        WriteEvents(result, header => Open(path, header), ct);

    /// <summary>Writes <c>events.csv</c> into the writer <paramref name="open"/> makes (given the header).</summary>
    internal static void WriteEvents(RunResult result, Func<IReadOnlyList<string>, CsvWriter> open, CancellationToken ct) =>
        WriteRows(open, EventsColumns, result, r => r.Events, ct);

    /// <summary>Whether any replication carries sampled requests (only then is <c>requests.csv</c> written).</summary>
    public static bool HasRequests(RunResult result) => result.Replications.Any(r => r.Requests.Count > 0);

    /// <summary>Writes <c>requests.csv</c>.</summary>
    public static void WriteRequests(RunResult result, string path, CancellationToken ct = default) =>
        WriteRows(header => Open(path, header), RequestsColumns, result, r => r.Requests, ct);

    /// <summary>Writes <c>latency_histogram.csv</c> (see <see cref="LatencyHistogramHeader"/>).</summary>
    public static void WriteLatencyHistogram(RunResult result, string path, CancellationToken ct = default) =>
        WriteLatencyHistogram(result, header => Open(path, header), ct);

    /// <summary>Writes <c>latency_histogram.csv</c> into the writer <paramref name="open"/> makes (given the header).</summary>
    internal static void WriteLatencyHistogram(RunResult result, Func<IReadOnlyList<string>, CsvWriter> open, CancellationToken ct)
    {
        using var csv = open(LatencyHistogramHeader);
        int n = 0;
        foreach (ReplicationResult r in result.Replications)
        {
            long total = r.LatencyMicros.TotalCount;
            long cumulative = 0;
            foreach (HistogramIterationValue v in r.LatencyMicros.RecordedValues())
            {
                CheckEvery(ref n, ct);
                long count = v.CountAddedInThisIterationStep;
                cumulative += count;
                csv.WriteField(NumberText.Format(r.Replication));
                csv.WriteField(NumberText.Format(v.ValueIteratedTo / 1e6));
                csv.WriteField(NumberText.Format(count));
                csv.WriteField(NumberText.Format(total == 0 ? double.NaN : (double)cumulative / total));
                csv.EndRecord();
            }
        }
    }

    /// <summary>Merges the latency histograms of every replication into one (microseconds).</summary>
    public static LongHistogram MergedLatency(RunResult result)
    {
        long highest = 2;
        int digits = 3;
        foreach (ReplicationResult r in result.Replications)
        {
            highest = Math.Max(highest, r.LatencyMicros.HighestTrackableValue);
            digits = Math.Max(digits, r.LatencyMicros.NumberOfSignificantValueDigits);
        }

        var merged = new LongHistogram(1, highest, digits);
        foreach (ReplicationResult r in result.Replications)
        {
            merged.Add(r.LatencyMicros);
        }

        return merged;
    }

    /// <summary>Writes a file of <paramref name="columns"/>: the header, then every replication's rows in order.</summary>
    private static void WriteRows<T>(Func<IReadOnlyList<string>, CsvWriter> open, IReadOnlyList<CsvColumn<T>> columns, RunResult result, Func<ReplicationResult, IEnumerable<T>> rows, CancellationToken ct)
    {
        using var csv = open(CsvColumn.Names(columns));
        int n = 0;
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (T row in rows(r))
            {
                CheckEvery(ref n, ct);
                CsvColumn.WriteRow(csv, columns, row);
            }
        }
    }

    /// <summary>Creates <paramref name="path"/> (never over an existing file) and writes the header row.</summary>
    internal static CsvWriter Open(string path, IReadOnlyList<string> header) =>
        Open(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), header);

    /// <summary>A CSV writer over <paramref name="stream"/> (closed with the writer) that has written the header row.</summary>
    internal static CsvWriter Open(Stream stream, IReadOnlyList<string> header)
    {
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        CsvWriter csv = CsvWriter.Create(writer, WriterOptions, leaveOpen: false);
        foreach (string h in header)
        {
            CsvCells.Write(csv, h);
        }

        csv.EndRecord();
        return csv;
    }

    private static void CheckEvery(ref int n, CancellationToken ct)
    {
        if ((++n & (CancellationCheckRows - 1)) == 0)
        {
            ct.ThrowIfCancellationRequested();
        }
    }
}
