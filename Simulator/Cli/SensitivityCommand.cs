using System.CommandLine;
using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim sensitivity SCENARIO [--samples N] [--out DIR] [--parallel N] [--shard K/N|auto/N] [--force]</c>:
/// which of the scenario's uncertain fields each key measure hangs on (each field at its low and
/// high end, the others nominal, on common random numbers), and the spread of the measures over a
/// Latin-hypercube sample of the whole uncertainty box. Writes the sensitivity folder
/// (<see cref="SensitivityFolder"/>) and prints the ranking.
/// </summary>
public static class SensitivityCommand
{
    /// <summary>The most sample points <c>--samples</c> takes.</summary>
    public const int MaxSamples = 10_000;

    private static readonly Argument<string> Scenario = new("SCENARIO")
    {
        Description = "The scenario file (its 'uncertainty' section, and its preset's ranges, say what varies).",
    };

    private static readonly Option<int> Samples = new("--samples")
    {
        HelpName = "N",
        Description = "Points of the Latin-hypercube sample of the whole uncertainty box (0: the one-at-a-time ends only). Drawn from the seed.",
        DefaultValueFactory = _ => 20,
    };

    private static readonly Option<string?> Out = new("--out")
    {
        HelpName = "DIR",
        Description = "Output folder (default: results/<scenario name>-sensitivity). Written to a temporary folder beside it and renamed when complete.",
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("sensitivity", "Ranks the scenario's uncertain fields by how far each moves cost, p99 latency, the failed share and availability (tornado charts), and samples the whole uncertainty box.")
        {
            Scenario, Samples, Out, SweepCommand.Shard, SweepCommand.Force, SweepCommand.Quiet, SweepCommand.IKnow,
        };
        SimulationOptions simulation = SimulationOptions.AddTo(command, "Replications per point (overrides the scenario's replications).");
        command.SetAction((parsed, ct) =>
        {
            SimulationOverrides given = simulation.Read(parsed);
            return Task.FromResult(Execute(
                parsed.GetValue(Scenario)!,
                parsed.GetValue(Samples),
                parsed.GetValue(Out),
                given.Workers,
                parsed.GetValue(SweepCommand.Shard),
                parsed.GetValue(SweepCommand.Force),
                parsed.GetValue(SweepCommand.Quiet),
                given.ToSweep(parsed.GetValue(SweepCommand.IKnow)),
                parsed.InvocationConfiguration.Output,
                parsed.InvocationConfiguration.Error,
                ct));
        });
        return command;
    }

    private static int Execute(
        string scenario, int samples, string? outDir, int workers, string? shardText, bool force, bool quiet,
        SweepOverrides overrides, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        if (samples < 0 || samples > MaxSamples)
        {
            throw new UsageException(string.Create(c, $"--samples must be from 0 to {MaxSamples} (got {samples})"));
        }

        ShardSpec? shard = SweepCommand.ParseShard(shardText);
        SweepSetup setup = SweepCommand.Resolve(scenario, overrides);
        SweepCommand.WriteWarnings(setup, stderr);
        SweepDefinition nominal = setup.Definition;
        if (nominal.Points.Count != 1 || nominal.Points[0].Parameters.Count != 0)
        {
            throw new UsageException(string.Create(c, $"{scenario}: the scenario has a sweep ({nominal.Points.Count} points); sensitivity varies the 'uncertainty' fields of one scenario: remove the 'sweep' section, or run 'sweep'"));
        }

        UncertaintySpec spec = setup.Plan?.Uncertainty ?? UncertaintySpec.Empty;
        if (spec.Fields.IsEmpty)
        {
            throw new UsageException($"{scenario}: nothing is uncertain: add an 'uncertainty' section (field: low..high, or a list), or use a provider preset that declares ranges");
        }

        SensitivityDesign design = SensitivityDesign.Create(nominal, spec, samples, unchecked((long)nominal.Seed));
        SweepDefinition def = design.Definition;
        if (setup.Work is { } work)
        {
            WorkEstimate all = work with { Points = def.Points.Count, TotalRequests = work.TotalRequests * def.Points.Count };
            if (all.Exceeded(overrides.IKnow) is { Count: > 0 } over)
            {
                throw new UsageException(string.Join(Environment.NewLine, [.. over, all.Describe()]));
            }
        }

        string target = outDir ?? Path.Combine("results", SafePath.Name(def.Name, scenario, 0, "name") + "-sensitivity");
        IReadOnlyList<int> mine = (shard ?? ShardSpec.Whole).PointIndices(def.Points.Count);
        string what = shard is null ? "" : $" shard {shard}";
        ProgressReporter progress = ProgressReporter.Create(
            stderr,
            quiet,
            "replications",
            string.Create(c, $"sensitivity {DisplayText.Safe(def.Name)}{what}: {mine.Count} points × {def.Replications} replications"));
        try
        {
            using SensitivityFolderWriter folder = SensitivityFolder.Begin(target, force, setup.Inputs);
            SensitivityData data = SensitivityRunner.Run(design, setup.Model, mine, workers, (done, total) => progress.Report(done, total), ct);
            ShardManifest? manifest = shard is { } s ? ShardManifest.For(def, s) with { Kind = ShardManifest.SensitivityKind } : null;
            SensitivityResult? result = folder.Complete(data, manifest, ct);
            progress.Complete();
            if (result is not null)
            {
                WriteSummary(result, stdout);
                stdout.WriteLine(string.Create(c, $"wrote {target} ({def.Points.Count} points: nominal, {2 * design.Fields.Count} field ends, {design.Sample.Count} sample points)"));
            }
            else
            {
                stdout.WriteLine(string.Create(c, $"wrote {target} (shard {shard} of {def.Points.Count} points: {mine.Count} run; merge the shards with 'lookoutsim merge')"));
            }
        }
        catch (SweepFolderExistsException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
        catch (InvalidDataException ex)
        {
            // A point of the box the scenario refuses (its values as --set overrides): nothing was written.
            throw new UsageException(ex.Message, ex);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The terminal summary: for each key measure its nominal value and the fields by rank (the top
    /// five, with the swing and its paired 95% interval), then the sample's range against the SLOs.
    /// </summary>
    internal static void WriteSummary(SensitivityResult result, TextWriter stdout)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        SensitivityData data = result.Data;
        string cur = data.Currency;
        stdout.WriteLine(string.Create(c, $"sensitivity of {DisplayText.Safe(data.Scenario)}: {data.Fields.Count} fields low/high (others nominal), {data.Samples} sample points, {data.Replications} replications each on the same random streams"));
        int width = Math.Min(40, data.Fields.Max(f => f.Path.Length));
        for (int m = 0; m < data.Measures.Count; m++)
        {
            string measure = data.Measures[m];
            string unit = MeasureNames.UnitOf(measure);
            stdout.WriteLine($"{measure} (nominal {SensitivityReport.Show(result.Nominal[m].Mean, unit, cur)}), by swing high − low:");
            IReadOnlyList<SensitivityRow> rows = result.Of(measure);
            foreach (SensitivityRow r in rows.Take(5))
            {
                string swing = (r.Swing.Mean > 0 ? "+" : "") + SensitivityReport.Show(r.Swing.Mean, unit, cur);
                string ci = $"[{DisplayText.Value(r.Swing.Ci95Low, unit)} … {DisplayText.Value(r.Swing.Ci95High, unit)}]";
                string range = DisplayText.Safe(r.Field.Low) + ".." + DisplayText.Safe(r.Field.High);
                stdout.WriteLine(string.Create(c, $"  {r.Rank,2}. {DisplayText.Safe(r.Field.Path).PadRight(width)}  {range,-16}  {swing} {ci}{(r.Significant ? "" : "  " + r.Mark)}"));
            }

            if (rows.Count > 5)
            {
                stdout.WriteLine(string.Create(c, $"      … {rows.Count - 5} more in sensitivity.csv"));
            }
        }

        foreach ((string _, string measure, double target, bool upper) in data.Slo.Checks())
        {
            int m = data.Measures.ToList().IndexOf(measure);
            if (m < 0 || result.Sample.Count == 0)
            {
                continue;
            }

            string unit = MeasureNames.UnitOf(measure);
            double[] values = [.. result.Sample.Select(s => s.Measures[m].Mean).Where(double.IsFinite).Order()];
            int meet = values.Count(v => upper ? v <= target : v >= target);
            string span = values.Length == 0 ? "no value" : $"{SensitivityReport.Show(values[0], unit, cur)} … {SensitivityReport.Show(values[^1], unit, cur)}";
            stdout.WriteLine(string.Create(c, $"sample: {measure} {span}; SLO {(upper ? "≤" : "≥")} {SensitivityReport.Show(target, unit, cur)} met by {meet} of {result.Sample.Count} points (by their mean)"));
        }
    }
}
