using LookoutSim.Tests.Architecture;
using LookoutSim.Tests.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>The CloudWatch export in <c>samples/observed/</c> is what LookoutSim writes from the sample scenario beside it.</summary>
public sealed class ObservedSampleTests
{
    [Test]
    public void SampleExport_RunAndExportOfItsScenario_SameBytes()
    {
        // Given the sample scenario and its committed export
        string samples = Path.Combine(LayeringTests.RepositoryRoot(), "samples", "observed");
        using var dir = new TempDir();

        // When the scenario is run and exported as the scenario's header comment says
        var run = CliRun.Run("run", Path.Combine(samples, "line-7.yaml"), "--out", dir["line-7"], "--replications", "1", "--quiet");
        Assert.That(run.Exit, Is.EqualTo(0), run.Err);
        var export = CliRun.Run("export", "cloudwatch", dir["line-7"], "--out", dir["line-7-cloudwatch.json"]);
        Assert.That(export.Exit, Is.EqualTo(0), export.Err);

        // Then the bytes are the committed file's
        byte[] committed = File.ReadAllBytes(Path.Combine(samples, "line-7-cloudwatch.json"));
        Assert.That(File.ReadAllBytes(dir["line-7-cloudwatch.json"]), Is.EqualTo(committed), "regenerate the sample with the commands in line-7.yaml");
    }
}
