using System.CommandLine;
using System.Globalization;
using LookoutSim.Experiments.Observed;
using LookoutSim.Model;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim import cloudwatch FILE... --out DIR</c>: reads CloudWatch metrics as the AWS CLI
/// writes them (<c>get-metric-data</c> or <c>get-metric-statistics</c> JSON, pages in several
/// files) and writes an observed folder: <c>observed.csv</c>, <c>trace.csv</c> (estimated
/// first-attempt demand) and a starter <c>scenario.yaml</c>.
/// </summary>
/// <remarks>Exit 0 when written (warnings on stderr), 2 on bad input (every problem with file,
/// line, column and JSON path) or a folder that may not be written; nothing is written then.</remarks>
public static class ImportCommand
{
    private static readonly Argument<string[]> Files = new("FILE")
    {
        Description = "JSON written by `aws cloudwatch get-metric-data` or `get-metric-statistics` (--output json); pages and metrics may be in several files.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> Out = new("--out")
    {
        Description = "The observed folder to write (observed.csv, trace.csv, scenario.yaml).",
        Required = true,
        HelpName = "DIR",
    };

    private static readonly Option<string[]> Map = new("--map")
    {
        Description = "A series label (or id) that is not a metric name, and the metric it is: --map 'line 3 ok=SuccessfulRequestCount'. Repeatable.",
        HelpName = "LABEL=METRIC",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> Namespace = new("--namespace")
    {
        Description = "AWS/LookoutVision or AWS/Rekognition (default: told by the metric names).",
        HelpName = "NS",
    };

    private static readonly Option<int> MaxAttempts = new("--max-attempts")
    {
        Description = "Attempts the clients make per request, the first included (the SDK's standard mode: 3); the demand estimate discounts retries with it.",
        DefaultValueFactory = _ => RetryPolicy.AwsStandard.MaxAttempts,
        HelpName = "N",
    };

    private static readonly Option<bool> Force = new("--force") { Description = "Replace an existing observed folder LookoutSim wrote." };

    /// <summary>Builds the verb (<c>import</c> with its <c>cloudwatch</c> subcommand).</summary>
    public static Command Create()
    {
        var cloudwatch = new Command("cloudwatch", "Imports CloudWatch metrics (AWS CLI JSON) into an observed folder with a demand trace and a starter scenario.")
        {
            Files, Out, Map, Namespace, MaxAttempts, Force,
        };
        MaxAttempts.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100)
            {
                result.AddError("--max-attempts must be from 1 to 100");
            }
        });
        cloudwatch.SetAction(parse => Execute(
            parse.GetValue(Files) ?? [],
            parse.GetValue(Out)!,
            parse.GetValue(Map) ?? [],
            parse.GetValue(Namespace),
            parse.GetValue(MaxAttempts),
            parse.GetValue(Force),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        var import = new Command("import", "Imports a service's own metrics (CloudWatch) to start a scenario from.") { cloudwatch };
        return import;
    }

    /// <summary>Reads, checks and writes; returns the exit code.</summary>
    public static int Execute(
        IReadOnlyList<string> files, string outDir, IReadOnlyList<string> maps, string? ns, int maxAttempts, bool force, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string? space = null;
        if (ns is not null)
        {
            space = CloudWatchMetrics.Namespaces.FirstOrDefault(n => string.Equals(n, ns, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--namespace '{ns}': LookoutSim reads {string.Join(" and ", CloudWatchMetrics.Namespaces)}");
        }

        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string entry in maps)
        {
            int eq = entry.LastIndexOf('=');
            string label = eq > 0 ? entry[..eq].Trim() : "";
            string metric = eq > 0 ? entry[(eq + 1)..].Trim() : "";
            CloudWatchMetric? known = metric.Length > 0 ? CloudWatchMetrics.Find(metric, space) : null;
            if (label.Length == 0 || known is null)
            {
                string names = string.Join(", ", (space is null ? CloudWatchMetrics.LookoutVisionMetrics.Concat(CloudWatchMetrics.RekognitionMetrics) : CloudWatchMetrics.In(space))
                    .Select(m => m.Name).Distinct(StringComparer.Ordinal));
                throw new UsageException(label.Length == 0
                    ? $"--map '{entry}': expected LABEL=METRIC (a series label, '=', a metric name)"
                    : $"--map '{entry}': '{metric}' is not a metric LookoutSim reads ({names})");
            }

            if (!map.TryAdd(label, known.Name))
            {
                throw new UsageException($"--map: '{label}' is mapped twice");
            }
        }

        var inputs = files.Select(Path.GetFullPath).ToList();
        ObservedFolder.CheckTarget(outDir, force, inputs); // before reading: no work for a folder that cannot be written

        var parts = new List<CloudWatchSeriesPart>();
        var warnings = new List<string>();
        var errors = new List<CsvLineError>();
        foreach (string file in files)
        {
            try
            {
                CloudWatchFile read = CloudWatchJson.Read(file, InputFiles.ShownName(file));
                parts.AddRange(read.Parts);
                warnings.AddRange(read.Warnings);
            }
            catch (InputFileException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new InputFileException(errors);
        }

        ObservedAssemblyResult assembled = ObservedAssembly.Assemble(parts, map, space, new AutoscalingConfig().Evaluation);
        warnings.AddRange(assembled.Warnings);
        if (assembled.Data is null)
        {
            throw new InputFileException(assembled.Problems
                .Select(p => new CsvLineError(p.Place.File, p.Place.Line, $"{p.Place.JsonPath}: {p.Message}") { Column = p.Place.Column })
                .ToList());
        }

        StarterEstimate estimate = StarterEstimate.From(assembled.Data, maxAttempts);
        foreach (string w in warnings)
        {
            stderr.WriteLine($"warning: {DisplayText.SafeMessage(w)}");
        }

        string written = ObservedFolder.Write(outDir, force, inputs, estimate, files.Select(InputFiles.ShownName).ToList());
        ObservedData data = assembled.Data;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {data.Series.Length} series ({string.Join(", ", data.Series.Select(s => s.Metric))})"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  window {ObservedCsv.Timestamp(data.Start)} .. {ObservedCsv.Timestamp(data.Start.AddSeconds(data.WindowS))}: {data.PeriodCount} periods of {data.PeriodS:0.###} s"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  estimated first-attempt demand {estimate.DemandTotal:#,0} calls from {estimate.AttemptsTotal:#,0} attempts (up to {maxAttempts} attempts per request)"));
        stdout.WriteLine(estimate.TpsPerUnit is { } tps
            ? string.Create(CultureInfo.InvariantCulture, $"  per-unit TPS estimate {tps.Value:0.###} (10th-90th percentile {tps.Low:0.###}..{tps.High:0.###}) from {tps.Periods} throttled periods{(tps.OnlyBursts ? ", throttled only in bursts: a lower bound" : "")}")
            : "  no throttled period: no per-unit TPS estimate (the starter keeps the preset's service time)");
        stdout.WriteLine($"Wrote {DisplayText.SafeMessage(OutputFolder.Shown(written))}: {ObservedCsv.FileName}, {ObservedFolder.TraceFile}, {ObservedFolder.ScenarioFile}");
        return ExitCodes.Ok;
    }
}
