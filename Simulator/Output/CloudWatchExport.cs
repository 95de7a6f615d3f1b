using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using LookoutSim.Experiments.Observed;
using LookoutSim.Metrics;
using LookoutSim.Scenarios;

namespace LookoutSim.Output;

/// <summary>One exported series: a metric and its datapoints, newest first (as <c>get-metric-data</c> returns them).</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Timestamps">Each datapoint's period start, newest first.</param>
/// <param name="Values">Each datapoint's value, in the metric's unit.</param>
public sealed record CloudWatchExportSeries(CloudWatchMetric Metric, IReadOnlyList<DateTimeOffset> Timestamps, IReadOnlyList<double> Values);

/// <summary>
/// <c>lookoutsim export cloudwatch</c>: one replication's per-interval series of a results folder as
/// the JSON of <c>aws cloudwatch get-metric-data</c>, in the service's metric names.
/// </summary>
/// <remarks>
/// <para>What each metric counts (the service counts attempts; SDK retries make one request several
/// attempts): <c>SuccessfulRequestCount</c> and <c>ProcessedImageCount</c> are the requests that
/// succeeded in the period (each succeeds on exactly one attempt); <c>ThrottledCount</c> the attempts
/// throttled (retries included, as the service sees them); <c>ErrorCount</c>/<c>ServerErrorCount</c>
/// the requests that ended failed in the period, after the client's retries (the per-interval series
/// keeps failed requests, not failed attempts); <c>InvalidImageCount</c>/<c>UserErrorCount</c> 0 (the
/// model has no invalid images); <c>Time</c>/<c>ResponseTime</c> the median client latency of the
/// requests that succeeded in the period, in milliseconds (no datapoint when none succeeded);
/// <c>InServiceInferenceUnits</c> the ready units averaged over the period;
/// <c>DesiredInferenceUnits</c> the allocation at the period's end; <c>Min</c>/<c>MaxInferenceUnits</c>
/// the deployment's <c>min_units</c>/<c>max_units</c>.</para>
/// <para>Timestamps are the scenario's <c>start</c> plus each interval's start, in UTC
/// (<c>2024-01-01T00:05:00+00:00</c>, as the AWS CLI prints them). Only whole periods are written
/// (a last interval cut short by the horizon is left out). Counts are written for every period,
/// zeros included.</para>
/// <para>Pages: with a page size, each file holds at most that many datapoints of each metric (the
/// newest first); every page but the last has <c>StatusCode</c> <c>PartialData</c> and a
/// <c>NextToken</c>, as paged <c>get-metric-data</c> output does.</para>
/// </remarks>
public static partial class CloudWatchExport
{
    /// <summary>Periods CloudWatch stores: 1, 5, 10 and 30 s (high resolution) and any multiple of 60 s.</summary>
    public static bool IsCloudWatchPeriod(double seconds) =>
        seconds is 1 or 5 or 10 or 30 || (seconds >= 60 && Math.Abs(seconds % 60) < 1e-9);

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The exported series of one replication, one per metric of <paramref name="ns"/>, in catalogue order.</summary>
    /// <param name="rows">The replication's time series.</param>
    /// <param name="intervalS">Its interval, seconds.</param>
    /// <param name="horizonS">The run's horizon, seconds.</param>
    /// <param name="start">The scenario's start.</param>
    /// <param name="ns">The namespace (<see cref="CloudWatchMetrics.LookoutVision"/> or <see cref="CloudWatchMetrics.Rekognition"/>).</param>
    /// <param name="minUnits">The deployment's <c>min_units</c>.</param>
    /// <param name="maxUnits">The deployment's <c>max_units</c>.</param>
    public static IReadOnlyList<CloudWatchExportSeries> Series(
        IReadOnlyList<TimeSeriesRow> rows, double intervalS, double horizonS, DateTimeOffset start, string ns, int minUnits, int maxUnits)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var whole = rows.Where(r => r.TimeS + intervalS <= horizonS + 1e-6).OrderByDescending(r => r.TimeS).ToList();
        var series = new List<CloudWatchExportSeries>();
        foreach (CloudWatchMetric metric in CloudWatchMetrics.In(ns))
        {
            var times = new List<DateTimeOffset>(whole.Count);
            var values = new List<double>(whole.Count);
            foreach (TimeSeriesRow row in whole)
            {
                double v = BacktestSeries.Exported(metric.Kind, row, minUnits, maxUnits);
                if (metric.Kind == ObservedKind.Latency)
                {
                    v *= 1000; // seconds → the metric's Milliseconds
                }

                if (double.IsFinite(v))
                {
                    times.Add(start.AddSeconds(Math.Round(row.TimeS)).ToUniversalTime());
                    values.Add(v);
                }
            }

            series.Add(new CloudWatchExportSeries(metric, times, values));
        }

        return series;
    }

    /// <summary>The number of pages <paramref name="series"/> takes at <paramref name="pageSize"/> datapoints per metric (at least 1).</summary>
    public static int PageCount(IReadOnlyList<CloudWatchExportSeries> series, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(series);
        int longest = series.Count == 0 ? 0 : series.Max(s => s.Values.Count);
        return Math.Max(1, (longest + pageSize - 1) / pageSize);
    }

    /// <summary>Writes page <paramref name="page"/> (from 0) of <paramref name="pages"/>, <paramref name="pageSize"/> datapoints per metric.</summary>
    public static void WritePage(IReadOnlyList<CloudWatchExportSeries> series, int page, int pages, int pageSize, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteStartArray("MetricDataResults");
        foreach (CloudWatchExportSeries s in series)
        {
            json.WriteStartObject();
            json.WriteString("Id", "m_" + s.Metric.Name.ToLowerInvariant());
            json.WriteString("Label", s.Metric.Name);
            int from = Math.Min(s.Values.Count, page * pageSize);
            int to = Math.Min(s.Values.Count, from + pageSize);
            json.WriteStartArray("Timestamps");
            for (int i = from; i < to; i++)
            {
                json.WriteStringValue(s.Timestamps[i].UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
            }

            json.WriteEndArray();
            json.WriteStartArray("Values");
            for (int i = from; i < to; i++)
            {
                json.WriteNumberValue(s.Values[i]);
            }

            json.WriteEndArray();
            json.WriteString("StatusCode", page + 1 < pages ? "PartialData" : "Complete");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (page + 1 < pages)
        {
            json.WriteString("NextToken", string.Create(CultureInfo.InvariantCulture, $"lookoutsim-page-{page + 2}"));
        }

        json.WriteStartArray("Messages");
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>
    /// The files <c>--out FILE</c> names: FILE itself for one page; else <c>FILE-1.json</c>,
    /// <c>FILE-2.json</c>, … (FILE without its <c>.json</c>).
    /// </summary>
    public static IReadOnlyList<string> FileNames(string file, int pages, bool paged)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!paged)
        {
            return [file];
        }

        string stem = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? file[..^5] : file;
        return [.. Enumerable.Range(1, pages).Select(p => string.Create(CultureInfo.InvariantCulture, $"{stem}-{p}.json"))];
    }

    /// <summary>
    /// Writes every page, each through a temporary file renamed into place; an existing file is
    /// replaced only with <paramref name="force"/> (checked for every page before any is written).
    /// </summary>
    /// <returns>The full paths written.</returns>
    /// <exception cref="OutputException">A target exists without <paramref name="force"/>, is a folder or a link, or cannot be written.</exception>
    public static IReadOnlyList<string> Write(IReadOnlyList<CloudWatchExportSeries> series, string file, int? pageSize, bool force)
    {
        ArgumentNullException.ThrowIfNull(series);
        int size = pageSize ?? int.MaxValue;
        int pages = pageSize is null ? 1 : PageCount(series, size);
        IReadOnlyList<string> names = FileNames(file, pages, pageSize is not null);
        foreach (string name in names)
        {
            if (Directory.Exists(name))
            {
                throw new OutputException($"'{OutputFolder.Shown(name)}' is a folder; --out names a file");
            }

            if (SafePath.IsLink(name))
            {
                throw new OutputException($"'{OutputFolder.Shown(name)}' is a link; LookoutSim does not write through links (remove it and run again)");
            }

            if (File.Exists(name) && !force)
            {
                throw new OutputException($"'{OutputFolder.Shown(name)}' exists; use --force to replace it");
            }
        }

        var written = new List<string>();
        for (int p = 0; p < pages; p++)
        {
            string full = Path.GetFullPath(names[p]);
            string temp = "";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                temp = OutputFolder.TempFileFor(full);
                File.Delete(temp);
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    WritePage(series, p, pages, size, stream);
                }

                File.Move(temp, full, overwrite: force);
                written.Add(full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (temp.Length > 0)
                {
                    File.Delete(temp);
                }

                throw new OutputException($"cannot write '{OutputFolder.Shown(names[p])}': {OutputFolder.Shown(ex.Message)}", ex);
            }
        }

        return written;
    }

    /// <summary>
    /// What an export needs from a results folder's <c>scenario.resolved.yaml</c>: the scenario's
    /// <c>start</c>, its <c>provider</c> and the deployment's <c>min_units</c> and <c>max_units</c>
    /// (read from the lines LookoutSim wrote, so that the trace files it names need not be where they were).
    /// </summary>
    /// <exception cref="OutputException">The file is missing or lacks one of them.</exception>
    public static (DateTimeOffset Start, string? Provider, int MinUnits, int MaxUnits) ReadScenario(string dir)
    {
        string path = Path.Combine(dir, ResultsFolder.ScenarioFile);
        if (!File.Exists(path))
        {
            throw new OutputException($"'{OutputFolder.Shown(dir)}' has no {ResultsFolder.ScenarioFile}; the export needs the scenario's start");
        }

        string yaml = File.ReadAllText(path);
        DateTimeOffset start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (StartLine().Match(yaml) is { Success: true } m && !ScenarioValues.TryParseTimestamp(m.Groups[1].Value, out start, out string error))
        {
            throw new OutputException($"{OutputFolder.Shown(path)}: start ({OutputFolder.Shown(m.Groups[1].Value)}) is not a timestamp: {error}");
        }

        Match min = MinUnitsLine().Match(yaml);
        Match max = MaxUnitsLine().Match(yaml);
        if (!min.Success || !max.Success ||
            !int.TryParse(min.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int minUnits) ||
            !int.TryParse(max.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int maxUnits))
        {
            throw new OutputException($"{OutputFolder.Shown(path)}: no deployment.min_units and max_units; not a resolved scenario LookoutSim wrote");
        }

        Match provider = ProviderLine().Match(yaml);
        return (start, provider.Success ? provider.Groups[1].Value : null, minUnits, maxUnits);
    }

    [GeneratedRegex(@"^start:\s*[""']?([0-9T:.+\-Z ]+?)[""']?\s*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex StartLine();

    [GeneratedRegex(@"^provider:\s*[""']?([a-z0-9\-]+)[""']?\s*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex ProviderLine();

    [GeneratedRegex(@"^  min_units:\s*([0-9]+)\s*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex MinUnitsLine();

    [GeneratedRegex(@"^  max_units:\s*([0-9]+)\s*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex MaxUnitsLine();
}
