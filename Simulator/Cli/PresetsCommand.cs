using System.CommandLine;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary><c>lookoutsim presets [NAME]</c>: lists provider presets, each value marked fact or assumption with its source, then its default uncertainty ranges.</summary>
public static class PresetsCommand
{
    private static readonly Argument<string?> Name = new("NAME")
    {
        Description = "Only this preset.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("presets", "Lists provider presets and their values (documented fact or assumption, with the source).") { Name };
        command.SetAction(parse => Print(parse.GetValue(Name), parse.InvocationConfiguration.Output));
        return command;
    }

    /// <summary>Prints the presets (or the one named) to <paramref name="output"/>.</summary>
    public static int Print(string? name, TextWriter output)
    {
        IEnumerable<ProviderPreset> presets = ProviderPresets.All;
        if (name is not null)
        {
            ProviderPreset preset = ProviderPresets.Find(name)
                ?? throw new UsageException($"no preset named '{name}'; presets: {string.Join(", ", ProviderPresets.All.Select(p => p.Name))}");
            presets = [preset];
        }

        bool first = true;
        foreach (ProviderPreset p in presets)
        {
            if (!first)
            {
                output.WriteLine();
            }

            first = false;
            output.WriteLine($"{p.Name} — {p.Description}");
            int pathWidth = p.Values.Max(v => v.Path.Length);
            int valueWidth = p.Values.Max(v => v.Value.Length);
            output.WriteLine($"  {"field".PadRight(pathWidth)}  {"value".PadRight(valueWidth)}  {"kind",-10}  source");
            foreach (PresetValue v in p.Values)
            {
                string kind = v.Kind == PresetValueKind.Fact ? "fact" : "assumption";
                output.WriteLine($"  {v.Path.PadRight(pathWidth)}  {v.Value.PadRight(valueWidth)}  {kind,-10}  {v.Source}");
            }

            if (!p.Uncertainty.IsEmpty)
            {
                output.WriteLine("  uncertainty (default ranges; a scenario's own uncertainty: entries win, uncertainty: none drops them):");
                int rPath = p.Uncertainty.Max(r => r.Path.Length);
                int rWidth = Math.Max("range".Length, p.Uncertainty.Max(r => r.Range.Length));
                output.WriteLine($"  {"field".PadRight(rPath)}  {"range".PadRight(rWidth)}  source");
                foreach (PresetRange r in p.Uncertainty)
                {
                    output.WriteLine($"  {r.Path.PadRight(rPath)}  {r.Range.PadRight(rWidth)}  {r.Source}");
                }
            }
        }

        return ExitCodes.Ok;
    }
}
