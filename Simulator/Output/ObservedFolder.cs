using System.Globalization;
using System.Text;
using LookoutSim.Experiments.Observed;
using LookoutSim.Scenarios;

namespace LookoutSim.Output;

/// <summary>
/// The folder <c>lookoutsim import cloudwatch</c> writes: <c>observed.csv</c> (<see cref="ObservedCsv"/>),
/// <c>trace.csv</c> (estimated first-attempt demand per period, the scenario format's
/// <c>count</c> trace) and <c>scenario.yaml</c> (a starter scenario replaying it), written
/// atomically with its manifest (<see cref="OutputFolder"/>): nothing is replaced without
/// <c>--force</c>, nothing is left behind on an error.
/// </summary>
public static class ObservedFolder
{
    /// <summary>The trace file's name.</summary>
    public const string TraceFile = "trace.csv";

    /// <summary>The starter scenario's name.</summary>
    public const string ScenarioFile = "scenario.yaml";

    /// <summary>The kind written in the manifest.</summary>
    public const string ManifestKind = "observed";

    /// <summary>Checks, before any work, that <paramref name="target"/> can receive the folder (see <see cref="OutputFolder.CheckTarget"/>).</summary>
    /// <exception cref="OutputException">Why not.</exception>
    public static string CheckTarget(string target, bool force, IEnumerable<string> inputs) =>
        OutputFolder.CheckTarget(target, force, inputs, 64);

    /// <summary>Writes the folder for <paramref name="estimate"/>.</summary>
    /// <param name="target">The folder as the user gave it.</param>
    /// <param name="force">Replace a folder LookoutSim wrote.</param>
    /// <param name="inputs">The files read (the target may not hold them).</param>
    /// <param name="estimate">What the starter scenario and trace are made of.</param>
    /// <param name="sources">The files imported, as the user named them (for the scenario's comments).</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="OutputException">The target may not be written.</exception>
    public static string Write(string target, bool force, IReadOnlyList<string> inputs, StarterEstimate estimate, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        string full = CheckTarget(target, force, inputs);
        string temp;
        try
        {
            temp = OutputFolder.BeginTemp(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot write the observed folder '{OutputFolder.Shown(target)}': {OutputFolder.Shown(ex.Message)}", ex);
        }

        try
        {
            ObservedCsv.Write(estimate.Data, Path.Combine(temp, ObservedCsv.FileName));
            WriteTrace(estimate, Path.Combine(temp, TraceFile));
            File.WriteAllText(Path.Combine(temp, ScenarioFile), StarterScenario(estimate, sources), new UTF8Encoding(false));
            OutputFolder.Commit(temp, full, target, force, ManifestKind, inputs);
            return full;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            OutputFolder.Discard(temp);
            throw new OutputException($"cannot write the observed folder '{OutputFolder.Shown(target)}': {OutputFolder.Shown(ex.Message)}", ex);
        }
        catch
        {
            OutputFolder.Discard(temp);
            throw;
        }
    }

    /// <summary>Writes <c>trace.csv</c>: <c>time_s,count</c>, one row per period from time 0.</summary>
    public static void WriteTrace(StarterEstimate estimate, string path)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.Write("time_s,count\n");
        for (int i = 0; i < estimate.Demand.Length; i++)
        {
            writer.Write(NumberText.Format(i * estimate.Data.PeriodS));
            writer.Write(',');
            writer.Write(NumberText.Format(estimate.Demand[i]));
            writer.Write('\n');
        }
    }

    /// <summary>The starter scenario's text: every number with a comment saying where it came from.</summary>
    public static string StarterScenario(StarterEstimate estimate, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(sources);
        ObservedData data = estimate.Data;
        string ns = data.Namespace ?? CloudWatchMetrics.LookoutVision;
        string provider = ns == CloudWatchMetrics.Rekognition ? ProviderPresets.RekognitionCustomLabels.Name : ProviderPresets.LookoutForVision.Name;
        string period = ScenarioValues.FormatDuration(TimeSpan.FromSeconds(data.PeriodS));
        string horizon = ScenarioValues.FormatDuration(TimeSpan.FromSeconds(data.WindowS));
        string start = ObservedCsv.Timestamp(data.Start);
        string end = ObservedCsv.Timestamp(data.Start.AddSeconds(data.WindowS));
        static string N(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);
        string shownSources = sources.Count <= 3 ? string.Join(", ", sources) : $"{sources[0]} and {sources.Count - 1} more files";

        var y = new StringBuilder();
        void L(string line) => y.Append(line).Append('\n');
        void C(string code, string comment) => y.Append(code.PadRight(CommentColumn - 1)).Append(" # ").Append(comment).Append('\n');
        L("# Starter scenario written by `lookoutsim import cloudwatch` from the CloudWatch metrics in");
        L($"# {DisplayText.SafeMessage(shownSources)} (kept in observed.csv beside this file).");
        L("# Every number says where it came from; ESTIMATE marks what is inferred, not observed.");
        L("# Next: compare it with what the service did (`lookoutsim backtest scenario.yaml --observed .`),");
        L("# fit the autoscaler (`lookoutsim fit autoscaler scenario.yaml --observed .`), then plan.");
        L($"name: observed-{data.Start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        L($"description: Observed {ns} metrics from {start} to {end}, replayed as estimated demand.");
        C($"provider: {provider}", $"the namespace {ns}; the preset supplies what the metrics cannot show");
        C($"start: {start}", "the first observed period");
        C($"horizon: {horizon}", $"the observed window: {data.PeriodCount} periods of {period}");
        C($"interval: {period}", "the observed period, so results line up with observed.csv");
        L("");
        if (estimate.TpsPerUnit is { } tps)
        {
            L("service:");
            string value = N(tps.Value, "0.###");
            C($"  tps_per_unit: {value}", "ESTIMATE: median of successful calls per in-service unit per second");
            C("", tps.OnlyBursts
                ? $"over the {tps.Periods} period{(tps.Periods == 1 ? "" : "s")} with some throttling; none had {N(StarterEstimate.SaturatedShare * 100)}% throttled,"
                : $"over the {tps.Periods} period{(tps.Periods == 1 ? "" : "s")} with at least {N(StarterEstimate.SaturatedShare * 100)}% of attempts throttled (units saturated);");
            C("", $"10th-90th percentile {N(tps.Low, "0.###")}..{N(tps.High, "0.###")}{(tps.Periods < 10 ? "; few periods: a weak estimate" : "")}");
            C("", tps.OnlyBursts
                ? "so throttling came in bursts: A LOWER BOUND; measure with `lookoutsim calibrate`"
                : "a lower bound where throttling came in bursts; check with `lookoutsim calibrate`");
        }
        else
        {
            L("# service: the preset's assumed service time. No period had throttling, so the metrics do not");
            L("# show what one unit carries; measure it with `lookoutsim calibrate` and add a service block.");
        }

        L("");
        L("traffic:");
        L("  - name: observed");
        L("    pattern: trace");
        C($"    file: {TraceFile}", $"ESTIMATE: first-attempt demand per period, {estimate.DemandTotal.ToString("#,0", CultureInfo.InvariantCulture)} calls from");
        C("", $"{N(estimate.AttemptsTotal, "#,0")} attempts observed (successful + throttled + errors), retries discounted");
        C("", $"for up to {estimate.MaxAttempts} attempts per request (README: demand estimate)");
        L("    column: count");
        C($"    interval: {period}", "the observed period");
        L("");
        L("client:");
        string retry = estimate.MaxAttempts == 1 ? "none"
            : estimate.MaxAttempts == Model.RetryPolicy.AwsStandard.MaxAttempts ? "aws-standard"
            : $"{{ max_attempts: {estimate.MaxAttempts} }}";
        C($"  retry: {retry}", $"the retry policy the demand estimate assumed (--max-attempts {estimate.MaxAttempts})");
        L("");
        L("deployment:");
        string min = estimate.MinUnits.Value.ToString(CultureInfo.InvariantCulture), max = estimate.MaxUnits.Value.ToString(CultureInfo.InvariantCulture);
        C($"  min_units: {min}", estimate.MinUnits.Source);
        C($"  max_units: {max}", estimate.MaxUnits.Source);
        L("");
        L("# autoscaling: the preset's assumed target tracking. `lookoutsim fit autoscaler` searches the");
        L("# settings that best reproduce the observed DesiredInferenceUnits and InServiceInferenceUnits.");
        if (!double.IsNaN(estimate.MeanLatencyS))
        {
            L($"# Observed mean latency {N(estimate.MeanLatencyS * 1000, "0.#")} ms over the window (queueing included: not a service time).");
        }

        return y.ToString();
    }

    /// <summary>Where the starter scenario's comments start.</summary>
    private const int CommentColumn = 32;
}
