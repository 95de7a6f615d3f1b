using System.CommandLine;
using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim sweep SCENARIO [--out DIR] [--shard K/N|auto/N] [--force] [--quiet]</c> and the shared
/// simulation options (<see cref="SimulationOptions"/>):
/// runs every point of the scenario's sweep, every replication, and writes the sweep folder.
/// </summary>
public static class SweepCommand
{
    internal static readonly Argument<string> Scenario = new("SCENARIO")
    {
        Description = "The scenario file (its 'sweep' section lists the points).",
    };

    internal static readonly Option<string?> Out = new("--out")
    {
        HelpName = "DIR",
        Description = "Output folder (default: results/<scenario name>). Written to a temporary folder beside it and renamed when complete.",
    };

    internal static readonly Option<bool> Force = new("--force")
    {
        Description = "Replace an existing output folder (without it, an existing folder is never touched).",
    };

    internal static readonly Option<bool> Quiet = new("--quiet")
    {
        Description = "No progress on stderr.",
    };

    internal static readonly Option<bool> IKnow = IKnowOption.Create();

    internal static readonly Option<string?> Shard = new("--shard")
    {
        HelpName = "K/N",
        Description = "Run only shard K of N (1-based; point i goes to shard (i mod N)+1), or auto/N to take K from JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID. Writes shard.json for merge.",
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("sweep", "Runs every point of the scenario's sweep and writes the sweep folder (sweep.csv, points/, plots/).")
        {
            Scenario, Out, Shard, Force, Quiet, IKnow,
        };
        SimulationOptions simulation = SimulationOptions.AddTo(command, "Replications per point (overrides the scenario's replications).");
        command.SetAction((parsed, ct) =>
        {
            SimulationOverrides given = simulation.Read(parsed);
            return Task.FromResult(Execute(
                parsed.GetValue(Scenario)!,
                parsed.GetValue(Out),
                given.Workers,
                parsed.GetValue(Shard),
                parsed.GetValue(Force),
                parsed.GetValue(Quiet),
                given.ToSweep(parsed.GetValue(IKnow)),
                parsed.InvocationConfiguration.Output,
                parsed.InvocationConfiguration.Error,
                ct));
        });
        return command;
    }

    /// <summary>Prints the scenario's warnings on stderr, as <c>run</c> does.</summary>
    internal static void WriteWarnings(SweepSetup setup, TextWriter stderr)
    {
        foreach (string warning in setup.Warnings)
        {
            stderr.WriteLine(DisplayText.SafeMessage(warning));
        }
    }

    private static int Execute(
        string scenario, string? outDir, int workers, string? shardText, bool force, bool quiet,
        SweepOverrides overrides, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ShardSpec? shard = ParseShard(shardText);

        SweepSetup setup = Resolve(scenario, overrides);
        WriteWarnings(setup, stderr);
        if (setup.Work is { } work && work.Exceeded(overrides.IKnow) is { Count: > 0 } over)
        {
            throw new UsageException(string.Join(Environment.NewLine, [.. over, work.Describe()]));
        }

        SweepDefinition def = setup.Definition;
        if (def.Points.Count == 0)
        {
            throw new UsageException($"{scenario}: the scenario has no sweep (add a 'sweep' section, or use 'run')");
        }

        string target = outDir ?? Path.Combine("results", SafePath.Name(def.Name, scenario, 0, "name"));
        IReadOnlyList<int> mine = (shard ?? ShardSpec.Whole).PointIndices(def.Points.Count);
        string what = shard is null ? "" : $" shard {shard}";
        ProgressReporter progress = ProgressReporter.Create(
            stderr,
            quiet,
            "replications",
            string.Create(CultureInfo.InvariantCulture, $"sweep {DisplayText.Safe(def.Name)}{what}: {mine.Count} points × {def.Replications} replications"));
        try
        {
            using SweepFolderWriter folder = SweepFolder.Begin(def, target, new SweepWriteOptions { Force = force, Shard = shard, Inputs = setup.Inputs });
            SweepTable table = SweepRunner.Run(def, setup.Model, mine, workers, (_, point, run) => folder.WritePoint(point, run), (done, total) => progress.Report(done, total), ct);
            folder.Complete(table, ct);
            progress.Complete();
            if (shard is null && Cheapest(table, def.Slo, def.Currency) is string cheapest)
            {
                stdout.WriteLine(cheapest);
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {target} ({table.Rows.Count} points{(shard is null ? "" : $", shard {shard} of {def.Points.Count} points; merge the shards with 'lookoutsim merge'")})"));
        }
        catch (SweepFolderExistsException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The line naming the cheapest point that meets every SLO (the 95% bound, as <c>plan</c> judges; <see cref="SweepVerdicts"/>),
    /// or saying that none does; null when the sweep sets no SLO.
    /// </summary>
    internal static string? Cheapest(SweepTable table, SloTargets slo, string currency)
    {
        if (!slo.Any)
        {
            return null;
        }

        if (SweepVerdicts.CheapestFeasible(table, slo) is not SweepTableRow best)
        {
            return "cheapest meeting the SLOs: none of the points meets every SLO at 95% confidence (sweep.csv: slo_* columns)";
        }

        double cost = best.Metric("cost")?.Mean ?? double.NaN;
        return string.Create(CultureInfo.InvariantCulture, $"cheapest meeting the SLOs: {DisplayText.Safe(SweepReport.Describe(table, best))}, cost {cost:0.##} {DisplayText.Safe(currency)} (every SLO's 95% bound on the right side)");
    }

    /// <summary>The shard of <c>--shard</c> (null when not given); a bad value is a usage error.</summary>
    internal static ShardSpec? ParseShard(string? shardText)
    {
        if (shardText is null)
        {
            return null;
        }

        try
        {
            return ShardSpec.Parse(shardText, Environment.GetEnvironmentVariable);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    /// <summary>
    /// Turns SCENARIO (+ --seed, --replications, --set) into a sweep (<see cref="ScenarioSweep.Resolve"/>);
    /// an invalid scenario is a usage error listing every diagnostic.
    /// </summary>
    internal static SweepSetup Resolve(string scenario, SweepOverrides overrides)
    {
        if (!File.Exists(scenario))
        {
            throw new UsageException($"{scenario}: no such file");
        }

        try
        {
            return ScenarioSweep.Resolve(scenario, overrides);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }
}

/// <summary>The command-line overrides of a scenario (<see cref="SimulationOverrides.ToSweep"/>).</summary>
/// <param name="Seed">--seed, if given.</param>
/// <param name="Replications">--replications, if given.</param>
/// <param name="Sets">--set path=value, in order.</param>
public sealed record SweepOverrides(long? Seed, int? Replications, IReadOnlyList<string> Sets)
{
    /// <summary>--horizon, if given.</summary>
    public string? Horizon { get; init; }

    /// <summary>The overrides as the loader takes them, in <see cref="SimulationOverrides.Sets"/>' order.</summary>
    public IReadOnlyList<string> All => new SimulationOverrides(Horizon, Replications, Seed, Sets, null).Sets;

    /// <summary>--i-know: soft work limits lifted.</summary>
    public bool IKnow { get; init; }
}

/// <summary>A resolved sweep: its points and the model behind them.</summary>
/// <param name="Definition">The sweep.</param>
/// <param name="Model">Evaluator and summarizer.</param>
public sealed record SweepSetup(SweepDefinition Definition, SweepModel Model)
{
    /// <summary>The files the sweep reads (the scenario, its traces): <c>--force</c> never replaces a folder holding one.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>The scenario's warnings (file:line:col and what will not happen), for stderr before anything runs.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What the planner needs from the scenario (null when the scenario cannot be planned).</summary>
    public PlanInputs? Plan { get; init; }

    /// <summary>The work of the sweep, estimated before it runs.</summary>
    public WorkEstimate? Work { get; init; }
}

/// <summary>What <c>plan</c> takes from the scenario.</summary>
/// <param name="Base">The scenario's own parameters (overrides) candidates build on.</param>
/// <param name="Slo">Its SLOs.</param>
/// <param name="PeakTps">Demand at the busiest hour, calls/s.</param>
/// <param name="RatedTpsPerUnit">Rated TPS of one unit for the mix, calls/s.</param>
/// <param name="Zones">Zone names.</param>
/// <param name="BusiestHourS">Start of the busiest hour, seconds from the start.</param>
/// <param name="Currency">Currency of costs.</param>
public sealed record PlanInputs(SweepPoint Base, SloTargets Slo, double PeakTps, double RatedTpsPerUnit, IReadOnlyList<string> Zones, double BusiestHourS, string Currency)
{
    /// <summary>The schedule entries that set unit bounds (the planner scales them with each candidate).</summary>
    public IReadOnlyList<ScheduleBounds> Schedule { get; init; } = [];

    /// <summary>Largest start lead worth trying, seconds: the longest model start plus 30 minutes; 0 when nothing is scheduled to start.</summary>
    public double StartLeadLimitS { get; init; }

    /// <summary>How long after a lost zone is back its case is still judged, seconds (<see cref="ScenarioCompiler.RecoveryS"/>).</summary>
    public double ZoneLossRecoveryS { get; init; }

    /// <summary>Fills a candidate (its point, without a zone lost) into the scenario: <c>plan.yaml</c> and the <c>--set</c> line. Null: no scenario file to fill in (plans built in code, as tests do).</summary>
    public Func<SweepPoint, AppliedPlan>? Apply { get; init; }

    /// <summary>The scenario's declared uncertainty (with its preset's ranges), for <c>plan --robust</c> and the assumptions an answer rests on.</summary>
    public LookoutSim.Scenarios.UncertaintySpec Uncertainty { get; init; } = LookoutSim.Scenarios.UncertaintySpec.Empty;
}
