using LookoutSim.Cli;
using LookoutSim.Metrics;
using LookoutSim.Output;
using LookoutSim.Tests.Experiments;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>A run's summary table, report and results folder name the assumptions the results rest on.</summary>
[TestFixture]
public sealed class RunAssumptionsTests
{
    private const string Scenario = """
        name: run-assumptions
        horizon: 2m
        replications: 2
        service:
          base: 50ms
        traffic:
          - { name: line, pattern: poisson, rate: 5/s }
        deployment:
          min_units: 1
        uncertainty:
          service.base: 40ms..70ms
          autoscaling.target: [60%, 80%]
        """;

    [Test]
    public void Run_NamesEachUncertainFieldWithItsNominalValueAndRange_InTableReportAndFolder()
    {
        // Given
        string dir = SweepTestSupport.TempFolder("run-assumptions");
        string file = Path.Combine(dir, "s.yaml");
        File.WriteAllText(file, Scenario);
        string outDir = Path.Combine(dir, "out");

        // When
        (int code, string stdout, string stderr) = CliRun.Run("run", file, "--out", outDir, "--quiet");

        // Then: the table, the report and the folder read back
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr);
        Assert.That(stdout, Does.Contain("Assumes"));
        Assert.That(stdout, Does.Contain("service.base = 50ms, uncertain 40ms..70ms (").And.Contain("s.yaml:11:3)"));
        Assert.That(stdout, Does.Contain("autoscaling.target = 70%, uncertain [60%, 80%]"));
        string report = File.ReadAllText(Path.Combine(outDir, ResultsFolder.ReportFile));
        Assert.That(report, Does.Contain("id=\"assumptions\"").And.Contain("service.base = 50ms, uncertain 40ms..70ms"));
        RunResult back = ResultsReader.Read(outDir);
        Assert.That(back.Assumptions, Has.Count.EqualTo(2));
        Assert.That(back.Assumptions[0], Does.StartWith("service.base = 50ms, uncertain 40ms..70ms"));
        Assert.That(back.ResolvedScenarioYaml, Does.StartWith("# Resolved scenario"));
    }
}
