using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Experiments.Observed;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim fit autoscaler SCENARIO --observed DIR</c>: searches the autoscaling assumptions
/// (<see cref="AutoscalerFit"/>) for the values whose simulated desired and in-service units best
/// reproduce the observed ones; prints the best as an <c>autoscaling:</c> block, the loss of the best
/// and of the runners-up; writes <c>fit.csv</c> and <c>plots/fit-*</c>.
/// </summary>
public static class FitCommand
{
    /// <summary>The fields searched and their default grids, in the scenario's value syntax.</summary>
    public static readonly IReadOnlyList<(string Path, string[] Grid)> DefaultGrids =
    [
        ("autoscaling.target", ["30%", "35%", "40%", "45%", "50%", "55%", "60%", "65%", "70%", "75%", "80%", "85%", "90%"]),
        ("autoscaling.evaluation", ["1m", "2m", "3m", "5m"]),
        ("autoscaling.scale_out_cooldown", ["0s", "1m", "2m", "3m", "5m", "10m"]),
        ("autoscaling.scale_in_cooldown", ["1m", "2m", "5m", "10m", "15m", "20m", "30m", "45m", "60m"]),
        ("autoscaling.scale_in_step", ["1", "2", "3"]),
        ("deployment.unit_start", ["1m", "2m", "3m", "4m", "6m", "8m", "10m"]),
    ];

    private static readonly Argument<string> ScenarioFile = new("SCENARIO") { Description = "Scenario file (YAML or JSON)." };

    private static readonly Option<string> Observed = new("--observed")
    {
        Description = "Observed folder (written by `lookoutsim import cloudwatch`).",
        Required = true,
        HelpName = "DIR",
    };

    private static readonly Option<string?> Out = new("--out") { HelpName = "DIR", Description = "Folder for fit.csv and the charts (default results/<scenario name>-fit)." };

    private static readonly Option<bool> Force = new("--force") { Description = "Replace an existing fit folder." };

    private static readonly Option<bool> Quiet = new("--quiet") { Description = "No progress on stderr." };

    private static readonly Option<bool> Json = new("--json") { Description = "Print {\"best\": {...}, \"loss\": …, \"runners_up\": [...]} on stdout instead of the block." };

    private static readonly Option<string[]> Grid = new("--grid")
    {
        Description = "Values tried for a field: --grid autoscaling.target=50%,60%,70% (repeatable; replaces that field's default grid; a field given with one value is held there).",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
        HelpName = "PATH=V1,V2,...",
    };

    /// <summary>Builds <c>fit</c> with its one subcommand, <c>autoscaler</c>.</summary>
    public static Command Create()
    {
        Option<bool> iKnow = IKnowOption.Create();
        var autoscaler = new Command("autoscaler", "Searches the autoscaling assumptions for the values that best reproduce observed desired and in-service units.")
        {
            ScenarioFile, Observed, Out, Force, Grid, Quiet, Json, iKnow,
        };
        SimulationOptions simulation = SimulationOptions.AddTo(autoscaler, "Replications per candidate (overrides the scenario's replications).");
        autoscaler.SetAction((parsed, ct) => Task.FromResult(Execute(parsed, simulation.Read(parsed), iKnow, ct)));
        return new Command("fit", "Fits a scenario's assumptions to observed metrics.") { autoscaler };
    }

    private static int Execute(ParseResult parsed, SimulationOverrides given, Option<bool> iKnow, CancellationToken ct)
    {
        TextWriter stdout = parsed.InvocationConfiguration.Output;
        TextWriter stderr = parsed.InvocationConfiguration.Error;
        bool quiet = parsed.GetValue(Quiet);
        int parallel = given.Workers;
        string file = parsed.GetValue(ScenarioFile)!;
        ObservedWindow window = ObservedScenario.ReadWindow(parsed.GetValue(Observed)!).Cut(given.Horizon);
        double[] inService = window.Of(BacktestSeries.UnitsInService) ?? throw new UsageException(
            $"{window.Folder}: no InServiceInferenceUnits series; the fit compares in-service units");
        double[] desired = window.Of(BacktestSeries.UnitsDesired) ?? [.. Enumerable.Repeat(double.NaN, window.PeriodCount)];

        // --horizon cut the window above; the window's own overrides (start, horizon, interval, warm-up) come last.
        IReadOnlyList<string> sets = (given with { Horizon = null }).Sets;

        ScenarioLoadResult? loaded = ObservedScenario.Load(file, window, sets, stderr);
        if (loaded is null)
        {
            return ExitCodes.BadInput;
        }

        Scenario scenario = loaded.Scenario!;
        if (scenario.Deployment.MaxUnits <= scenario.Deployment.MinUnits)
        {
            throw new UsageException($"{file}: deployment.max_units ({scenario.Deployment.MaxUnits}) is not above min_units ({scenario.Deployment.MinUnits}): the autoscaler does not run, so there is nothing to fit");
        }

        WorkCheck.Enforce([scenario], parsed.GetValue(iKnow), stderr);
        IReadOnlyList<FitParameter> parameters = Parameters(parsed.GetValue(Grid) ?? [], window);
        int[] start = [.. parameters.Select(p => Nearest(p, Current(scenario, p.Path)))];
        string outDir = parsed.GetValue(Out) ?? Path.Combine("results", SafePath.Name(scenario.Name, file, 0, "name") + "-fit");
        bool force = parsed.GetValue(Force);
        IReadOnlyList<string> inputs = [.. ScenarioSweep.ReadFiles(file, scenario), window.Folder];
        string target = OutputFolder.CheckTarget(outDir, force, inputs, FitFiles.Deepest);

        IReadOnlyList<string> windowSets = [.. sets, .. ObservedScenario.WindowOverrides(window)];
        var cache = new ConcurrentDictionary<string, Lazy<ModelConfig>>(StringComparer.Ordinal);
        ModelConfig Compiled(IReadOnlyList<KeyValuePair<string, string>> candidate)
        {
            string key = string.Join('\u001f', candidate.Select(c => c.Key + "=" + c.Value));
            return cache.GetOrAdd(key, _ => new Lazy<ModelConfig>(() =>
            {
                ScenarioLoadResult one = ScenarioLoader.LoadFile(file, [.. windowSets, .. candidate.Select(c => c.Key + "=" + c.Value)]);
                if (!one.IsValid)
                {
                    throw new UsageException($"{file} with {string.Join(", ", candidate.Select(c => c.Key + "=" + c.Value))} is not valid:\n" +
                        string.Join('\n', one.Errors.Select(d => "  " + d)));
                }

                return ScenarioCompiler.Compile(one.Scenario!, TraceFiles.Instance);
            })).Value;
        }

        ulong seed = unchecked((ulong)scenario.Seed);
        if (!quiet)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fitting the autoscaler of {DisplayText.Safe(scenario.Name)}: {parameters.Count} fields, {scenario.Replications} replications per candidate × {window.PeriodCount} periods, {parallel} at once"));
        }

        ProgressReporter progress = ProgressReporter.Create(stderr, quiet, "candidates");
        int upper = parameters.Sum(p => p.Grid.Count) * AutoscalerFit.MaxPasses;
        FitResult fit = AutoscalerFit.Search(
            parameters,
            start,
            scenario.Replications,
            (candidate, r, token) => ReplicationRunner.Run(Compiled(candidate), seed, r, token),
            inService,
            desired,
            parallel,
            done => progress.Report(done, Math.Max(done, upper)),
            ct);
        progress.Complete();

        IReadOnlyList<Chart> charts = Charts.DrawFit(fit, scenario.Name);
        string written = FitFiles.Write(fit, charts, outDir, target, force, inputs, ct);
        if (parsed.GetValue(Json))
        {
            FitFiles.WriteJson(fit, stdout);
        }
        else
        {
            WriteBlock(fit, scenario.Replications, window, stdout);
            stdout.WriteLine($"results: {written}");
        }

        return ExitCodes.Ok;
    }

    private static void WriteBlock(FitResult fit, int replications, ObservedWindow window, TextWriter w)
    {
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# fitted by lookoutsim fit autoscaler to {window.PeriodCount} observed periods ({window.Folder}), {fit.Candidates.Count} candidates, {replications} replications each"));
        foreach (IGrouping<string, int> section in Enumerable.Range(0, fit.Parameters.Count).GroupBy(p => fit.Parameters[p].Path[..fit.Parameters[p].Path.IndexOf('.')]))
        {
            w.WriteLine(section.Key + ":");
            foreach (int p in section)
            {
                string path = fit.Parameters[p].Path;
                w.WriteLine($"  {path[(path.IndexOf('.') + 1)..]}: {fit.Value(fit.Best, p)}");
            }
        }

        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loss of the best: {Loss(fit.Best)} (mean squared difference of units per period, in-service + desired)"));
        w.WriteLine("runners-up:");
        foreach (FitCandidate c in fit.RunnersUp(5))
        {
            var changed = Enumerable.Range(0, fit.Parameters.Count)
                .Where(p => c.Indices[p] != fit.Best.Indices[p])
                .Select(p => $"{fit.Parameters[p].Path}={fit.Value(c, p)}");
            w.WriteLine($"  loss {Loss(c)}: {string.Join(", ", changed)}");
        }
    }

    private static string Loss(FitCandidate c) =>
        c.Loss.ToString("G4", CultureInfo.InvariantCulture) + (double.IsFinite(c.LossStdErr) ? " ± " + c.LossStdErr.ToString("G2", CultureInfo.InvariantCulture) : "");

    /// <summary>The searched fields: the default grids, each replaced by its <c>--grid</c>; evaluation periods longer than the window dropped.</summary>
    internal static IReadOnlyList<FitParameter> Parameters(IReadOnlyList<string> grids, ObservedWindow window)
    {
        var chosen = DefaultGrids.ToDictionary(g => g.Path, g => g.Grid, StringComparer.Ordinal);
        foreach (string g in grids)
        {
            int eq = g.IndexOf('=', StringComparison.Ordinal);
            string path = eq > 0 ? g[..eq].Trim() : "";
            if (!chosen.ContainsKey(path))
            {
                throw new UsageException($"--grid '{DisplayText.Safe(g)}': the field must be one of {string.Join(", ", DefaultGrids.Select(d => d.Path))}, as PATH=V1,V2,...");
            }

            string[] values = [.. g[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
            if (values.Length == 0)
            {
                throw new UsageException($"--grid '{DisplayText.Safe(g)}': no values");
            }

            chosen[path] = values;
        }

        var parameters = new List<FitParameter>();
        foreach ((string path, _) in DefaultGrids)
        {
            var grid = chosen[path].Select(v => (Text: v, Value: Numeric(path, v))).OrderBy(v => v.Value).ToList();
            if (path == "autoscaling.evaluation")
            {
                grid = [.. grid.Where(v => v.Value <= window.WindowS)];
                if (grid.Count == 0)
                {
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--grid autoscaling.evaluation: every value is longer than the observed window ({window.WindowS} s)"));
                }
            }

            parameters.Add(new FitParameter(path, [.. grid.Select(v => v.Text)], [.. grid.Select(v => v.Value)]));
        }

        return parameters;
    }

    private static double Numeric(string path, string value)
    {
        string error;
        bool ok;
        double v;
        if (path == "autoscaling.target")
        {
            ok = ScenarioValues.TryParseShare(value, out v, out error) && v > 0;
        }
        else if (path == "autoscaling.scale_in_step")
        {
            ok = ScenarioValues.TryParseInteger(value, out long n, out error) && n >= 1;
            v = ok ? n : 0;
        }
        else if (path == "deployment.unit_start")
        {
            ok = ScenarioValues.TryParseDurationRange(value, out DurationRange range, out error);
            v = (range.Min.TotalSeconds + range.Max.TotalSeconds) / 2;
        }
        else
        {
            ok = ScenarioValues.TryParseDuration(value, out TimeSpan t, out error);
            v = t.TotalSeconds;
        }

        return ok ? v : throw new UsageException($"--grid {path}: '{DisplayText.Safe(value)}' is not a valid value{(error.Length > 0 ? ": " + error : "")}");
    }

    /// <summary>The scenario's own value of a searched field, as a number (a range's midpoint).</summary>
    private static double Current(Scenario scenario, string path) => path switch
    {
        "autoscaling.target" => scenario.Autoscaling.Target,
        "autoscaling.evaluation" => scenario.Autoscaling.Evaluation.TotalSeconds,
        "autoscaling.scale_out_cooldown" => scenario.Autoscaling.ScaleOutCooldown.TotalSeconds,
        "autoscaling.scale_in_cooldown" => scenario.Autoscaling.ScaleInCooldown.TotalSeconds,
        "autoscaling.scale_in_step" => scenario.Autoscaling.ScaleInStep,
        "deployment.unit_start" => (scenario.Deployment.UnitStart.Min.TotalSeconds + scenario.Deployment.UnitStart.Max.TotalSeconds) / 2,
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "not a fitted field"),
    };

    private static int Nearest(FitParameter p, double value)
    {
        int best = 0;
        for (int i = 1; i < p.Numeric.Count; i++)
        {
            if (Math.Abs(p.Numeric[i] - value) < Math.Abs(p.Numeric[best] - value))
            {
                best = i;
            }
        }

        return best;
    }
}
