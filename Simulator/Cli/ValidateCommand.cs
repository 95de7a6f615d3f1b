using System.CommandLine;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary><c>lookoutsim validate SCENARIO... [--set path=value]...</c>: checks files, runs nothing, writes nothing.</summary>
public static class ValidateCommand
{
    /// <summary>Scenario files to check.</summary>
    private static readonly Argument<string[]> Files = new("SCENARIO")
    {
        Description = "Scenario files (YAML or JSON).",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var set = SetOption.Create();
        var command = new Command("validate", "Checks scenario files and prints every problem; runs nothing.") { Files, set };
        command.SetAction(parse => Validate(
            parse.GetValue(Files) ?? [],
            parse.GetValue(set) ?? [],
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// Loads every file; prints each diagnostic to <paramref name="stderr"/> and one line per valid file to
    /// <paramref name="stdout"/>. Returns 0 when every file is valid, 2 otherwise.
    /// </summary>
    public static int Validate(IReadOnlyList<string> files, IReadOnlyList<string> overrides, TextWriter stdout, TextWriter stderr)
    {
        bool allValid = true;
        foreach (string file in files)
        {
            ScenarioLoadResult result = ScenarioLoader.LoadFile(file, overrides);
            foreach (Diagnostic d in result.Diagnostics)
            {
                stderr.WriteLine(DisplayText.SafeMessage(d.ToString()));
            }

            if (result.Scenario is { } scenario)
            {
                int points = SweepExpander.Expand(result, out IReadOnlyList<Diagnostic> sweepProblems).Count;
                foreach (Diagnostic d in sweepProblems)
                {
                    stderr.WriteLine(DisplayText.SafeMessage(d.ToString()));
                    allValid = false;
                }

                string sweep = scenario.Sweep is null ? string.Empty : $", {points} sweep points";
                stdout.WriteLine($"{DisplayText.Safe(file, 500)}: ok ({DisplayText.Safe(scenario.Name)}{sweep})");
            }
            else
            {
                allValid = false;
            }
        }

        return allValid ? ExitCodes.Ok : ExitCodes.BadInput;
    }
}
