using LookoutSim.Scenarios.Schema;

namespace LookoutSim.Scenarios;

/// <summary>The scenario format as a JSON Schema, for editors (<c>lookoutsim schema</c>).</summary>
public static class ScenarioJsonSchema
{
    /// <summary>The JSON Schema text (draft 2020-12), LF line ends, ending with a newline.</summary>
    public static string Text { get; } = JsonSchemaWriter.Write();
}
