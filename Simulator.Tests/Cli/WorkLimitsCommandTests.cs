using System.Text;
using LookoutSim.Cli;
using LookoutSim.Tests.Scenarios;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// The reproductions through the command line: bad trace files and work over the limits
/// are refused by <c>validate</c>, <c>run</c>, <c>sweep</c> and <c>plan</c> alike — exit 2, a message
/// with the file, line and column (traces) or the estimate, the limit and <c>--i-know</c> (work),
/// and nothing written.
/// </summary>
public sealed class WorkLimitsCommandTests
{
    private const string Scenario = """
        name: w
        horizon: 1h
        service: { base: 45ms }
        images: [{ width: 1024, height: 768, size: 0.5MB }]
        deployment: { zones: [az1, az2], min_units: 2 }
        slo: { latency_p99: 1s }
        traffic:

        """;

    private const string CountTrace = "  - { name: line, pattern: trace, file: t.csv, column: count, interval: 1m }\n";

    private string temp = string.Empty;

    [SetUp]
    public void SetUp() => temp = ScenarioFiles.NewTempFolder();

    [TearDown]
    public void TearDown() => Directory.Delete(temp, recursive: true);

    private string Write(string traffic, string extra = "")
    {
        string file = Path.Combine(temp, "s.yaml");
        File.WriteAllText(file, Scenario + traffic + extra);
        return file;
    }

    private void Trace(params string[] lines) => File.WriteAllLines(Path.Combine(temp, "t.csv"), lines);

    /// <summary>Runs the command line; asserts that nothing was added to the scenario's folder.</summary>
    private (int Code, string Out, string Err) Cli(params string[] args)
    {
        string[] before = Directory.GetFileSystemEntries(temp, "*", SearchOption.AllDirectories);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        string[] after = Directory.GetFileSystemEntries(temp, "*", SearchOption.AllDirectories);
        Assert.That(after, Is.EquivalentTo(before), "nothing written");
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Out => Path.Combine(temp, "out");

    private static void AssertRefused((int Code, string Out, string Err) r, params string[] expected)
    {
        Assert.That(r.Code, Is.EqualTo(ExitCodes.BadInput), r.Err);
        foreach (string e in expected)
        {
            Assert.That(r.Err, Does.Contain(e));
        }

        Assert.That(r.Err, Does.Not.Contain("internal error").And.Not.Contain("   at "));
    }

    [TestCase("60,abc", "t.csv:3:4: error: traffic[0].file: count ('abc') is not a finite number")]
    [TestCase("60,NaN", "t.csv:3:4: error: traffic[0].file: count ('NaN') is not a finite number")]
    [TestCase("60,Infinity", "t.csv:3:4: error: traffic[0].file: count ('Infinity') is not a finite number")]
    [TestCase("60", "t.csv:3:3: error: traffic[0].file: 1 field, the header has 2: the row needs at least 2")]
    [TestCase("-60,4", "t.csv:3:1: error: traffic[0].file: time_s (-60) is negative")]
    [TestCase("30,4", "t.csv:3:1: error: traffic[0].file: time_s (30) is before the previous row's interval (0 + 60 s): rows must be in time order")]
    [TestCase("60,1e20", "t.csv:3:4: error: traffic[0].file: count (1e20) is above the most calls one row may hold: a count is a whole number of calls from 0 to 1,000,000,000")]
    [TestCase("60,-2", "t.csv:3:4: error: traffic[0].file: count (-2) is negative")]
    [TestCase("60,2.5", "t.csv:3:4: error: traffic[0].file: count (2.5) is not a whole number")]
    public void BadTraceRow_ValidateAndRunExitTwoWithFileLineColumn(string row, string expected)
    {
        // Given a count trace with one bad row (validate said ok; run exited 3, or replayed it silently)
        Trace("time_s,count", "0,5", row, "120,5");
        string file = Write(CountTrace);

        // When / Then
        AssertRefused(Cli("validate", file), expected);
        AssertRefused(Cli("run", file, "--out", Out, "--quiet"), expected);
    }

    [Test]
    public void HeaderOnlyTrace_ValidateAndRunExitTwo()
    {
        // Given a trace with a header and no rows (it ran with 0 requests)
        Trace("time_s,count");
        string file = Write(CountTrace);

        // When / Then
        AssertRefused(Cli("validate", file), "t.csv: error: traffic[0].file: the trace has a header and no data rows");
        AssertRefused(Cli("run", file, "--out", Out, "--quiet"), "no data rows");
    }

    [Test]
    public void TraceOfNuls_RefusedWithAShortMessage()
    {
        // Given a header, 3,000 good rows, then 1 MB of NULs (a NUL in the first 4 KB is caught when the scenario loads)
        File.WriteAllBytes(Path.Combine(temp, "t.csv"), [.. Encoding.ASCII.GetBytes("count\n" + string.Concat(Enumerable.Repeat("1\n", 3000))), .. new byte[1 << 20]]);
        string file = Write(CountTrace);

        // When
        var r = Cli("run", file, "--out", Out, "--quiet");

        // Then
        AssertRefused(r, "t.csv:3002:1: error: traffic[0].file: binary data");
        Assert.That(r.Err.Contains('\0', StringComparison.Ordinal), Is.False, "no NUL echoed");
        Assert.That(r.Err, Has.Length.LessThan(400));
    }

    [Test]
    public void TraceOfNulsFromTheStart_RefusedWithAShortMessage()
    {
        // Given 1 MB of NULs (the header check echoed 4,096 of them)
        File.WriteAllBytes(Path.Combine(temp, "t.csv"), new byte[1 << 20]);
        string file = Write(CountTrace);

        // When
        var r = Cli("validate", file);

        // Then
        AssertRefused(r, "error: traffic[0].file (t.csv) holds binary data (a NUL character)");
        Assert.That(r.Err.Contains('\0', StringComparison.Ordinal), Is.False, "no NUL echoed");
        Assert.That(r.Err, Has.Length.LessThan(400));
    }

    [Test]
    public void TraceEveryRowBad_ValidateReportsManyButStops()
    {
        // Given 100,000 rows of text
        Trace(["count", .. Enumerable.Repeat("x", 100_000)]);
        string file = Write(CountTrace);

        // When
        var r = Cli("validate", file);

        // Then the first 20 problems
        AssertRefused(r);
        Assert.That(r.Err.Split('\n').Count(l => l.Contains("is not a finite number", StringComparison.Ordinal)), Is.EqualTo(20));
    }

    [Test]
    public void GoodTrace_ValidatePrintsTheWorkFromItsCounts()
    {
        // Given 60 minutes of 100 calls
        Trace(["count", .. Enumerable.Repeat("100", 60)]);
        string file = Write(CountTrace);

        // When
        var r = Cli("validate", file);

        // Then
        Assert.That(r.Code, Is.EqualTo(ExitCodes.Ok), r.Err);
        Assert.That(r.Out, Does.Contain("s.yaml: work: ~6,000 requests (≤ 18,000 attempts with retries) and 60 intervals per replication, 1 point × 5 replications = ~30,000 requests"));
    }

    [Test]
    public void RateOf1e15PerSecond_RefusedByTheRatesDomainEvenWithIKnow()
    {
        // Given
        string file = Write("  - { name: a, pattern: poisson, rate: 1000000000000000/s }\n");

        // When / Then: the field's own limit refuses it before any estimate
        const string Expected = "traffic[0].rate (1000000000000000/s) is too high; a source's rate is at most 1000000/s";
        AssertRefused(Cli("validate", file), Expected);
        AssertRefused(Cli("run", file, "--out", Out, "--quiet"), Expected);
        AssertRefused(Cli("run", file, "--out", Out, "--quiet", "--i-know"), Expected);
    }

    [Test]
    public void HighestRateOverAMonth_RefusedByTheHardRequestLimitEvenWithIKnow()
    {
        // Given the highest rate a source may have, 1e6 calls/s, over 30 days: 2.6e12 requests per replication
        string file = Write("  - { name: a, pattern: poisson, rate: 1000000/s }\n", "interval: 1h\n");

        // When / Then
        const string Expected = "requests per replication, the limit is 1e+12 (a hard limit";
        AssertRefused(Cli("validate", file, "--set", "horizon=30d"), Expected);
        AssertRefused(Cli("run", file, "--out", Out, "--quiet", "--horizon", "30d", "--i-know"), Expected);
    }

    [Test]
    public void RateAboveTheSoftLimit_RefusedUnlessIKnow()
    {
        // Given 1e6 calls/s for an hour: 3.6e9 requests per replication
        string file = Write("  - { name: a, pattern: poisson, rate: 1000000/s }\n");

        // When / Then
        AssertRefused(
            Cli("run", file, "--out", Out, "--quiet"),
            "the work is over a limit: ~3,600,000,000 requests per replication, the limit is 2,000,000,000 (pass --i-know to run it anyway");
        Assert.That(Cli("validate", file, "--i-know").Code, Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public void HundredYearsAtOneCallAnHour_RefusedForTheRowsHeld()
    {
        // Given few calls, but 52.6 M one-minute intervals per replication (gigabytes of per-interval columns)
        string file = Write("  - { name: a, pattern: poisson, rate: 1/h }\n");

        // When / Then: refused by the intervals a replication may have
        const string Expected = "makes 52,560,000 time-series intervals per replication; the most is 1,000,000";
        AssertRefused(Cli("validate", file, "--set", "horizon=36500d"), Expected);
        AssertRefused(Cli("run", file, "--out", Out, "--quiet", "--horizon", "36500d"), Expected);
    }

    [Test]
    public void HundredYearsOfHourlyIntervalsOverTwentyReplications_RefusedForTheRowsHeld()
    {
        // Given 876,000 hourly intervals per replication (within the per-replication limit) × 20 replications
        string file = Write("  - { name: a, pattern: poisson, rate: 1/h }\n", "interval: 1h\n");

        // When / Then
        const string Expected = "~17,520,000 per-interval rows held in memory (intervals × replications), the limit is 10,000,000";
        AssertRefused(Cli("validate", file, "--set", "horizon=36500d", "--set", "replications=20"), Expected);
        AssertRefused(Cli("run", file, "--out", Out, "--quiet", "--horizon", "36500d", "--replications", "20"), Expected);
    }

    [Test]
    public void TenThousandReplications_Refused()
    {
        // Given
        string file = Write("  - { name: a, pattern: poisson, rate: 1/s }\n");

        // When / Then
        const string Expected = "10,000 replications, the limit is 1,000 (pass --i-know";
        AssertRefused(Cli("validate", file, "--set", "replications=10000"), Expected);
        AssertRefused(Cli("run", file, "--out", Out, "--quiet", "--replications", "10000"), Expected);
    }

    [Test]
    public void OneMillisecondIntervalsOverThirtyDays_RefusedByAHardLimit()
    {
        // Given 2.6e9 intervals: more than an array holds (exit 3 before)
        string file = Write("  - { name: a, pattern: poisson, rate: 1/s }\n", "interval: 1ms\n");

        // When / Then
        const string Expected = "makes 2,592,000,000 time-series intervals per replication; the most is 1,000,000";
        AssertRefused(Cli("validate", file, "--set", "horizon=30d", "--i-know"), Expected);
        AssertRefused(Cli("run", file, "--out", Out, "--quiet", "--horizon", "30d", "--i-know"), Expected);
    }

    [Test]
    public void SweepOfTwentyThousandPoints_RefusedBeforeItIsBuilt()
    {
        // Given 20 × 10 × 10 × 10 points (validate built them all: 10^6 took 500 s and 3.9 GB)
        string file = Write(
            "  - { name: a, pattern: poisson, rate: 1/s }\n",
            "sweep:\n"
            + "  deployment.min_units: [" + string.Join(", ", Enumerable.Range(1, 20)) + "]\n"
            + "  deployment.queue_per_unit: [" + string.Join(", ", Enumerable.Range(1, 10)) + "]\n"
            + "  deployment.burst: [" + string.Join(", ", Enumerable.Range(1, 10).Select(i => $"{i}s")) + "]\n"
            + "  billing.granularity: [" + string.Join(", ", Enumerable.Range(1, 10).Select(i => $"{i}s")) + "]\n");

        // When / Then
        const string Expected = "20,000 sweep points, the limit is 10,000 (pass --i-know";
        AssertRefused(Cli("validate", file), Expected);
        AssertRefused(Cli("sweep", file, "--out", Out, "--quiet"), Expected);
        AssertRefused(Cli("plan", file, "--out", Out, "--quiet"), Expected);
    }

    [Test]
    public void SweepOfAMillionPoints_RefusedEvenWithIKnow()
    {
        // Given 10^6 points
        var sweep = new StringBuilder("sweep:\n");
        foreach (string path in new[] { "deployment.min_units", "deployment.queue_per_unit", "autoscaling.target", "client.timeout", "deployment.burst", "billing.granularity" })
        {
            sweep.Append("  ").Append(path).Append(": [")
                .Append(string.Join(", ", Enumerable.Range(1, 10).Select(i => path switch
                {
                    "autoscaling.target" => $"{i * 9}%",
                    "client.timeout" or "deployment.burst" or "billing.granularity" => $"{i}s",
                    _ => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                })))
                .Append("]\n");
        }

        string file = Write("  - { name: a, pattern: poisson, rate: 1/s }\n", sweep.ToString());

        // When / Then
        const string Expected = "1,000,000 sweep points, the limit is 100,000 (a hard limit";
        AssertRefused(Cli("validate", file, "--i-know"), Expected);
        AssertRefused(Cli("sweep", file, "--out", Out, "--quiet", "--i-know"), Expected);
    }

    [Test]
    public void Plan_EstimatesEachCandidateAtItsMostReplications()
    {
        // Given a scenario whose 5 replications fit, but whose candidates may run 1,500
        string file = Write("  - { name: a, pattern: poisson, rate: 1/s }\n");

        // When / Then
        AssertRefused(
            Cli("plan", file, "--out", Out, "--quiet", "--max-replications", "1500"),
            "1,500 replications, the limit is 1,000 (pass --i-know");
    }

    [Test]
    public void IKnow_LiftsASoftLimitForRun()
    {
        // Given 1,001 tiny replications: over the soft limit of 1,000
        string file = Write("  - { name: a, pattern: poisson, rate: 1/s }\n");
        string[] args = ["run", file, "--out", Out, "--quiet", "--horizon", "1m", "--replications", "1001"];
        AssertRefused(Cli(args), "1,001 replications, the limit is 1,000");

        // When
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CommandLine.Run([.. args, "--i-know"], stdout, stderr);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr.ToString());
        Assert.That(File.Exists(Path.Combine(Out, "summary.json")), Is.True);
    }

    [Test]
    public void CronEveryMinuteForYears_RefusedForItsFirings()
    {
        // Given a batch job started every minute for 800 days: 1,152,000 start times kept in a list
        string file = Write("  - { name: job, pattern: closed, clients: 1, images: 1, cron: \"* * * * *\" }\n", "interval: 1h\n");

        // When / Then
        AssertRefused(
            Cli("validate", file, "--set", "horizon=800d", "--set", "replications=1"),
            "traffic[0].cron (\"* * * * *\") fires more than 100,000 times in the horizon (800d)");
    }

    [Test]
    public void AutoscalerEvaluatedEveryMillisecondForAMonth_RefusedUnlessIKnow()
    {
        // Given an autoscaler (min 2, max 4) evaluated every millisecond for 30 days: 2.6e9 evaluation events
        string file = Write("  - { name: a, pattern: poisson, rate: 1/s }\n", "interval: 1h\n");

        // When / Then
        AssertRefused(
            Cli("validate", file, "--set", "horizon=30d", "--set", "deployment.max_units=4", "--set", "autoscaling.evaluation=1ms"),
            "~2,592,000,000 autoscaler evaluations per replication, the limit is 100,000,000 (pass --i-know");
        Assert.That(Cli("validate", file, "--set", "horizon=30d", "--set", "autoscaling.evaluation=1ms").Code, Is.EqualTo(ExitCodes.Ok), "no autoscaler (min = max): nothing is evaluated");
    }

    [Test]
    public void UnitFailingEveryMinuteForAYear_RefusedForTheEventRowsHeld()
    {
        // Given 100 units with a one-minute MTBF for a year: about 158 M event rows per replication
        string file = Write("  - { name: a, pattern: poisson, rate: 1/h }\n", "interval: 1d\nfailures: { unit_mtbf: 1m }\n");

        // When / Then
        AssertRefused(
            Cli("validate", file, "--set", "horizon=365d", "--set", "deployment.min_units=100"),
            "~788,400,000 event rows held in memory (unit failures, outages, schedule × replications), the limit is 10,000,000 (pass --i-know");
    }
}
