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
    /// <summary>Header of <c>summary.csv</c>.</summary>
    public static readonly string[] SummaryHeader = ["metric", "unit", "mean", "ci95_low", "ci95_high", "min", "max"];

    /// <summary>Header of <c>timeseries.csv</c>.</summary>
    public static readonly string[] TimeSeriesHeader =
    [
        "replication", "time_s", "arrivals", "attempts", "succeeded", "throttled", "failed", "timeouts",
        "units_desired", "units_ready", "capacity_tps", "utilization", "latency_p50_s", "latency_p99_s", "cost",
    ];

    /// <summary>Header of <c>zones.csv</c>.</summary>
    public static readonly string[] ZonesHeader = ["replication", "time_s", "zone", "up", "units_ready", "units_provisioning"];

    /// <summary>Header of <c>events.csv</c>. A row without a unit leaves <c>unit</c> empty.</summary>
    public static readonly string[] EventsHeader = ["replication", "time_s", "kind", "zone", "unit", "detail"];

    /// <summary>Header of <c>requests.csv</c>.</summary>
    public static readonly string[] RequestsHeader =
        ["replication", "request", "source", "arrival_s", "end_s", "outcome", "attempts", "image", "latency_s", "zone"];

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
    public static void WriteSummary(RunResult result, string path, CancellationToken ct = default)
    {
        using var csv = Open(path, SummaryHeader);
        foreach (MetricSummary m in result.Metrics)
        {
            ct.ThrowIfCancellationRequested();
            CsvCells.Write(csv, m.Name);
            CsvCells.Write(csv, m.Unit);
            csv.WriteField(NumberText.Format(m.Mean));
            csv.WriteField(NumberText.Format(m.Ci95Low));
            csv.WriteField(NumberText.Format(m.Ci95High));
            csv.WriteField(NumberText.Format(m.Min));
            csv.WriteField(NumberText.Format(m.Max));
            csv.EndRecord();
        }
    }

    /// <summary>
    /// The measure columns of <c>replications.csv</c>: every name of <see cref="MeasureNames.All"/>,
    /// then any other measure a replication carries, in ordinal order.
    /// </summary>
    public static IReadOnlyList<string> MeasureColumns(RunResult result)
    {
        var columns = MeasureNames.All.Select(m => m.Name).ToList();
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
    public static void WriteReplications(RunResult result, string path, CancellationToken ct = default)
    {
        IReadOnlyList<string> columns = MeasureColumns(result);
        using var csv = Open(path, ["replication", .. columns]);
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
    public static void WriteTimeSeries(RunResult result, string path, CancellationToken ct = default)
    {
        using var csv = Open(path, TimeSeriesHeader);
        int n = 0;
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (TimeSeriesRow row in r.TimeSeries)
            {
                CheckEvery(ref n, ct);
                csv.WriteField(NumberText.Format(row.Replication));
                csv.WriteField(NumberText.Format(row.TimeS));
                csv.WriteField(NumberText.Format(row.Arrivals));
                csv.WriteField(NumberText.Format(row.Attempts));
                csv.WriteField(NumberText.Format(row.Succeeded));
                csv.WriteField(NumberText.Format(row.Throttled));
                csv.WriteField(NumberText.Format(row.Failed));
                csv.WriteField(NumberText.Format(row.Timeouts));
                csv.WriteField(NumberText.Format(row.UnitsDesired));
                csv.WriteField(NumberText.Format(row.UnitsReady));
                csv.WriteField(NumberText.Format(row.CapacityTps));
                csv.WriteField(NumberText.Format(row.Utilization));
                csv.WriteField(NumberText.Format(row.LatencyP50S));
                csv.WriteField(NumberText.Format(row.LatencyP99S));
                csv.WriteField(NumberText.Format(row.Cost));
                csv.EndRecord();
            }
        }
    }

    /// <summary>Writes <c>zones.csv</c>.</summary>
    public static void WriteZones(RunResult result, string path, CancellationToken ct = default)
    {
        using var csv = Open(path, ZonesHeader);
        int n = 0;
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (ZoneRow row in r.Zones)
            {
                CheckEvery(ref n, ct);
                csv.WriteField(NumberText.Format(row.Replication));
                csv.WriteField(NumberText.Format(row.TimeS));
                CsvCells.Write(csv, row.Zone);
                csv.WriteField(NumberText.Format(row.Up));
                csv.WriteField(NumberText.Format(row.UnitsReady));
                csv.WriteField(NumberText.Format(row.UnitsProvisioning));
                csv.EndRecord();
            }
        }
    }

    /// <summary>Writes <c>events.csv</c>.</summary>
    public static void WriteEvents(RunResult result, string path, CancellationToken ct = default)
    {
        using var csv = Open(path, EventsHeader);
        int n = 0;
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (EventRow row in r.Events)
            {
                CheckEvery(ref n, ct);
                csv.WriteField(NumberText.Format(row.Replication));
                csv.WriteField(NumberText.Format(row.TimeS));
                CsvCells.Write(csv, row.Kind);
                CsvCells.Write(csv, row.Zone);
                csv.WriteField(row.Unit < 0 ? "" : NumberText.Format(row.Unit));
                CsvCells.Write(csv, row.Detail);
                csv.EndRecord();
            }
        }
    }

    /// <summary>Whether any replication carries sampled requests (only then is <c>requests.csv</c> written).</summary>
    public static bool HasRequests(RunResult result) => result.Replications.Any(r => r.Requests.Count > 0);

    /// <summary>Writes <c>requests.csv</c>.</summary>
    public static void WriteRequests(RunResult result, string path, CancellationToken ct = default)
    {
        using var csv = Open(path, RequestsHeader);
        int n = 0;
        foreach (ReplicationResult r in result.Replications)
        {
            foreach (RequestRow row in r.Requests)
            {
                CheckEvery(ref n, ct);
                csv.WriteField(NumberText.Format(row.Replication));
                csv.WriteField(NumberText.Format(row.Request));
                CsvCells.Write(csv, row.Source);
                csv.WriteField(NumberText.Format(row.ArrivalS));
                csv.WriteField(NumberText.Format(row.EndS));
                CsvCells.Write(csv, row.Outcome);
                csv.WriteField(NumberText.Format(row.Attempts));
                csv.WriteField(NumberText.Format(row.Image));
                csv.WriteField(NumberText.Format(row.LatencyS));
                CsvCells.Write(csv, row.Zone);
                csv.EndRecord();
            }
        }
    }

    /// <summary>Writes <c>latency_histogram.csv</c> (see <see cref="LatencyHistogramHeader"/>).</summary>
    public static void WriteLatencyHistogram(RunResult result, string path, CancellationToken ct = default)
    {
        using var csv = Open(path, LatencyHistogramHeader);
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

    /// <summary>Creates <paramref name="path"/> (never over an existing file) and writes the header row.</summary>
    internal static CsvWriter Open(string path, IReadOnlyList<string> header)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
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
