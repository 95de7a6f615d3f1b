using System.CommandLine;
using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Experiments.Observed;
using LookoutSim.Metrics;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim backtest SCENARIO --observed DIR</c>: runs the scenario over the observed window and
/// compares, period by period, simulated against observed (units in service and desired, successful,
/// throttled and failed calls, latency). Writes a results folder plus <c>backtest.csv</c>,
/// <c>backtest.json</c>, <c>plots/backtest-*</c> and a report section.
/// </summary>
/// <remarks>Exit 0; 1 under <c>--check</c> when a series misses; 2 on bad input (nothing written).</remarks>
public static class BacktestCommand
{
    private static readonly Argument<string> ScenarioFile = new("SCENARIO") { Description = "Scenario file (YAML or JSON)." };

    private static readonly Option<string> Observed = new("--observed")
    {
        Description = "Observed folder (written by `lookoutsim import cloudwatch`).",
        Required = true,
        HelpName = "DIR",
    };

    private static readonly Option<string?> Out = new("--out") { HelpName = "DIR", Description = "Results folder (default results/<scenario name>-backtest)." };

    private static readonly Option<bool> Force = new("--force") { Description = "Replace an existing results folder." };

    private static readonly Option<bool> Quiet = new("--quiet") { Description = "No progress on stderr." };

    private static readonly Option<bool> Check = new("--check") { Description = "Exit 1 when a series misses (see --tolerance)." };

    private static readonly Option<string> Tolerance = new("--tolerance")
    {
        Description = "Largest share of a series' observed periods outside the simulated 95% band (default 10%).",
        DefaultValueFactory = _ => "10%",
        HelpName = "SHARE",
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        Option<bool> iKnow = IKnowOption.Create();
        var command = new Command("backtest", "Runs a scenario over an observed window and compares simulated against observed metrics.")
        {
            ScenarioFile, Observed, Out, Force, Quiet, Check, Tolerance, iKnow,
        };
        SimulationOptions simulation = SimulationOptions.AddTo(command, null);
        command.SetAction((parsed, ct) => Task.FromResult(Execute(parsed, simulation.Read(parsed), iKnow, ct)));
        return command;
    }

    private static int Execute(ParseResult parsed, SimulationOverrides given, Option<bool> iKnow, CancellationToken ct)
    {
        TextWriter stdout = parsed.InvocationConfiguration.Output;
        TextWriter stderr = parsed.InvocationConfiguration.Error;
        bool quiet = parsed.GetValue(Quiet);
        double tolerance = ParseShare(parsed.GetValue(Tolerance)!, "--tolerance");
        int parallel = given.Workers;
        string file = parsed.GetValue(ScenarioFile)!;
        ObservedWindow window = ObservedScenario.ReadWindow(parsed.GetValue(Observed)!).Cut(given.Horizon);
        // --horizon cut the window above; the window's own overrides (start, horizon, interval, warm-up) come last.
        IReadOnlyList<string> sets = (given with { Horizon = null }).Sets;

        ScenarioLoadResult? loaded = ObservedScenario.Load(file, window, sets, stderr);
        if (loaded is null)
        {
            return ExitCodes.BadInput;
        }

        Scenario scenario = loaded.Scenario!;
        WorkCheck.Enforce([scenario], parsed.GetValue(iKnow), stderr);
        string outDir = parsed.GetValue(Out) ?? Path.Combine("results", SafePath.Name(scenario.Name, file, 0, "name") + "-backtest");
        bool force = parsed.GetValue(Force);
        IReadOnlyList<string> inputs = [.. ScenarioSweep.ReadFiles(file, scenario), window.Folder];
        ResultsFolder.CheckTarget(outDir, force, inputs);

        if (!quiet)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backtesting {DisplayText.Safe(scenario.Name)}: {scenario.Replications} replications × {window.PeriodCount} periods of {window.PeriodS:0.###} s, {parallel} at once"));
        }

        ProgressReporter progress = ProgressReporter.Create(stderr, quiet, "replications");
        RunResult result = ScenarioRun.Run(loaded, TraceFiles.Instance, parallel, 0, (done, total) => progress.Report(done, total), ct);
        progress.Complete();

        (IReadOnlyList<BacktestRow> rows, IReadOnlyList<BacktestScore> scores) = Backtest.Compare(result.Replications, window.Series, window.PeriodS);
        var outcome = new BacktestOutcome(rows, scores, tolerance, window.Folder, window.Start, window.PeriodS, window.WindowS);
        IReadOnlyList<Chart> charts = Charts.DrawBacktest(rows, scenario.Name, window.WindowS);
        string written = ResultsFolder.Write(result, outDir, new ResultsWriteOptions
        {
            Force = force,
            ReportDate = ReportDate.Now(),
            Inputs = inputs,
            ExtraCharts = charts,
            ReportSection = BacktestFiles.ReportSection(outcome, charts),
            ExtraFiles = dir => BacktestFiles.Write(outcome, dir),
        }, ct);

        WriteTable(outcome, stdout);
        stdout.WriteLine($"results: {written}");
        bool missed = scores.Any(outcome.Misses);
        return parsed.GetValue(Check) && missed ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    private static void WriteTable(BacktestOutcome outcome, TextWriter w)
    {
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"series",-18} {"periods",8} {"MAE",12} {"bias",12} {"inside band",12}  verdict"));
        foreach (BacktestScore s in outcome.Scores)
        {
            string verdict = s.Periods == 0 ? "not observed" : outcome.Misses(s) ? "MISSED" : "within";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Series,-18} {s.Periods,8} {Number(s.Mae),12} {Number(s.Bias),12} {(double.IsFinite(s.InsideShare) ? s.InsideShare.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a"),12}  {verdict}"));
        }
    }

    private static string Number(double v) => double.IsFinite(v) ? DisplayText.Plain(v) : "n/a";

    /// <summary>A share option: <c>10%</c> or <c>0.1</c>, in 0 … 1.</summary>
    internal static double ParseShare(string text, string option)
    {
        if (!ScenarioValues.TryParseShare(text, out double share, out string error))
        {
            throw new UsageException($"{option}: '{DisplayText.Safe(text)}' is not a share (e.g. 10% or 0.1): {error}");
        }

        return share;
    }
}
