using System.Reflection;

namespace LookoutSim.Metrics;

/// <summary>The program's name and version, as every result, manifest and page records them.</summary>
public static class ToolInfo
{
    /// <summary>The program's name.</summary>
    public const string Name = "lookoutsim";

    /// <summary>The informational version of the assembly (e.g. 0.1.0+commit).</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
