using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Scenarios;

/// <summary>Where the repository's samples are, and scratch folders for tests.</summary>
internal static class ScenarioFiles
{
    public static string RepoRoot { get; } = LayeringTests.RepositoryRoot();

    public static string Samples => Path.Combine(RepoRoot, "samples");

    public static IEnumerable<string> SampleFiles() =>
        Directory.EnumerateFiles(Samples, "*.yaml", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal);

    /// <summary>A new empty folder under the temp folder; deleted by the caller's TearDown.</summary>
    public static string NewTempFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "lookoutsim-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The scenario example of the spec (scenario.md), kept as a test sample.</summary>
    public static string SpecExample => Path.Combine(Samples, "spec-example.yaml");
}
