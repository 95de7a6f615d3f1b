using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Output;
using LookoutSim.Tests.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// <c>lookoutsim sensitivity</c> on a small saturated line whose answer is known by construction:
/// two units of exponential 100 ms service under 16 calls/s (utilisation 0.8). ±20% on the service
/// time moves the utilisation from 0.64 to 0.96, ±5% on the rate only from 0.76 to 0.84, so the
/// service time dominates p99 latency; the client timeout (30 s to 60 s, while no call waits more
/// than a few seconds in the bounded queues) moves nothing. The timeout is declared first and the
/// service time last, so the ranking cannot be the file's order.
/// </summary>
[TestFixture]
public sealed class SensitivityCommandTests
{
    private TempDir tmp = null!;
    private string scenario = "";
    private string whole = "";
    private string stdout = "";
    private SensitivityResult result = null!;

    internal static string SaturatedLine(string folder, string uncertainty = Uncertainty, string name = "saturated-line", string extra = "")
    {
        string path = Path.Combine(folder, name + ".yaml");
        File.WriteAllText(path, $"""
            name: {name}
            seed: 7
            horizon: 10m
            warmup: 0s
            replications: 4
            service: {"{"} base: 100ms, per_megapixel: 0ms, per_megabyte: 0ms, distribution: exponential {"}"}
            images:
              - {"{"} width: 100, height: 100, size: 0.01MB {"}"}
            traffic:
              - {"{"} name: line, pattern: poisson, rate: 16/s {"}"}
            deployment:
              zones: [az1]
              min_units: 2
              queue_per_unit: 8
            client:
              timeout: 30s
            slo:
              latency_p99: 1s
              max_failed: 1%
            {extra}
            {uncertainty}
            """);
        return path;
    }

    private const string Uncertainty = """
        uncertainty:
          client.timeout: 30s..60s
          traffic[line].rate: 15.2/s..16.8/s
          service.base: 80ms..120ms
        """;

    [OneTimeSetUp]
    public void RunOnce()
    {
        tmp = new TempDir();
        scenario = SaturatedLine(tmp.Path);
        whole = tmp["whole"];
        (int exit, string output, string error) = CliRun.Run("sensitivity", scenario, "--samples", "5", "--out", whole, "--parallel", "1", "--quiet");
        Assert.That(exit, Is.EqualTo(0), error + output);
        stdout = output;
        var data = JsonOutput.Deserialize<SensitivityData>(File.ReadAllText(Path.Combine(whole, SensitivityFolder.DataFile)))!;
        result = SensitivityAnalysis.Analyze(data);
    }

    [OneTimeTearDown]
    public void Cleanup() => tmp?.Dispose();

    [Test]
    public void Sensitivity_FieldWithoutEffect_SwingCiHoldsZeroAndSortsLast()
    {
        // Given the run / When the rows of p99 latency and of the failed share are read
        foreach (string measure in new[] { "latency_p99_s", "failed_rate" })
        {
            IReadOnlyList<SensitivityRow> rows = result.Of(measure);

            // Then the timeout, which no call reaches, is last, with a swing whose 95% interval holds 0
            SensitivityRow timeout = rows.Single(r => r.Field.Path == "client.timeout");
            Assert.That(timeout.Rank, Is.EqualTo(3), measure);
            Assert.That(timeout.Swing.Ci95Low, Is.LessThanOrEqualTo(0), measure);
            Assert.That(timeout.Swing.Ci95High, Is.GreaterThanOrEqualTo(0), measure);
            Assert.That(timeout.Significant, Is.False, measure);
            Assert.That(timeout.NoChange, Is.True, measure + ": a timeout no call reaches leaves every replication as it was");
        }
    }

    [Test]
    public void Sensitivity_ServiceTimeOnASaturatedLine_DominatesP99AndSortsFirst()
    {
        // Given the run / When the rows of p99 latency are read
        IReadOnlyList<SensitivityRow> rows = result.Of("latency_p99_s");

        // Then the service time is first, raises p99 beyond the noise, and by more than the rate does
        Assert.That(rows.Select(r => r.Field.Path), Is.EqualTo(new[] { "service.base", "traffic[line].rate", "client.timeout" }));
        SensitivityRow service = rows[0];
        Assert.That(service.Rank, Is.EqualTo(1));
        Assert.That(service.Swing.Ci95Low, Is.GreaterThan(0), "slower service, higher p99, beyond the noise");
        Assert.That(service.AtHigh.Mean, Is.GreaterThan(service.Nominal.Mean));
        Assert.That(service.AtLow.Mean, Is.LessThan(service.Nominal.Mean));
        Assert.That(service.Swing.Mean, Is.GreaterThan(2 * Math.Abs(rows[1].Swing.Mean)));
    }

    [Test]
    public void Sensitivity_Swing_IsThePairedDifferenceOfTheEnds()
    {
        // Given the run's data
        SensitivityData data = result.Data;
        int m = data.Measures.ToList().IndexOf("latency_p99_s");
        int f = data.Fields.Select(x => x.Path).ToList().IndexOf("service.base");
        double[] low = data.Points[SensitivityDesign.LowIndex(f)].Replications[m];
        double[] high = data.Points[SensitivityDesign.HighIndex(f)].Replications[m];

        // When the swing is read / Then it is the mean of high − low, and its interval is narrower than the ends' (common random numbers)
        SensitivityRow row = result.Of("latency_p99_s").Single(r => r.Field.Path == "service.base");
        Assert.That(row.Swing.Mean, Is.EqualTo(high.Zip(low, (h, l) => h - l).Average()).Within(1e-12));
        Assert.That(row.Swing.Mean, Is.EqualTo(row.AtHigh.Mean - row.AtLow.Mean).Within(1e-12));
        Assert.That(data.Replications, Is.EqualTo(4));
        Assert.That(low, Has.Length.EqualTo(4));
    }

    [Test]
    public void Sensitivity_Folder_HoldsTheTablesChartsAndPage()
    {
        // Given the run / Then sensitivity.csv has the spec's columns, the swing's interval after them, one row per measure and field
        string[] lines = File.ReadAllLines(Path.Combine(whole, "sensitivity.csv"));
        Assert.That(lines[0], Is.EqualTo("field,low,high,measure,at_low,at_low_ci95_low,at_low_ci95_high,nominal,at_high,at_high_ci95_low,at_high_ci95_high,swing,swing_ci95_low,swing_ci95_high"));
        Assert.That(lines, Has.Length.EqualTo(1 + (4 * 3)));
        Assert.That(lines[1 + 3], Does.StartWith("service.base,80ms,120ms,latency_p99_s,"), "p99 rows follow cost's, by rank");

        // uncertainty.csv: one row per sample point, the fields' values, then each key measure
        string[] sample = File.ReadAllLines(Path.Combine(whole, "uncertainty.csv"));
        Assert.That(sample[0], Is.EqualTo("index,client.timeout,traffic[line].rate,service.base,cost,latency_p99_s,failed_rate,availability"));
        Assert.That(sample, Has.Length.EqualTo(6));
        Assert.That(sample.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "1", "2", "3", "4", "5" }));

        // charts and page
        foreach (string measure in new[] { "cost", "latency_p99_s", "failed_rate", "availability" })
        {
            foreach (string chart in new[] { "tornado-", "sample-" })
            {
                Assert.That(File.Exists(Path.Combine(whole, "plots", chart + measure + ".png")), Is.True, chart + measure);
                Assert.That(File.Exists(Path.Combine(whole, "plots", chart + measure + ".svg")), Is.True, chart + measure);
            }
        }

        string page = File.ReadAllText(Path.Combine(whole, SensitivityReport.FileName));
        Assert.That(page, Does.Contain("service.base"));
        Assert.That(page, Does.Contain("no change"), "the timeout changes nothing at all");
    }

    [Test]
    public void Sensitivity_Terminal_RanksTheFieldsPerMeasure()
    {
        // Given the run's stdout / Then p99 names the service time first and the timeout as noise
        string[] lines = stdout.Split('\n');
        int p99 = Array.FindIndex(lines, l => l.StartsWith("latency_p99_s (nominal", StringComparison.Ordinal));
        Assert.That(p99, Is.GreaterThan(0), stdout);
        Assert.That(lines[p99 + 1], Does.Contain("1. service.base"));
        Assert.That(lines[p99 + 3], Does.Contain("3. client.timeout").And.Contain("no change"));
        Assert.That(stdout, Does.Contain("sample: latency_p99_s"));
    }

    [Test]
    public void Sensitivity_SameSeed_ByteIdenticalWhateverParallelOrShards()
    {
        // Given the whole run with --parallel 1; the same with --parallel 2; and three shards merged
        string two = tmp["parallel2"];
        Assert.That(CliRun.Run("sensitivity", scenario, "--samples", "5", "--out", two, "--parallel", "2", "--quiet").Exit, Is.EqualTo(0));
        var shards = new List<string>();
        for (int k = 1; k <= 3; k++)
        {
            string shard = tmp[$"shard{k}"];
            (int exit, string output, string error) = CliRun.Run("sensitivity", scenario, "--samples", "5", "--out", shard, "--shard", $"{k}/3", "--parallel", k == 2 ? "2" : "1", "--quiet");
            Assert.That(exit, Is.EqualTo(0), error + output);
            Assert.That(File.Exists(Path.Combine(shard, "shard.json")), Is.True);
            Assert.That(File.Exists(Path.Combine(shard, "sensitivity.csv")), Is.False, "a shard holds its data only");
            shards.Add(shard);
        }

        string merged = tmp["merged"];
        (int mergeExit, string mergeOut, string mergeErr) = CliRun.Run(["merge", shards[2], shards[0], shards[1], "--out", merged]);
        Assert.That(mergeExit, Is.EqualTo(0), mergeErr + mergeOut);

        // Then every file is byte for byte the whole run's
        foreach (string other in new[] { two, merged })
        {
            string[] files = [.. Directory.GetFiles(whole, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(whole, p)).Order(StringComparer.Ordinal)];
            Assert.That(Directory.GetFiles(other, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(other, p)).Order(StringComparer.Ordinal), Is.EqualTo(files), other);
            foreach (string file in files)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(other, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, file))), $"{other}: {file}");
            }
        }

        Assert.That(mergeOut, Does.Contain("1. service.base"));
    }

    [Test]
    public void Sensitivity_AnotherSeed_DrawsAnotherSample()
    {
        // Given the same scenario with --seed 8 / When it runs
        string other = tmp["seed8"];
        Assert.That(CliRun.Run("sensitivity", scenario, "--samples", "5", "--out", other, "--seed", "8", "--parallel", "2", "--quiet").Exit, Is.EqualTo(0));

        // Then the sample's values differ (they are drawn from the seed)
        Assert.That(File.ReadAllText(Path.Combine(other, "uncertainty.csv")), Is.Not.EqualTo(File.ReadAllText(Path.Combine(whole, "uncertainty.csv"))));
    }

    [TestCase("--samples", "-1", "--samples must be from 0 to 10000")]
    [TestCase("--samples", "10001", "--samples must be from 0 to 10000")]
    [TestCase("--samples", "many", "many")]
    [TestCase("--shard", "4/3", "shard 4 is outside")]
    [TestCase("--parallel", "0", "--parallel must be at least 1")]
    public void Sensitivity_BadOption_ExitsTwoAndWritesNothing(string option, string value, string message)
    {
        // Given a bad option / When it runs
        string target = tmp["bad-" + Guid.NewGuid().ToString("N")];
        (int exit, string output, string error) = CliRun.Run("sensitivity", scenario, option, value, "--out", target, "--quiet");

        // Then exit 2 with the reason, and no folder
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(error, Does.Contain(message));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(target), Is.False);
    }

    [Test]
    public void Sensitivity_NothingUncertain_ExitsTwo()
    {
        // Given a scenario without an uncertainty section and without a preset
        string plain = SaturatedLine(tmp.Path, uncertainty: "", name: "certain");

        // When it runs / Then exit 2 saying what to add
        (int exit, _, string error) = CliRun.Run("sensitivity", plain, "--out", tmp["certain-out"], "--quiet");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("nothing is uncertain"));
    }

    [Test]
    public void Sensitivity_ScenarioWithASweep_ExitsTwo()
    {
        // Given a scenario with a sweep section
        string swept = SaturatedLine(tmp.Path, name: "swept", extra: "sweep:\n  deployment.min_units: [2, 3]");

        // When it runs / Then exit 2
        (int exit, _, string error) = CliRun.Run("sensitivity", swept, "--out", tmp["swept-out"], "--quiet");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("has a sweep"));
    }

    [Test]
    public void Sensitivity_ExistingFolderWithoutForce_IsLeftAlone()
    {
        // Given a folder that exists
        string target = tmp["exists"];
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "mine.txt"), "keep");

        // When sensitivity writes there without --force / Then exit 2, the folder untouched
        (int exit, _, string error) = CliRun.Run("sensitivity", scenario, "--samples", "1", "--out", target, "--quiet");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--force"));
        Assert.That(Directory.GetFileSystemEntries(target), Has.Length.EqualTo(1));
    }

    [Test]
    public void Merge_IncompleteSensitivityShards_ExitsTwoAndWritesNothing()
    {
        // Given shard 1 of 2 only
        string shard = tmp["lonely-shard"];
        Assert.That(CliRun.Run("sensitivity", scenario, "--samples", "1", "--shard", "1/2", "--out", shard, "--quiet").Exit, Is.EqualTo(0));

        // When it is merged alone / Then exit 2 naming the missing shard, nothing written
        string target = tmp["lonely-merged"];
        (int exit, _, string error) = CliRun.Run("merge", shard, "--out", target);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("2/2 missing"));
        Assert.That(Directory.Exists(target), Is.False);
    }

    [Test]
    public void Merge_SensitivityShardWithASweepShard_ExitsTwo()
    {
        // Given shard 1/2 of a sensitivity run and shard 2/2 of a sweep
        string sensitivityShard = tmp["kind-sensitivity"];
        Assert.That(CliRun.Run("sensitivity", scenario, "--samples", "1", "--shard", "1/2", "--out", sensitivityShard, "--quiet").Exit, Is.EqualTo(0));
        string sweepShard = tmp["kind-sweep"];
        string sweep = LookoutSim.Tests.Experiments.SweepTestSupport.SweepScenario(tmp.Path, replications: 1);
        Assert.That(CliRun.Run("sweep", sweep, "--shard", "2/2", "--out", sweepShard, "--quiet").Exit, Is.EqualTo(0));

        // When they are merged, either way round / Then exit 2, nothing written
        foreach (string[] folders in new[] { new[] { sensitivityShard, sweepShard }, new[] { sweepShard, sensitivityShard } })
        {
            string target = tmp["kind-merged"];
            (int exit, _, string error) = CliRun.Run(["merge", .. folders, "--out", target]);
            Assert.That(exit, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain("shard"));
            Assert.That(Directory.Exists(target), Is.False);
        }
    }

    [Test]
    public void Sensitivity_UncertainLineSample_RunsBriefly()
    {
        // Given the README's sample, shortened to two hours, two replications and two sample points
        string sample = Path.Combine(LookoutSim.Tests.Scenarios.ScenarioFiles.Samples, "uncertain-line.yaml");
        string target = tmp["sample-out"];

        // When it runs
        (int exit, string output, string error) = CliRun.Run("sensitivity", sample, "--set", "horizon=2h", "--set", "warmup=0s", "--replications", "2", "--samples", "2", "--out", target, "--quiet");

        // Then it ranks its file's fields and the preset's, and draws the tornado of p99
        Assert.That(exit, Is.EqualTo(0), error + output);
        Assert.That(output, Does.Contain("latency_p99_s (nominal"));
        string csv = File.ReadAllText(Path.Combine(target, "sensitivity.csv"));
        foreach (string field in new[] { "service.base", "traffic[line].rate", "autoscaling.target", "client.timeout", "deployment.model_start" })
        {
            Assert.That(csv, Does.Contain(field + ","), field);
        }

        Assert.That(File.Exists(Path.Combine(target, "plots", "tornado-latency_p99_s.png")), Is.True);
    }

    [Test]
    public void Sensitivity_NoSample_RunsTheEndsOnly()
    {
        // Given --samples 0 / When it runs
        string target = tmp["no-sample"];
        (int exit, string output, string error) = CliRun.Run("sensitivity", scenario, "--samples", "0", "--out", target, "--quiet");

        // Then the one-at-a-time table is there, the sample table has its header only, and no spread chart is drawn
        Assert.That(exit, Is.EqualTo(0), error + output);
        Assert.That(File.ReadAllLines(Path.Combine(target, "sensitivity.csv")), Has.Length.EqualTo(13));
        Assert.That(File.ReadAllLines(Path.Combine(target, "uncertainty.csv")), Has.Length.EqualTo(1));
        Assert.That(Directory.GetFiles(Path.Combine(target, "plots"), "sample-*"), Is.Empty);
        Assert.That(output, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"(7 points: nominal, 6 field ends, 0 sample points)")));
    }
}
