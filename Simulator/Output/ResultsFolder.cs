using System.Diagnostics;
using System.Globalization;
using System.Text;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// Writes a whole results folder (outputs spec) so that a folder that exists is complete: every
/// file goes into a hidden temporary folder beside the target (<c>.NAME.writing-XXXXXXXX</c>, same
/// parent, hence the same file system) which is renamed into place at the end. On any failure or
/// cancellation the temporary folder is deleted and nothing is left behind.
/// </summary>
/// <remarks>
/// <para>An existing target is never touched without <see cref="ResultsWriteOptions.Force"/>. With it,
/// the old folder is renamed aside, the new one renamed in, and the old one deleted; if the second
/// rename fails the old folder is put back. <c>--force</c> only replaces an empty folder or one
/// LookoutSim provably wrote (<see cref="OutputFolder"/>, <see cref="OutputManifest"/>).</para>
/// <para>Problems the user can fix raise <see cref="OutputException"/> (exit code 2).</para>
/// </remarks>
public static partial class ResultsFolder
{
    /// <summary>File names in a results folder.</summary>
    public const string SummaryJsonFile = "summary.json";

    /// <summary><c>summary.csv</c>.</summary>
    public const string SummaryCsvFile = "summary.csv";

    /// <summary><c>replications.csv</c>.</summary>
    public const string ReplicationsFile = "replications.csv";

    /// <summary><c>timeseries.csv</c>.</summary>
    public const string TimeSeriesFile = "timeseries.csv";

    /// <summary><c>zones.csv</c>.</summary>
    public const string ZonesFile = "zones.csv";

    /// <summary><c>events.csv</c>.</summary>
    public const string EventsFile = "events.csv";

    /// <summary><c>requests.csv</c> (only with sampled requests).</summary>
    public const string RequestsFile = "requests.csv";

    /// <summary><c>latency_histogram.csv</c>: the latency histograms, so that charts can be redrawn.</summary>
    public const string LatencyHistogramFile = "latency_histogram.csv";

    /// <summary><c>scenario.resolved.yaml</c>.</summary>
    public const string ScenarioFile = "scenario.resolved.yaml";

    /// <summary><c>report.html</c>.</summary>
    public const string ReportFile = "report.html";

    /// <summary><c>plots</c>.</summary>
    public const string PlotsFolder = "plots";

    /// <summary>The kind written in a results folder's manifest.</summary>
    public const string ManifestKind = "run";

    /// <summary>The longest path (characters) written inside a results folder: <c>plots/</c>, a chart's name, <c>.png</c>; the manifest.</summary>
    internal const int Deepest = 64;

    private const string PresetNotesHeading = "# Preset notes:";
    private const string PresetNoteLine = "# - ";
    private const string AssumptionsHeading = "# Assumptions (uncertain fields: nominal value, range, source):";

    /// <summary>
    /// Checks, before any simulation, that <paramref name="outDir"/> can receive a results folder:
    /// absent, or (with <paramref name="force"/>) a folder LookoutSim may replace.
    /// </summary>
    /// <returns>The full path of the target.</returns>
    /// <exception cref="OutputException">The target exists and may not be replaced.</exception>
    public static string CheckTarget(string outDir, bool force) => CheckTarget(outDir, force, []);

    /// <summary>
    /// Checks, before any simulation, that <paramref name="outDir"/> can receive a results folder
    /// (<see cref="OutputFolder.CheckTarget"/>): absent, or (with <paramref name="force"/>) a folder
    /// LookoutSim wrote and may replace, holding none of <paramref name="inputs"/>.
    /// </summary>
    /// <returns>The full path of the target.</returns>
    /// <exception cref="OutputException">The target exists and may not be replaced, or cannot be written.</exception>
    public static string CheckTarget(string outDir, bool force, IEnumerable<string> inputs) =>
        OutputFolder.CheckTarget(outDir, force, inputs, Deepest);

    /// <summary>
    /// Writes the whole results folder (CSV, JSON, scenario, charts, report dated by
    /// <see cref="ReportDate.Now"/>) for <paramref name="result"/> into <paramref name="outDir"/>,
    /// atomically (see the class remarks). What <c>lookoutsim run</c> calls.
    /// </summary>
    /// <returns>The full path of the folder written.</returns>
    /// <exception cref="OutputException">The target exists and may not be replaced, or cannot be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was left behind.</exception>
    public static string Write(RunResult result, string outDir, bool force, CancellationToken ct) =>
        Write(result, outDir, new ResultsWriteOptions { Force = force, ReportDate = ReportDate.Now() }, ct);

    /// <summary>
    /// Writes every file of the results folder for <paramref name="result"/> into
    /// <paramref name="outDir"/>, atomically (see the class remarks).
    /// </summary>
    /// <returns>The full path of the folder written.</returns>
    /// <exception cref="OutputException">The target exists and may not be replaced, or cannot be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was left behind.</exception>
    public static string Write(RunResult result, string outDir, ResultsWriteOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ResultsWriteOptions();
        long start = Stopwatch.GetTimestamp();
        string target = CheckTarget(outDir, options.Force, options.Inputs);
        string temp;
        try
        {
            temp = OutputFolder.BeginTemp(target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot write the results folder '{OutputFolder.Shown(outDir)}': {OutputFolder.Shown(ex.Message)}", ex);
        }

        try
        {
            WriteFiles(result, temp, options, ct);
            ct.ThrowIfCancellationRequested();
            OutputFolder.Commit(temp, target, outDir, options.Force, ManifestKind, options.Inputs);
            if (options.Timings is { } timings)
            {
                timings.TotalS = WriteTimings.Since(start);
            }

            return target;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            OutputFolder.Discard(temp);
            throw new OutputException($"cannot write the results folder '{OutputFolder.Shown(outDir)}': {OutputFolder.Shown(ex.Message)}", ex);
        }
        catch
        {
            OutputFolder.Discard(temp);
            throw;
        }
    }

    /// <summary>Writes the files into an existing (empty) folder, without the atomic rename.</summary>
    internal static void WriteFiles(RunResult result, string dir, ResultsWriteOptions options, CancellationToken ct)
    {
        void Done(string file)
        {
            options.AfterFile?.Invoke(file);
            ct.ThrowIfCancellationRequested();
        }

        ct.ThrowIfCancellationRequested();

        // The charts take longest to make: they are drawn on the other cores while this thread
        // writes the data files, then on this one too.
        WriteTimings? timings = options.Timings;
        using ChartDrawing? drawing = options.Charts || options.Report ? ChartDrawing.Start(result, ChartDrawing.Helpers, ct) : null;
        long t0 = Stopwatch.GetTimestamp();
        WriteDataFiles(result, dir, Done, ct);
        foreach (string file in options.ExtraFiles?.Invoke(dir) ?? [])
        {
            Done(file);
        }

        long t1 = Stopwatch.GetTimestamp();
        IReadOnlyList<Chart>? charts = drawing?.Finish();
        long t2 = Stopwatch.GetTimestamp();
        WriteChartsAndReport(result, dir, options, charts, Done);
        if (timings is not null)
        {
            timings.DataFilesS = Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
            timings.ChartsDrawnS = drawing?.DrawnS ?? 0;
            timings.WaitForChartsS = Stopwatch.GetElapsedTime(t1, t2).TotalSeconds;
            timings.ChartsAndReportS = WriteTimings.Since(t2);
        }
    }

    private static void WriteDataFiles(RunResult result, string dir, Action<string> done, CancellationToken ct)
    {
        using (var stream = new FileStream(Path.Combine(dir, SummaryJsonFile), FileMode.CreateNew, FileAccess.Write))
        {
            SummaryJson.Write(result, stream);
        }

        done(SummaryJsonFile);
        ResultsCsv.WriteSummary(result, Path.Combine(dir, SummaryCsvFile), ct);
        done(SummaryCsvFile);
        ResultsCsv.WriteReplications(result, Path.Combine(dir, ReplicationsFile), ct);
        done(ReplicationsFile);
        ResultsCsv.WriteTimeSeries(result, Path.Combine(dir, TimeSeriesFile), ct);
        done(TimeSeriesFile);
        ResultsCsv.WriteZones(result, Path.Combine(dir, ZonesFile), ct);
        done(ZonesFile);
        ResultsCsv.WriteEvents(result, Path.Combine(dir, EventsFile), ct);
        done(EventsFile);
        if (ResultsCsv.HasRequests(result))
        {
            ResultsCsv.WriteRequests(result, Path.Combine(dir, RequestsFile), ct);
            done(RequestsFile);
        }

        ResultsCsv.WriteLatencyHistogram(result, Path.Combine(dir, LatencyHistogramFile), ct);
        done(LatencyHistogramFile);
        WriteScenario(result, Path.Combine(dir, ScenarioFile));
        done(ScenarioFile);
    }

    private static void WriteChartsAndReport(RunResult result, string dir, ResultsWriteOptions options, IReadOnlyList<Chart>? charts, Action<string> done)
    {
        if (options.Charts)
        {
            string plots = Path.Combine(dir, PlotsFolder);
            Directory.CreateDirectory(plots);
            foreach (Chart chart in charts!.Concat(options.ExtraCharts))
            {
                chart.Save(plots);
                done($"{PlotsFolder}/{chart.Name}.png");
                done($"{PlotsFolder}/{chart.Name}.svg");
            }
        }

        if (options.Report)
        {
            HtmlReport.Write(result, charts!, options.ReportDate, Path.Combine(dir, ReportFile), options.ReportSection);
            done(ReportFile);
        }
    }

    /// <summary>
    /// Writes <c>scenario.resolved.yaml</c>: the preset notes as a leading comment block (so that
    /// <c>lookoutsim report</c> can show them again), then the resolved scenario.
    /// </summary>
    internal static void WriteScenario(RunResult result, string path)
    {
        var text = new StringBuilder();
        if (result.PresetNotes.Count > 0)
        {
            text.Append(PresetNotesHeading).Append('\n');
            foreach (string note in result.PresetNotes)
            {
                text.Append(PresetNoteLine).Append(note.ReplaceLineEndings(" ")).Append('\n');
            }

            text.Append('\n');
        }

        if (result.Assumptions.Count > 0)
        {
            text.Append(AssumptionsHeading).Append('\n');
            foreach (string line in result.Assumptions)
            {
                text.Append(PresetNoteLine).Append(line.ReplaceLineEndings(" ")).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(result.ResolvedScenarioYaml);
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Splits <c>scenario.resolved.yaml</c> back into the preset notes and the scenario text.</summary>
    internal static (string Yaml, IReadOnlyList<string> Notes) SplitScenario(string text)
    {
        (string yaml, IReadOnlyList<string> notes, _) = SplitScenarioBlocks(text);
        return (yaml, notes);
    }

    /// <summary>Splits <c>scenario.resolved.yaml</c> back into the preset notes, the assumptions and the scenario text.</summary>
    internal static (string Yaml, IReadOnlyList<string> Notes, IReadOnlyList<string> Assumptions) SplitScenarioBlocks(string text)
    {
        text = text.ReplaceLineEndings("\n");
        string[] lines = text.Split('\n');
        int i = 0;
        List<string> Block(string heading)
        {
            var block = new List<string>();
            if (i >= lines.Length || lines[i] != heading)
            {
                return block;
            }

            for (i++; i < lines.Length && lines[i].StartsWith(PresetNoteLine, StringComparison.Ordinal); i++)
            {
                block.Add(lines[i][PresetNoteLine.Length..]);
            }

            if (i < lines.Length && lines[i].Length == 0)
            {
                i++;
            }

            return block;
        }

        List<string> notes = Block(PresetNotesHeading);
        List<string> assumptions = Block(AssumptionsHeading);
        return i == 0 ? (text, [], []) : (string.Join('\n', lines[i..]), notes, assumptions);
    }
}
