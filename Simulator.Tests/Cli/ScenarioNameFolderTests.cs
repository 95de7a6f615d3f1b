using System.Diagnostics;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// A scenario name that cannot name the default results folder (<c>results/&lt;name&gt;</c>) is refused
/// before anything runs, with a short message and nothing created — not after the whole simulation.
/// Run as a separate process, in a folder of its own (the default folder is relative to it).
/// </summary>
public sealed class ScenarioNameFolderTests
{
    private static (int Code, string Err) RunIn(string folder, params string[] args)
    {
        var psi = new ProcessStartInfo(Support.ChildProcess.DotnetHost())
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Support.ChildProcess.Program);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        Assert.That(p.WaitForExit(120_000), Is.True, "lookoutsim timed out");
        return (p.ExitCode, err.Result);
    }

    [TestCase(15000)]
    [TestCase(300)]
    public void Run_NameTooLongForAFolder_Exit2BeforeRunningShortMessageNothingCreated(int length)
    {
        // Given
        using var dir = new LookoutSim.Tests.Output.TempDir();
        File.WriteAllText(dir["s.yaml"], "name: " + new string('x', length) + """

            seed: 1
            horizon: 10m
            replications: 2
            service: { base: 45ms }
            traffic:
              - { name: cam, pattern: poisson, rate: 2/s }
            deployment:
              zones: [az-1]
              min_units: 1
            """);

        // When
        (int code, string err) = RunIn(dir.Path, "run", "s.yaml", "--quiet");

        // Then
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Has.Length.LessThan(1000));
        Assert.That(err, Does.Contain("name"));
        Assert.That(dir.Listing(), Is.EqualTo(new[] { "s.yaml" }), "nothing created");
    }
}
