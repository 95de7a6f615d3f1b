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

    [Test]
    public void SampleExport_Imported_ThreeDaysOfFiveMinutePeriodsOfTenMetrics()
    {
        // Given the committed export
        string samples = Path.Combine(LayeringTests.RepositoryRoot(), "samples", "observed");
        using var dir = new TempDir();

        // When it is imported as the README says
        var import = CliRun.Run("import", "cloudwatch", Path.Combine(samples, "line-7-cloudwatch.json"), "--out", dir["observed"]);

        // Then every metric of the 3-day window is there, 864 periods of 300 s each
        Assert.That(import.Exit, Is.EqualTo(0), import.Err);
        string[] rows = File.ReadAllLines(Path.Combine(dir["observed"], "observed.csv"));
        Assert.That(rows[0], Is.EqualTo("time_s,timestamp,metric,value"));
        var metrics = rows.Skip(1).GroupBy(r => r.Split(',')[2]).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(metrics.Keys, Has.Count.EqualTo(10));
        Assert.That(metrics["InServiceInferenceUnits"], Is.EqualTo(864));
        Assert.That(rows.Skip(1).Select(r => r.Split(',')[0]).Max(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(863 * 300));
    }
}
