using System.CommandLine;
using System.Globalization;
using LookoutSim.Experiments.Observed;
using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim export cloudwatch RESULTS_DIR --out FILE [--replication N] [--page-size N]
/// [--namespace lookoutvision|rekognition] [--force]</c>: one replication's per-interval series as
/// <c>aws cloudwatch get-metric-data</c> JSON (<see cref="CloudWatchExport"/>).
/// </summary>
/// <remarks>The run's interval must be a period CloudWatch stores (60 s, a multiple of it, or 1, 5,
/// 10, 30 s); another is refused (exit 2) rather than re-aggregated: run again with
/// <c>--set interval=1m</c>.</remarks>
public static class ExportCommand
{
    private static readonly Argument<string> Dir = new("RESULTS_DIR") { Description = "A results folder (written by `lookoutsim run` or `backtest`)." };

    private static readonly Option<string> Out = new("--out")
    {
        Description = "The JSON file; with --page-size, FILE-1.json, FILE-2.json, ... (FILE without .json).",
        Required = true,
        HelpName = "FILE",
    };

    private static readonly Option<int> Replication = new("--replication")
    {
        Description = "Which replication: 1 is the first (timeseries.csv numbers them from 0).",
        DefaultValueFactory = _ => 1,
        HelpName = "N",
    };

    private static readonly Option<int?> PageSize = new("--page-size")
    {
        Description = "Datapoints per metric per file; the pages are written as several files, newest first.",
        HelpName = "N",
    };

    private static readonly Option<string?> Namespace = new("--namespace")
    {
        Description = "lookoutvision (AWS/LookoutVision) or rekognition (AWS/Rekognition); default: from the scenario's provider (rekognition-custom-labels → rekognition, else lookoutvision).",
        HelpName = "NS",
    };

    private static readonly Option<bool> Force = new("--force") { Description = "Replace existing files." };

    /// <summary>Builds <c>export</c> with its one subcommand, <c>cloudwatch</c>.</summary>
    public static Command Create()
    {
        var cloudwatch = new Command("cloudwatch", "Writes a run's per-interval series as `aws cloudwatch get-metric-data` JSON, in the service's metric names.")
        {
            Dir, Out, Replication, PageSize, Namespace, Force,
        };
        cloudwatch.SetAction(parsed => Execute(parsed));
        return new Command("export", "Writes a results folder in another tool's format.") { cloudwatch };
    }

    private static int Execute(ParseResult parsed)
    {
        TextWriter stdout = parsed.InvocationConfiguration.Output;
        string dir = parsed.GetValue(Dir)!;
        int replication = parsed.GetValue(Replication);
        if (parsed.GetValue(PageSize) is int size && size < 1)
        {
            throw new UsageException("--page-size must be at least 1");
        }

        RunResult result = ResultsReader.Read(dir);
        if (!CloudWatchExport.IsCloudWatchPeriod(result.IntervalS))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{dir}: the run's interval is {result.IntervalS} s, not a period CloudWatch stores (60 s or a multiple of it; 1, 5, 10 or 30 s); run the scenario again with --set interval=1m"));
        }

        if (replication < 1 || replication > result.Replications.Count)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--replication {replication}: {dir} holds replications 1 to {result.Replications.Count}"));
        }

        (DateTimeOffset start, string? provider, int min, int max) = CloudWatchExport.ReadScenario(dir);
        string ns = parsed.GetValue(Namespace) switch
        {
            null => provider == "rekognition-custom-labels" ? CloudWatchMetrics.Rekognition : CloudWatchMetrics.LookoutVision,
            "lookoutvision" => CloudWatchMetrics.LookoutVision,
            "rekognition" => CloudWatchMetrics.Rekognition,
            string other => throw new UsageException($"--namespace '{DisplayText.Safe(other)}': lookoutvision or rekognition"),
        };

        IReadOnlyList<TimeSeriesRow> rows = result.Replications[replication - 1].TimeSeries;
        if (rows.Count == 0)
        {
            throw new UsageException($"{dir}: replication {replication} has no time series");
        }

        IReadOnlyList<CloudWatchExportSeries> series = CloudWatchExport.Series(rows, result.IntervalS, result.HorizonS, start, ns, min, max);
        IReadOnlyList<string> written = CloudWatchExport.Write(series, parsed.GetValue(Out)!, parsed.GetValue(PageSize), parsed.GetValue(Force));
        foreach (string file in written)
        {
            stdout.WriteLine(file);
        }

        return ExitCodes.Ok;
    }
}
