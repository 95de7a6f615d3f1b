using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;
using LookoutSim.Scenarios;
using LookoutSim.Tests.Architecture;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// <c>lookoutsim run</c> as a planner uses it: scenario files in, a whole results folder out,
/// checked against queueing theory through the file format, and against itself across thread counts.
/// </summary>
[NonParallelizable]
public sealed class RunCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lookoutsim-run-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    // ---- theory through scenario files and run --------------------------------------------------

    [Test]
    public void Run_SharedQueueMmc_WaitMatchesErlangC()
    {
        // Given: M/M/5, λ = 40/s, S = 100 ms exponential, one FIFO queue in front of all units
        string file = Scenario("mm5", "shared-queue", queuePerUnit: 1000, rate: 40, units: 5, distribution: "exponential");

        // When
        JsonElement m = RunJson(file, "--replications", "10");

        // Then
        AssertWithinCi(m, "wait_mean_s", QueueingTheory.MmcMeanWait(5, 40, 10));
        Assert.That(m.GetProperty("throttled_attempts").GetProperty("max").GetDouble(), Is.Zero);
    }

    [Test]
    public void Run_NoQueue_LossMatchesErlangB()
    {
        // Given: M/M/4/4 — queue_per_unit 0 leaves no waiting room, a call that finds every unit busy is throttled
        string file = Scenario("mm44", "shared-queue", queuePerUnit: 0, rate: 30, units: 4, distribution: "exponential");

        // When
        JsonElement m = RunJson(file, "--replications", "10");

        // Then: with no retries, the throttled share of attempts is the blocking probability
        AssertWithinCi(m, "throttle_rate", QueueingTheory.ErlangB(4, 3));
        AssertWithinCi(m, "failed_rate", QueueingTheory.ErlangB(4, 3));
    }

    [Test]
    public void Run_FiniteSharedQueue_BlockingMatchesMmck()
    {
        // Given: M/M/3/9 — the shared queue holds queue_per_unit × ready units = 2 × 3
        string file = Scenario("mm39", "shared-queue", queuePerUnit: 2, rate: 32, units: 3, distribution: "exponential");

        // When
        JsonElement m = RunJson(file, "--replications", "10");

        // Then
        AssertWithinCi(m, "throttle_rate", QueueingTheory.MmckBlocking(3, 9, 32, 10));
    }

    [Test]
    public void Run_Md1_WaitMatchesPollaczekKhinchine()
    {
        // Given: one unit, deterministic 100 ms service, λ = 7/s (ρ = 0.7)
        string file = Scenario("md1", "least-outstanding", queuePerUnit: 100_000, rate: 7, units: 1, distribution: "deterministic");

        // When
        JsonElement m = RunJson(file, "--replications", "10");

        // Then
        AssertWithinCi(m, "wait_mean_s", QueueingTheory.PollaczekKhinchineMeanWait(7, 0.1, 0));
    }

    // ---- the results folder ----------------------------------------------------------------------

    [Test]
    public void Run_SameSeed_Parallel1AndParallel2_ByteIdenticalCsv()
    {
        // Given
        string[] common = ["run", "--replications", "4", "--horizon", "30m", "--set", "warmup=0s", "--quiet", "--seed", "5"];

        // When
        Assert.That(Cli([.. common, "--out", Path.Combine(_dir, "p1"), "--parallel", "1"]).Code, Is.Zero);
        Assert.That(Cli([.. common, "--out", Path.Combine(_dir, "p2"), "--parallel", "2"]).Code, Is.Zero);

        // Then
        foreach (string name in new[] { "timeseries.csv", "zones.csv", "events.csv", "summary.csv" })
        {
            string a = File.ReadAllText(Path.Combine(_dir, "p1", name));
            string b = File.ReadAllText(Path.Combine(_dir, "p2", name));
            if (name == "summary.csv")
            {
                // wall time is the one measure that is not a function of scenario + seed
                a = string.Join('\n', a.Split('\n').Where(l => !l.StartsWith("wall_s", StringComparison.Ordinal)));
                b = string.Join('\n', b.Split('\n').Where(l => !l.StartsWith("wall_s", StringComparison.Ordinal)));
            }

            Assert.That(b, Is.EqualTo(a), name);
        }
    }

    [Test]
    public void Run_DifferentSeed_DifferentTimeSeries()
    {
        string[] common = ["run", "--replications", "1", "--horizon", "30m", "--set", "warmup=0s", "--quiet"];
        Assert.That(Cli([.. common, "--out", Path.Combine(_dir, "s1"), "--seed", "1"]).Code, Is.Zero);
        Assert.That(Cli([.. common, "--out", Path.Combine(_dir, "s2"), "--seed", "2"]).Code, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(_dir, "s2", "timeseries.csv")), Is.Not.EqualTo(File.ReadAllText(Path.Combine(_dir, "s1", "timeseries.csv"))));
    }

    [Test]
    public void Run_NoFile_RunsBuiltInExampleAndWritesWholeFolder()
    {
        // When
        (int code, string stdout, _) = Cli(["run", "--replications", "2", "--horizon", "1h", "--set", "warmup=0s", "--quiet", "--out", Path.Combine(_dir, "ex")]);

        // Then
        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("latency_p99_s"));
        foreach (string f in new[] { "summary.json", "summary.csv", "replications.csv", "timeseries.csv", "zones.csv", "events.csv", "scenario.resolved.yaml", "report.html", "plots/capacity.png", "plots/latency-cdf.svg" })
        {
            Assert.That(File.Exists(Path.Combine(_dir, "ex", f)), Is.True, f);
        }

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "ex", "summary.json")));
        Assert.That(summary.RootElement.GetProperty("scenario").GetString(), Is.EqualTo("example"));
        Assert.That(summary.RootElement.GetProperty("replications").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void Run_ExistingFolderWithoutForce_Exit2AndUntouched()
    {
        // Given
        string target = Path.Combine(_dir, "keep");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "summary.json"), "mine");

        // When
        (int code, _, string stderr) = Cli(["run", "--replications", "1", "--horizon", "10m", "--set", "warmup=0s", "--quiet", "--out", target]);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr, Does.Contain("--force"));
        Assert.That(Directory.GetFileSystemEntries(target), Has.Length.EqualTo(1));
        Assert.That(File.ReadAllText(Path.Combine(target, "summary.json")), Is.EqualTo("mine"));
    }

    [Test]
    public void Run_InvalidScenario_Exit2WithLineAndColumn_NothingWritten()
    {
        // Given
        string file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, "name: bad\nhorizon: 1h\nservice: { base: 50ms }\ntraffic: [{ name: a, pattern: poisson, rate: 5/s }]\ndeployment: { min_units: 3, max_units: 2 }\n");
        string target = Path.Combine(_dir, "out");

        // When
        (int code, _, string stderr) = Cli(["run", file, "--out", target, "--quiet"]);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr, Does.Contain("bad.yaml:5:").And.Contain("deployment.max_units"));
        Assert.That(stderr, Does.Not.Contain("   at "));
        Assert.That(Directory.Exists(target), Is.False);
    }

    [Test]
    public void Run_CheckSloNotMet_Exit1()
    {
        (int code, _, _) = Cli(["run", "--replications", "1", "--horizon", "20m", "--set", "warmup=0s", "--set", "slo.latency_p99=1ms", "--check-slo", "--quiet", "--out", Path.Combine(_dir, "slo")]);
        Assert.That(code, Is.EqualTo(ExitCodes.CheckFailed));
    }

    [Test]
    public void Run_TraceRequests_WritesSampledRequests()
    {
        (int code, _, _) = Cli(["run", "--replications", "1", "--horizon", "20m", "--set", "warmup=0s", "--trace-requests", "5%", "--quiet", "--out", Path.Combine(_dir, "tr")]);
        Assert.That(code, Is.Zero);
        string[] lines = File.ReadAllLines(Path.Combine(_dir, "tr", "requests.csv"));
        Assert.That(lines.Length, Is.GreaterThan(50));
    }

    // ---- every sample --------------------------------------------------------------------------

    private static IEnumerable<string> Samples() =>
        Directory.EnumerateFiles(Path.Combine(LayeringTests.RepositoryRoot(), "samples"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Samples))]
    public void Sample_RunBriefly_InvariantsHold(string sample)
    {
        // Given: the sample, cut to one day and one replication (the weekly batch from its Sunday)
        string path = Path.Combine(LayeringTests.RepositoryRoot(), "samples", sample);
        List<string> cut = ["horizon=1d", "warmup=0s", "replications=1"];
        if (sample == "weekly-batch.yaml")
        {
            cut.Add("start=2024-01-07T00:00:00Z");
        }

        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(path, cut);
        Assert.That(loaded.IsValid, Is.True, string.Join('\n', loaded.Diagnostics));

        // When
        RunResult result = ScenarioRun.Run(loaded, TraceFiles.Instance, 1, 0, null, CancellationToken.None);

        // Then
        Assert.That(result.Replications, Has.Count.EqualTo(1));
        Invariants.AssertHold(result.Replications[0], 86400, loaded.Scenario!.Interval.TotalSeconds);
    }

    // ---- helpers -------------------------------------------------------------------------------

    [Test]
    public void Run_Timings_PrintsEachPhaseAndTheShareBeyondTheSimulation()
    {
        // Given
        string file = Scenario("timed", "least-outstanding", queuePerUnit: 8, rate: 20, units: 3, distribution: "lognormal");
        string outDir = Path.Combine(_dir, "timed-out");

        // When: with --timings, and again without into another folder
        (int code, string stdout, string stderr) = Cli(["run", file, "--quiet", "--out", outDir, "--timings"]);
        (int plainCode, _, string plainStderr) = Cli(["run", file, "--quiet", "--out", outDir + "-plain"]);

        // Then: one line per phase on stderr, each a non-negative number of seconds, and the folder as usual
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("results:"));
        var seconds = new Dictionary<string, double>();
        foreach (string phase in new[] { "start-up", "loading and checking", "simulation", "data files", "charts drawn", "waiting for the charts", "chart files and report", "after the simulation, in all", "beyond the simulation" })
        {
            System.Text.RegularExpressions.Match line = System.Text.RegularExpressions.Regex.Match(stderr, $@"^  {System.Text.RegularExpressions.Regex.Escape(phase)}[^
]*?\s(\d+\.\d{{3}})", System.Text.RegularExpressions.RegexOptions.Multiline);
            Assert.That(line.Success, Is.True, $"{phase} in:\n{stderr}");
            seconds[phase] = double.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.That(seconds["simulation"], Is.GreaterThan(0));
        Assert.That(seconds["charts drawn"], Is.GreaterThan(0), "the charts were drawn");
        Assert.That(seconds["after the simulation, in all"], Is.GreaterThanOrEqualTo(seconds["data files"] + seconds["chart files and report"] - 0.002));
        Assert.That(seconds["beyond the simulation"], Is.EqualTo(seconds["start-up"] + seconds["loading and checking"] + seconds["after the simulation, in all"]).Within(0.003));
        Assert.That(stderr, Does.Match(@"beyond the simulation\s+\d+\.\d{3}\s+[\d.,]+\s?% of the simulation"));
        Assert.That(stderr, Does.Contain("  build: JIT only (not a Release build)"), "the tests run a Debug build");
        Assert.That(File.Exists(Path.Combine(outDir, "report.html")), Is.True);
        Assert.That(plainCode, Is.Zero, plainStderr);
        Assert.That(plainStderr, Does.Not.Contain("timings"));
    }

    private string Scenario(string name, string routing, int queuePerUnit, double rate, int units, string distribution)
    {
        string file = Path.Combine(_dir, name + ".yaml");
        File.WriteAllText(file, $"""
            name: {name}
            horizon: 2h
            warmup: 10m
            service: {"{"} base: 100ms, per_megapixel: 0ms, per_megabyte: 0ms, distribution: {distribution} {"}"}
            traffic:
              - {"{"} name: calls, pattern: poisson, rate: {rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}/s {"}"}
            client: {"{"} timeout: 1h, retry: none {"}"}
            deployment:
              zones: [az-1]
              min_units: {units}
              routing: {routing}
              queue_per_unit: {queuePerUnit}
            """);
        return file;
    }

    private JsonElement RunJson(string file, params string[] extra)
    {
        (int code, string stdout, string stderr) = Cli(["run", file, "--json", "--quiet", "--out", Path.Combine(_dir, Path.GetFileNameWithoutExtension(file) + "-out"), .. extra]);
        Assert.That(code, Is.Zero, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("metrics").Clone();
    }

    private static void AssertWithinCi(JsonElement metrics, string measure, double theory)
    {
        JsonElement m = metrics.GetProperty(measure);
        double low = m.GetProperty("ci95_low").GetDouble();
        double high = m.GetProperty("ci95_high").GetDouble();
        double mean = m.GetProperty("mean").GetDouble();
        Assert.That(theory, Is.InRange(low, high), $"{measure}: theory {theory:G5}, simulated {mean:G5} with 95% CI [{low:G5}, {high:G5}]");
    }

    private static (int Code, string Stdout, string Stderr) Cli(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
