using System.Globalization;
using LookoutSim.Cli;

namespace LookoutSim.Tests.Support;

/// <summary>Runs the command line in process with captured output.</summary>
internal static class CliRun
{
    /// <summary>The exit code, stdout and stderr of <c>lookoutsim ARGS</c>.</summary>
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
