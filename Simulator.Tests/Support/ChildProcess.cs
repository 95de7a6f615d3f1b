namespace LookoutSim.Tests.Support;

/// <summary>Starting the built <c>lookoutsim.dll</c> as a real child process (signals, exit codes, separate shards).</summary>
internal static class ChildProcess
{
    /// <summary>The built program beside the tests.</summary>
    public static string Program => Path.Combine(AppContext.BaseDirectory, "lookoutsim.dll");

    /// <summary>The <c>dotnet</c> host running the tests (so a child uses the same runtime), else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
