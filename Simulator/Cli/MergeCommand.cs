using System.CommandLine;
using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim merge DIR... --out DIR</c>: joins shard folders into the folder the whole sweep
/// (or the whole <c>sensitivity</c> run) would have written. Refuses (exit 2) shards that are incomplete, repeated or from different sweeps.
/// </summary>
public static class MergeCommand
{
    private static readonly Argument<string[]> Folders = new("DIR")
    {
        Description = "The shard folders (each written by 'sweep --shard K/N'), in any order.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> Out = new("--out")
    {
        HelpName = "DIR",
        Description = "The merged sweep folder.",
        Required = true,
    };

    private static readonly Option<bool> Force = new("--force")
    {
        Description = "Replace an existing output folder.",
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("merge", "Joins shard folders into the folder one whole sweep would have written.")
        {
            Folders, Out, Force,
        };
        command.SetAction((parsed, ct) => Task.FromResult(Execute(
            parsed.GetValue(Folders) ?? [],
            parsed.GetValue(Out)!,
            parsed.GetValue(Force),
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error,
            ct)));
        return command;
    }

    /// <summary>Whether <paramref name="folder"/> holds a sensitivity shard (anything else goes to the sweep merge, which says what is wrong).</summary>
    private static bool IsSensitivityShard(string folder)
    {
        try
        {
            return Directory.Exists(folder) && SweepFolder.ReadManifest(folder)?.Kind == ShardManifest.SensitivityKind;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static int Execute(string[] folders, string target, bool force, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        try
        {
            if (folders.Length > 0 && IsSensitivityShard(folders[0]))
            {
                SensitivityResult result = SensitivityFolder.Merge(folders, target, force, ct);
                SensitivityCommand.WriteSummary(result, stdout);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {target} ({result.Data.Points.Count} points from {folders.Length} shards)"));
                return ExitCodes.Ok;
            }

            var table = SweepMerge.Merge(folders, target, force, ct);
            if (SweepFolder.ReadManifest(folders[0]) is { } manifest && SweepCommand.Cheapest(table, manifest.Slo, manifest.Currency) is string cheapest)
            {
                stdout.WriteLine(cheapest);
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {target} ({table.Rows.Count} points from {folders.Length} shards)"));
            return ExitCodes.Ok;
        }
        catch (SweepMergeException ex)
        {
            foreach (string p in ex.Problems)
            {
                stderr.WriteLine($"error: {DisplayText.SafeMessage(p)}");
            }

            stderr.WriteLine("nothing was written");
            return ExitCodes.BadInput;
        }
        catch (SweepFolderExistsException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }
}
