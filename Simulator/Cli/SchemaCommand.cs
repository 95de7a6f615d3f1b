using System.CommandLine;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary><c>lookoutsim schema</c>: prints the scenario JSON Schema (the repository keeps a copy, scenario.schema.json).</summary>
public static class SchemaCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("schema", "Prints the scenario JSON Schema, for editors.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(ScenarioJsonSchema.Text);
            return ExitCodes.Ok;
        });
        return command;
    }
}
