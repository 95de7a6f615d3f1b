using System.Diagnostics;

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

    /// <summary>Runs <c>lookoutsim ARGS</c> as its own process (with <c>CI=true</c>); fails the test if it outlives <paramref name="timeout"/>.</summary>
    public static (int Exit, string Out, string Err) Lookoutsim(TimeSpan timeout, params string[] args) =>
        Run(DotnetHost(), [Program, .. args], timeout, new Dictionary<string, string> { ["CI"] = "true" });

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/> (and <paramref name="environment"/> added to
    /// this process's) and returns its exit code and output; a process still running after
    /// <paramref name="timeout"/> is killed and fails the test.
    /// </summary>
    public static (int Exit, string Out, string Err) Run(
        string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }

        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.Fail($"{file} {string.Join(' ', args)} still running after {timeout.TotalSeconds} s; stderr:\n{stderr.Result}");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
