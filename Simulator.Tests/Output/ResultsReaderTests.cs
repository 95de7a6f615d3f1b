using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

[TestFixture]
public class ResultsReaderTests
{
    private static readonly ResultsWriteOptions FilesOnly = new() { Charts = false, Report = false };

    [Test]
    [SetCulture("de-DE")]
    public void Read_WrittenFolder_WritesBackToTheSameBytes()
    {
        // Given a folder written from a result
        using var tmp = new TempDir();
        string a = ResultsFolder.Write(FakeResults.Small(withRequests: false), tmp["a"], FilesOnly);

        // When it is read back and written again
        RunResult back = ResultsReader.Read(a);
        string b = ResultsFolder.Write(back, tmp["b"], FilesOnly);

        // Then every file is byte-identical
        Assert.Multiple(() =>
        {
            foreach (string file in Directory.GetFiles(a).Select(f => Path.GetFileName(f)))
            {
                Assert.That(File.ReadAllBytes(Path.Combine(b, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, file))), file);
            }
        });
    }

    [Test]
    public void Read_RealisticFolder_GivesTheSameRowsHistogramAndMetadata()
    {
        // Given a realistic result written out
        RunResult result = FakeResults.Realistic();
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(result, tmp["r"], FilesOnly);

        // When read back
        RunResult back = ResultsReader.Read(dir);

        // Then rows, latency percentiles and metadata are the same
        Assert.That(back.Replications, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(back.Scenario, Is.EqualTo(result.Scenario));
            Assert.That(back.Seed, Is.EqualTo(result.Seed));
            Assert.That(back.IntervalS, Is.EqualTo(60));
            Assert.That(back.Zones, Is.EqualTo(result.Zones));
            Assert.That(back.Currency, Is.EqualTo("USD"));
            Assert.That(back.PresetNotes, Is.EqualTo(result.PresetNotes));
            Assert.That(back.Slo, Is.EqualTo(result.Slo));
            Assert.That(back.Metrics, Is.EqualTo(result.Metrics));
            for (int k = 0; k < 3; k++)
            {
                Assert.That(back.Replications[k].TimeSeries, Is.EqualTo(result.Replications[k].TimeSeries));
                Assert.That(back.Replications[k].Zones, Is.EqualTo(result.Replications[k].Zones));
                Assert.That(back.Replications[k].Events, Is.EqualTo(result.Replications[k].Events));
                foreach (double q in new[] { 50, 99, 99.9, 100 })
                {
                    Assert.That(
                        back.Replications[k].LatencyMicros.GetValueAtPercentile(q),
                        Is.EqualTo(result.Replications[k].LatencyMicros.GetValueAtPercentile(q)),
                        $"replication {k}, p{q}");
                }
            }
        });
    }

    [Test]
    public void Read_NotAResultsFolder_ThrowsOutputException()
    {
        using var tmp = new TempDir();
        Assert.Throws<OutputException>(() => ResultsReader.Read(tmp["absent"]));
        var ex = Assert.Throws<OutputException>(() => ResultsReader.Read(tmp.Path));
        Assert.That(ex!.Message, Does.Contain("summary.json"));
    }

    [Test]
    public void Read_MalformedNumber_NamesFileLineAndColumn()
    {
        // Given a folder whose timeseries has a German decimal comma in a number
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Small(), tmp["r"], FilesOnly);
        string path = Path.Combine(dir, "timeseries.csv");
        string[] lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace(",1.5,", ",\"1,5\",", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        // When read
        var ex = Assert.Throws<OutputException>(() => ResultsReader.Read(dir));

        // Then the message says where
        Assert.That(ex!.Message, Does.Contain("timeseries.csv").And.Contain("line 3").And.Contain("units_ready"));
    }

    [Test]
    public void Read_FolderWithResolvedScenario_GivesStartTimeZoneDescriptionAndDeployment()
    {
        // Given a folder whose resolved scenario sets a start in Berlin and a description
        RunResult realistic = FakeResults.Realistic(replications: 1, horizonS: 3600);
        const string yaml = "name: r\ndescription: \"Line 3, night shift\"\nstart: 2024-01-03T09:30:00Z\ntimezone: Europe/Berlin\n"
            + "horizon: 1h\nservice: { base: 100ms }\ntraffic:\n  - { name: line, pattern: poisson, rate: 5/s }\n"
            + "deployment:\n  zones: [a, b]\n  min_units: 2\n  max_units: 4\n";
        var result = new RunResult
        {
            Version = realistic.Version,
            Scenario = "r",
            ScenarioSha256 = realistic.ScenarioSha256,
            Seed = 1,
            HorizonS = 3600,
            WarmupS = 0,
            Metrics = realistic.Metrics,
            Replications = realistic.Replications,
            ResolvedScenarioYaml = yaml,
        };
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(result, tmp["r"], FilesOnly);

        // When
        RunResult back = ResultsReader.Read(dir);

        // Then the charts and report can show clock times and the answer
        Assert.That(back.Start, Is.EqualTo(new DateTimeOffset(2024, 1, 3, 9, 30, 0, TimeSpan.Zero)));
        Assert.That(back.TimeZone.Id, Is.EqualTo("Europe/Berlin"));
        Assert.That(back.Description, Is.EqualTo("Line 3, night shift"));
        Assert.That(back.Deployment, Is.EqualTo("2 to 4 units over 2 zones (a, b), autoscaling at 70% utilization"));
    }

    [Test]
    public void Read_FolderWhoseScenarioDoesNotLoad_HasNoStart()
    {
        // Given the realistic fake, whose resolved scenario is a fragment
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Realistic(replications: 1, horizonS: 3600), tmp["r"], FilesOnly);

        // When / Then: no start, so charts count time from the start
        RunResult back = ResultsReader.Read(dir);
        Assert.That(back.Start, Is.Null);
        Assert.That(back.Deployment, Is.Empty);
    }
}
