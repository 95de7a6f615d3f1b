using System.Runtime.CompilerServices;
using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

[TestFixture]
public class ResultsFolderTests
{
    private const string UpdateGoldenVariable = "LOOKOUTSIM_UPDATE_GOLDEN";

    private static readonly string[] GoldenFiles =
    [
        "summary.json", "summary.csv", "replications.csv", "timeseries.csv", "zones.csv", "events.csv", "requests.csv",
        "latency_histogram.csv", "scenario.resolved.yaml",
    ];

    private static readonly ResultsWriteOptions FilesOnly = new() { Charts = false, Report = false };

    [Test]
    [SetCulture("de-DE")]
    [SetUICulture("de-DE")]
    public void Write_SmallResultUnderGermanCulture_MatchesGoldenFiles()
    {
        // Given a small hand-made result, written under a culture with a decimal comma
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Small(), tmp["small"], FilesOnly);

        // When each file is compared with its golden copy
        if (Environment.GetEnvironmentVariable(UpdateGoldenVariable) == "1")
        {
            string source = Path.Combine(SourceDir(), "Golden", "small");
            Directory.CreateDirectory(source);
            foreach (string file in GoldenFiles)
            {
                File.Copy(Path.Combine(dir, file), Path.Combine(source, file), overwrite: true);
            }

            Assert.Inconclusive($"golden files rewritten in {source}; unset {UpdateGoldenVariable} and rerun");
        }

        // Then every byte matches (set LOOKOUTSIM_UPDATE_GOLDEN=1 to accept a deliberate change)
        string golden = Path.Combine(TestContext.CurrentContext.TestDirectory, "Output", "Golden", "small");
        Assert.That(new TempDirListing(dir).Files, Is.EqualTo(GoldenFiles.Append(OutputManifest.FileName).Order(StringComparer.Ordinal).ToList()));
        Assert.Multiple(() =>
        {
            foreach (string file in GoldenFiles)
            {
                string expected = File.ReadAllText(Path.Combine(golden, file));
                string actual = File.ReadAllText(Path.Combine(dir, file));
                Assert.That(actual, Is.EqualTo(expected), $"{file} differs from Output/Golden/small/{file}");
            }
        });
    }

    [Test]
    public void Write_SmallResult_CsvHeadersAreTheSpecs()
    {
        // Given a written folder
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Small(), tmp["r"], FilesOnly);

        // Then the first line of each CSV is the outputs spec's header
        Assert.Multiple(() =>
        {
            Assert.That(FirstLine(dir, "summary.csv"), Is.EqualTo("metric,unit,mean,ci95_low,ci95_high,min,max,slo_target,slo_rule,slo_judged,slo_margin,slo_met"));
            Assert.That(FirstLine(dir, "timeseries.csv"), Is.EqualTo(
                "replication,time_s,arrivals,attempts,succeeded,throttled,failed,timeouts,units_desired,units_ready,capacity_tps,utilization,latency_p50_s,latency_p99_s,cost"));
            Assert.That(FirstLine(dir, "zones.csv"), Is.EqualTo("replication,time_s,zone,up,units_ready,units_provisioning"));
            Assert.That(FirstLine(dir, "events.csv"), Is.EqualTo("replication,time_s,kind,zone,unit,detail"));
            Assert.That(FirstLine(dir, "replications.csv"), Does.StartWith("replication,requests_arrived,requests_succeeded,"));
        });
    }

    [Test]
    public void Write_SameResultTwice_GivesByteIdenticalFolders()
    {
        // Given one result written twice, charts and report included, with the same report date
        RunResult result = FakeResults.Realistic(replications: 2, horizonS: 6 * 3600);
        var options = new ResultsWriteOptions { ReportDate = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero) };
        using var tmp = new TempDir();
        string a = ResultsFolder.Write(result, tmp["a"], options);
        string b = ResultsFolder.Write(result, tmp["b"], options);

        // Then both hold the same files with the same bytes
        var listing = new TempDirListing(a).Files;
        Assert.That(new TempDirListing(b).Files, Is.EqualTo(listing));
        Assert.That(listing, Does.Contain("plots/capacity.png").And.Contain("plots/latency-cdf.svg").And.Contain("report.html"));
        Assert.That(listing, Does.Not.Contain("requests.csv"), "no request rows, no requests.csv");
        Assert.Multiple(() =>
        {
            foreach (string file in listing.Where(f => File.Exists(Path.Combine(a, f))))
            {
                Assert.That(File.ReadAllBytes(Path.Combine(b, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, file))), file);
            }
        });
    }

    [Test]
    public void Write_ExistingFolderWithoutForce_FailsAndLeavesItUntouched()
    {
        // Given an existing results folder
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Small(), tmp["r"], FilesOnly);
        var before = Snapshot(dir);

        // When another result is written there without force
        var ex = Assert.Throws<OutputException>(() => ResultsFolder.Write(FakeResults.Realistic(replications: 1), dir, FilesOnly));

        // Then it is refused with a hint, the folder is byte-for-byte as it was, and no temporary folder is left
        Assert.That(ex!.Message, Does.Contain("already exists").And.Contain("--force"));
        Assert.That(Snapshot(dir), Is.EqualTo(before));
        Assert.That(tmp.Listing().Where(p => !p.Contains('/')), Is.EqualTo(new[] { "r" }));
    }

    [Test]
    public void Write_ExistingFolderWithForce_ReplacesIt()
    {
        // Given an existing results folder (with requests.csv)
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Small(), tmp["r"], FilesOnly);

        // When another result (without requests) is written there with force
        ResultsFolder.Write(FakeResults.Small(withRequests: false), dir, FilesOnly with { Force = true });

        // Then the folder holds exactly the new result, and nothing else is left beside it
        Assert.That(File.Exists(Path.Combine(dir, "requests.csv")), Is.False);
        Assert.That(File.Exists(Path.Combine(dir, "summary.json")), Is.True);
        Assert.That(tmp.Listing().Where(p => !p.Contains('/')), Is.EqualTo(new[] { "r" }));
    }

    [Test]
    public void Write_ForceOnAFolderLookoutSimDidNotWrite_RefusesAndLeavesIt()
    {
        // Given a folder of someone's files
        using var tmp = new TempDir();
        string dir = tmp["mine"];
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "thesis.tex"), "precious");

        // When a result is written there with force
        var ex = Assert.Throws<OutputException>(() => ResultsFolder.Write(FakeResults.Small(), dir, FilesOnly with { Force = true }));

        // Then it is refused and the file survives
        Assert.That(ex!.Message, Does.Contain("not a folder LookoutSim wrote").And.Contain("delete it yourself"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "thesis.tex")), Is.EqualTo("precious"));
    }

    [TestCase("timeseries.csv")]
    [TestCase("plots/units.png")]
    [TestCase("report.html")]
    public void Write_CancelledMidway_LeavesNothingBehind(string cancelAfter)
    {
        // Given a write that is cancelled (as by Ctrl+C) once a given file is written
        using var tmp = new TempDir();
        using var cts = new CancellationTokenSource();
        var options = new ResultsWriteOptions { AfterFile = f => { if (f.Replace('\\', '/') == cancelAfter) { cts.Cancel(); } } };

        // When it runs
        Assert.Throws<OperationCanceledException>(() => ResultsFolder.Write(FakeResults.Realistic(replications: 1, horizonS: 3 * 3600), tmp["r"], options, cts.Token));

        // Then neither the target nor a temporary folder exists
        Assert.That(tmp.Listing(), Is.Empty);
    }

    [Test]
    public void Write_WriterFailsMidway_LeavesNothingBehindAndKeepsTheOldFolder()
    {
        // Given an existing results folder, and a forced rewrite whose writing fails partway
        using var tmp = new TempDir();
        string dir = ResultsFolder.Write(FakeResults.Small(), tmp["r"], FilesOnly);
        var before = Snapshot(dir);
        var options = FilesOnly with { Force = true, AfterFile = f => { if (f == "zones.csv") { throw new InvalidOperationException("disk on fire"); } } };

        // When it runs
        Assert.Throws<InvalidOperationException>(() => ResultsFolder.Write(FakeResults.Small(withRequests: false), dir, options));

        // Then the old folder is untouched and no temporary folder is left
        Assert.That(Snapshot(dir), Is.EqualTo(before));
        Assert.That(tmp.Listing().Where(p => !p.Contains('/')), Is.EqualTo(new[] { "r" }));
    }

    [Test]
    public void Write_WhileWriting_FilesGoToAHiddenFolderBesideTheTarget()
    {
        // Given a write that looks at the parent folder while it is under way
        using var tmp = new TempDir();
        var seen = new List<string>();
        var options = FilesOnly with { AfterFile = f => { if (f == "events.csv") { seen.AddRange(tmp.Listing().Where(p => !p.Contains('/'))); } } };

        // When it runs
        ResultsFolder.Write(FakeResults.Small(), tmp["r"], options);

        // Then midway only a hidden temporary folder existed, and at the end only the target
        Assert.That(seen, Has.Count.EqualTo(1));
        Assert.That(seen[0], Does.Match(@"^\.r\.writing-[0-9a-f]{8}-[0-9]+-[0-9]+-[0-9a-f]{8}$"));
        Assert.That(seen[0], Does.Contain($"-{Environment.ProcessId}-"), "named after the process that owns it");
        Assert.That(tmp.Listing().Where(p => !p.Contains('/')), Is.EqualTo(new[] { "r" }));
    }

    [Test]
    public void CheckTarget_AbsentFolder_ReturnsFullPath()
    {
        using var tmp = new TempDir();
        Assert.That(ResultsFolder.CheckTarget(tmp["new"], force: false), Is.EqualTo(Path.GetFullPath(tmp["new"])));
    }

    [Test]
    public void CheckTarget_ExistingFolderWithoutForce_Throws()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["old"]);
        Assert.Throws<OutputException>(() => ResultsFolder.CheckTarget(tmp["old"], force: false));
        Assert.That(ResultsFolder.CheckTarget(tmp["old"], force: true), Is.Not.Empty, "an empty folder may be replaced with force");
    }

    [Test]
    public void CheckTarget_AFile_Throws()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["f"], "x");
        Assert.Throws<OutputException>(() => ResultsFolder.CheckTarget(tmp["f"], force: true));
    }

    [Test]
    public void SplitScenario_WrittenScenario_GivesBackYamlAndNotes()
    {
        // Given a result with preset notes, its scenario file written
        using var tmp = new TempDir();
        RunResult result = FakeResults.Realistic(replications: 1);
        ResultsFolder.WriteScenario(result, tmp["s.yaml"]);

        // When split back
        (string yaml, IReadOnlyList<string> notes) = ResultsFolder.SplitScenario(File.ReadAllText(tmp["s.yaml"]));

        // Then both come back as they were
        Assert.That(yaml, Is.EqualTo(result.ResolvedScenarioYaml));
        Assert.That(notes, Is.EqualTo(result.PresetNotes));
    }

    private static string FirstLine(string dir, string file) => File.ReadLines(Path.Combine(dir, file)).First();

    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);

    private static string SourceDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private sealed class TempDirListing(string dir)
    {
        public List<string> Files { get; } = Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
