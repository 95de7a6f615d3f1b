using System.Reflection.PortableExecutable;
using LookoutSim.Tests.Architecture;
using LookoutSim.Tests.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// The Release build the README runs (<c>dotnet run --project Simulator -c Release</c>) carries code
/// compiled ahead of time for the libraries a run starts, loads and draws with, and leaves the
/// assemblies the simulation runs in to the JIT (<c>Simulator.csproj</c> says why).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReleaseBuildTests
{
    /// <summary>The libraries of start-up, loading, data files and charts.</summary>
    private static readonly string[] AheadOfTime =
        ["LookoutSim.Scenarios.dll", "YamlDotNet.dll", "System.CommandLine.dll", "CsvHelper.dll", "ScottPlot.dll", "SkiaSharp.dll"];

    /// <summary>The assemblies the simulation runs in, event after event.</summary>
    private static readonly string[] JitOnly = ["lookoutsim.dll", "HdrHistogram.dll", "MathNet.Numerics.dll"];

    [Test]
    public void ReleaseBuild_CompilesTheStartUpAndChartLibrariesAheadOfTime_AndLeavesTheSimulationToTheJit()
    {
        // Given a Release build of the program, as the README's first command makes it
        string repo = LayeringTests.RepositoryRoot();
        using var dir = new TempDir();
        string output = dir["release"];
        (int built, string buildOut, string buildErr) = ChildProcess.Run(
            ChildProcess.DotnetHost(),
            ["build", Path.Combine(repo, "Simulator"), "-c", "Release", "-o", output, "-nodeReuse:false", "-v", "q", "-nologo"],
            TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["MSBUILDNOINPROCNODE"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            repo);
        Assert.That(built, Is.EqualTo(0), $"dotnet build -c Release failed:\n{buildOut}{buildErr}");

        // Then the start-up and chart libraries hold ahead-of-time code, and the simulation's do not
        Assert.Multiple(() =>
        {
            foreach (string name in AheadOfTime)
            {
                Assert.That(IsReadyToRun(Path.Combine(output, name)), Is.True, $"{name} has no ahead-of-time code");
            }

            foreach (string name in JitOnly)
            {
                Assert.That(IsReadyToRun(Path.Combine(output, name)), Is.False, $"{name} was compiled ahead of time");
            }
        });

        // And the program runs the built-in example with them, and its timings say so
        (int ran, _, string runErr) = ChildProcess.Run(
            Path.Combine(output, OperatingSystem.IsWindows() ? "lookoutsim.exe" : "lookoutsim"),
            ["run", "--replications", "1", "--horizon", "10m", "--set", "warmup=0s", "--quiet", "--timings", "--out", dir["results"]],
            TimeSpan.FromMinutes(2));
        Assert.That(ran, Is.EqualTo(0), runErr);
        Assert.That(Path.Combine(dir["results"], "plots", "capacity.png"), Does.Exist);
        Assert.That(runErr, Does.Contain("  build: the libraries of start-up, loading and charts carry code compiled ahead of time (Release)"));
    }

    /// <summary>Whether the assembly carries a ReadyToRun header (native code beside its IL).</summary>
    private static bool IsReadyToRun(string path)
    {
        Assert.That(path, Does.Exist);
        using FileStream stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        CorHeader cor = pe.PEHeaders.CorHeader ?? throw new AssertionException($"{path} is not a .NET assembly");
        return cor.ManagedNativeHeaderDirectory.Size > 0;
    }
}
