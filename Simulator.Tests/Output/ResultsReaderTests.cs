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
}
