using System.CommandLine;
using System.Globalization;

namespace LookoutSim.Cli;

/// <summary>
/// The options every verb that simulates takes, defined once: <c>--horizon</c>, <c>--replications</c>,
/// <c>--seed</c>, <c>--set</c> and <c>--parallel</c>. A verb calls <see cref="AddTo"/> when it builds its
/// command and <see cref="Read"/> in its action; the first four become scenario overrides
/// (<see cref="SimulationOverrides.Sets"/>), the same way for <c>run</c>, <c>sweep</c>, <c>plan</c>,
/// <c>backtest</c>, <c>fit</c> and <c>sensitivity</c>.
/// </summary>
/// <remarks>
/// <c>--horizon</c>, <c>--replications</c> and <c>--seed</c> are written as <c>--set horizon=…</c>,
/// <c>--set replications=…</c>, <c>--set seed=…</c> after the <c>--set</c> values, so they win over a
/// <c>--set</c> of the same field and are checked, located and marked <c>from: --set</c> in
/// <c>scenario.resolved.yaml</c> exactly as a <c>--set</c> is.
/// </remarks>
public sealed class SimulationOptions
{
    /// <summary>Help text of <c>--horizon</c>.</summary>
    public const string HorizonHelp = "Simulated horizon, e.g. 6h or 7d (overrides the scenario's horizon).";

    private SimulationOptions(string replicationsHelp)
    {
        Horizon = new Option<string?>("--horizon") { Description = HorizonHelp, HelpName = "DURATION" };
        Replications = new Option<int?>("--replications") { Description = replicationsHelp, HelpName = "N" };
        Seed = new Option<long?>("--seed") { Description = "Master seed (overrides the scenario's seed).", HelpName = "N" };
        Set = SetOption.Create(); // the same --set as validate's
        Parallel = new Option<int?>("--parallel")
        {
            Description = "Replications run at once (default: all cores). Results do not depend on it.",
            HelpName = "N",
        };
    }

    /// <summary><c>--horizon DURATION</c>.</summary>
    public Option<string?> Horizon { get; }

    /// <summary><c>--replications N</c>.</summary>
    public Option<int?> Replications { get; }

    /// <summary><c>--seed N</c>.</summary>
    public Option<long?> Seed { get; }

    /// <summary><c>--set PATH=VALUE</c>, repeatable.</summary>
    public Option<string[]> Set { get; }

    /// <summary><c>--parallel N</c>.</summary>
    public Option<int?> Parallel { get; }

    /// <summary>The five options, in help order.</summary>
    public IEnumerable<Option> All => [Horizon, Replications, Seed, Set, Parallel];

    /// <summary>
    /// Adds the five options to <paramref name="command"/> (an option belongs to one command, so each
    /// call makes new ones) and returns them for <see cref="Read"/>.
    /// </summary>
    /// <param name="command">The verb.</param>
    /// <param name="replicationsHelp">What replications mean for this verb, when more precise than the default
    /// (e.g. "per point" for <c>sweep</c>); the semantics are the same: the scenario's <c>replications</c>.</param>
    public static SimulationOptions AddTo(Command command, string? replicationsHelp = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new SimulationOptions(replicationsHelp ?? "Replications (overrides the scenario's replications).");
        foreach (Option option in options.All)
        {
            command.Options.Add(option);
        }

        return options;
    }

    /// <summary>The values given; a <c>--parallel</c> or <c>--replications</c> below 1 is a <see cref="UsageException"/>.</summary>
    public SimulationOverrides Read(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        int? parallel = parsed.GetValue(Parallel);
        if (parallel is int p && p < 1)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--parallel must be at least 1 (got {p})"));
        }

        int? replications = parsed.GetValue(Replications);
        if (replications is int r && r < 1)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--replications must be at least 1 (got {r})"));
        }

        string? horizon = parsed.GetValue(Horizon);
        if (horizon is not null && string.IsNullOrWhiteSpace(horizon))
        {
            throw new UsageException("--horizon needs a duration, e.g. 6h or 7d");
        }

        return new SimulationOverrides(horizon, replications, parsed.GetValue(Seed), parsed.GetValue(Set) ?? [], parallel);
    }
}

/// <summary>The values of the shared simulation options (<see cref="SimulationOptions"/>), null when not given.</summary>
/// <param name="Horizon">--horizon, as written (the scenario loader parses and checks it).</param>
/// <param name="Replications">--replications.</param>
/// <param name="Seed">--seed.</param>
/// <param name="SetValues">--set PATH=VALUE, in order.</param>
/// <param name="Parallel">--parallel.</param>
public sealed record SimulationOverrides(string? Horizon, int? Replications, long? Seed, IReadOnlyList<string> SetValues, int? Parallel)
{
    /// <summary>No option given.</summary>
    public static SimulationOverrides None { get; } = new(null, null, null, [], null);

    /// <summary>Worker threads: <c>--parallel</c>, or every core.</summary>
    public int Workers => Parallel ?? Environment.ProcessorCount;

    /// <summary>
    /// The scenario overrides, in the order the loader applies them: every <c>--set</c>, then
    /// <c>seed=</c>, <c>replications=</c>, <c>horizon=</c> from the named options (so they win).
    /// </summary>
    public IReadOnlyList<string> Sets
    {
        get
        {
            var sets = new List<string>(SetValues);
            if (Seed is long seed)
            {
                sets.Add(string.Create(CultureInfo.InvariantCulture, $"seed={seed}"));
            }

            if (Replications is int reps)
            {
                sets.Add(string.Create(CultureInfo.InvariantCulture, $"replications={reps}"));
            }

            if (Horizon is string horizon)
            {
                sets.Add($"horizon={horizon}");
            }

            return sets;
        }
    }

    /// <summary>The same overrides for <c>sweep</c>, <c>plan</c> and <c>sensitivity</c> (<see cref="ScenarioSweep.Resolve"/>).</summary>
    public SweepOverrides ToSweep(bool iKnow) =>
        new(Seed, Replications, SetValues) { Horizon = Horizon, IKnow = iKnow };
}
