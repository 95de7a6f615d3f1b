using System.CommandLine;

namespace LookoutSim.Cli;

/// <summary><c>lookoutsim bench [kernel|model] [--customers N] [--json]</c>.</summary>
public static class BenchCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("bench", "Measures the engine and the model on this machine.");
        command.SetAction(_ => 0);
        return command;
    }
}
