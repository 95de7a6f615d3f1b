using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;
using LookoutSim.Scenarios;
using LookoutSim.Tests.Scenarios;

namespace LookoutSim.Tests.Experiments;

/// <summary>The work estimate against known scenarios: closed forms, and a run's own count of requests.</summary>
public sealed class WorkEstimatorTests
{
    private string temp = string.Empty;

    [SetUp]
    public void SetUp() => temp = ScenarioFiles.NewTempFolder();

    [TearDown]
    public void TearDown() => Directory.Delete(temp, recursive: true);

    private Scenario Load(string traffic, string head = "horizon: 1h", string tail = "")
    {
        string text = $"""
            name: w
            {head}
            service: {"{"} base: 45ms {"}"}
            images: [{"{"} width: 1024, height: 768, size: 0.5MB {"}"}]
            deployment: {"{"} zones: [az1], min_units: 4 {"}"}
            traffic:
            {traffic}
            {tail}
            """;
        ScenarioLoadResult r = ScenarioLoader.LoadText(text, "w.yaml", temp);
        Assert.That(r.IsValid, Is.True, string.Join('\n', r.Diagnostics));
        return r.Scenario!;
    }

    private static WorkEstimate Estimate(Scenario s)
    {
        WorkEstimate work = WorkEstimator.Estimate([s], TraceFiles.Instance, iKnow: false, out IReadOnlyList<Diagnostic> problems);
        Assert.That(problems, Is.Empty);
        return work;
    }

    [Test]
    public void Estimate_ConstantTenPerSecondForAnHour_ThirtySixThousandRequests()
    {
        // Given 10 calls/s for 1 h, 5 replications, one-minute intervals
        Scenario s = Load("  - { name: a, pattern: poisson, rate: 10/s }");

        // When
        WorkEstimate work = Estimate(s);

        // Then
        Assert.That(work.RequestsPerReplication, Is.EqualTo(36_000));
        Assert.That(work.Intervals, Is.EqualTo(60));
        Assert.That(work.Replications, Is.EqualTo(5));
        Assert.That(work.TotalRequests, Is.EqualTo(180_000));
        Assert.That(work.MaxAttempts, Is.EqualTo(3));
        Assert.That(work.Describe(), Does.StartWith("work: ~36,000 requests (≤ 108,000 attempts with retries) and 60 intervals per replication, 1 point × 5 replications = ~180,000 requests"));
        Assert.That(work.Exceeded(iKnow: false), Is.Empty);
    }

    [Test]
    public void Estimate_ConstantRate_AgreesWithTheRequestsARunCounts()
    {
        // Given
        Scenario s = Load("  - { name: a, pattern: poisson, rate: 10/s }");

        // When
        double estimate = Estimate(s).RequestsPerReplication;
        ReplicationResult run = ReplicationRunner.Run(ScenarioCompiler.Compile(s, TraceFiles.Instance), 1, 0);

        // Then within 3% (a Poisson count of 36,000 has a standard deviation of 190)
        Assert.That(run.Measures["requests_arrived"], Is.EqualTo(estimate).Within(3).Percent);
    }

    [Test]
    public void Estimate_DailyWithWeekdays_AgreesWithARunOfAWeek()
    {
        // Given a daily shape averaging 1/s, half on Saturday and nothing on Sunday, for a week
        Scenario s = Load(
            "  - { name: a, pattern: daily, rate: 1/s, profile: [0.2, 0.2, 0.2, 0.2, 0.5, 1, 1.5, 2, 2, 2, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1, 1, 0.5, 0.5, 0.2, 0.2, 0.2, 0.2], weekdays: { sat: 0.5, sun: 0 } }",
            "horizon: 7d\nreplications: 1");

        // When
        double estimate = Estimate(s).RequestsPerReplication;
        ReplicationResult run = ReplicationRunner.Run(ScenarioCompiler.Compile(s, TraceFiles.Instance), 1, 0);

        // Then 604,800 s × (5 + 0.5) / 7
        Assert.That(estimate, Is.EqualTo(604_800 * 5.5 / 7).Within(1e-6).Percent);
        Assert.That(run.Measures["requests_arrived"], Is.EqualTo(estimate).Within(2).Percent);
    }

    [Test]
    public void Estimate_RepeatingSteps_IntegratesEachPeriod()
    {
        // Given 1/s for an hour then 3/s for an hour, repeated every 2 h, over 5 h
        Scenario s = Load("  - { name: a, pattern: steps, steps: [{ at: 0h, rate: 1/s }, { at: 1h, rate: 3/s }], repeat: 2h }", "horizon: 5h");

        // Then two whole periods (14,400 each) and the first hour of a third
        Assert.That(Estimate(s).RequestsPerReplication, Is.EqualTo(32_400).Within(1e-6));
    }

    [Test]
    public void Estimate_Bursty_UsesTheLongRunMeanRate()
    {
        // Given 1/s for 3 h on average, then 9/s for 1 h: 3/s in the long run, over 10 h
        Scenario s = Load("  - { name: a, pattern: bursty, rates: [1/s, 9/s], durations: [3h, 1h] }", "horizon: 10h");

        // Then
        Assert.That(Estimate(s).RequestsPerReplication, Is.EqualTo(108_000).Within(1e-6));
    }

    [Test]
    public void Estimate_HourlyBatchJob_CountsEachStartAndItsImages()
    {
        // Given a job of 500 images started every hour, for 10 h from midnight
        Scenario s = Load("  - { name: a, pattern: closed, clients: 4, images: 500, cron: \"0 * * * *\" }", "horizon: 10h\nstart: 2024-03-04T00:00:00Z");

        // When
        WorkEstimate work = Estimate(s);

        // Then
        Assert.That(work.RequestsPerReplication, Is.EqualTo(5_000));
        Assert.That(work.TimedEvents, Is.EqualTo(10));
    }

    [Test]
    public void Estimate_CountTrace_SumsItsCountsInsideTheHorizonTimesTheScale()
    {
        // Given per-minute counts over 3 minutes, a 2-minute horizon and scale 2
        File.WriteAllLines(Path.Combine(temp, "t.csv"), ["count", "10", "20", "30"]);
        Scenario s = Load("  - { name: a, pattern: trace, file: t.csv, column: count, interval: 1m, scale: 2 }", "horizon: 2m");

        // Then
        Assert.That(Estimate(s).RequestsPerReplication, Is.EqualTo(60));
    }

    [Test]
    public void Estimate_TraceWithBadRows_ReturnsEveryProblemAsADiagnostic()
    {
        // Given
        File.WriteAllLines(Path.Combine(temp, "t.csv"), ["count", "10", "x", "-1"]);
        Scenario s = Load("  - { name: a, pattern: trace, file: t.csv, column: count, interval: 1m }", "horizon: 2m");

        // When
        WorkEstimator.Estimate([s], TraceFiles.Instance, iKnow: false, out IReadOnlyList<Diagnostic> problems);

        // Then
        Assert.That(problems.Select(p => (p.Line, p.Column, p.Path, p.Severity)), Is.EqualTo(new[]
        {
            (3, 1, "traffic[0].file", DiagnosticSeverity.Error),
            (4, 1, "traffic[0].file", DiagnosticSeverity.Error),
        }));
    }

    [Test]
    public void Estimate_TraceAfterTheHorizon_WarnsThatTheSourceSendsNothing()
    {
        // Given a trace whose only call is at 10 h, and a 1 h horizon
        File.WriteAllLines(Path.Combine(temp, "t.csv"), ["time_s", "36000"]);
        Scenario s = Load("  - { name: a, pattern: trace, file: t.csv }");

        // When
        WorkEstimator.Estimate([s], TraceFiles.Instance, iKnow: false, out IReadOnlyList<Diagnostic> problems);

        // Then
        Assert.That(problems.Single().Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(problems.Single().Message, Does.Contain("no call of the trace falls inside the horizon"));
    }

    [TestCase("", "[1, 2, 3, 4]", 12)]
    [TestCase("  mode: zip\n", "[5, 6, 7]", 3)]
    public void SweepPoints_CountedWithoutBuildingThem(string mode, string second, double expected)
    {
        // Given lists of 3 and 4 values (cartesian), or of 3 and 3 (zip)
        Scenario s = Load(
            "  - { name: a, pattern: poisson, rate: 1/s }",
            tail: $"sweep:\n{mode}  deployment.min_units: [1, 2, 3]\n  deployment.queue_per_unit: {second}");

        // Then
        Assert.That(WorkEstimator.SweepPoints(s), Is.EqualTo(expected));
    }

    [Test]
    public void Exceeded_SoftLimit_NamesEstimateLimitAndIKnow_AndIKnowLiftsIt()
    {
        // Given 2,000 replications
        var work = new WorkEstimate { RequestsPerReplication = 10, Intervals = 60, Replications = 2_000, TotalRequests = 20_000 };

        // Then
        Assert.That(work.Exceeded(iKnow: false).Single(), Is.EqualTo(
            "the work is over a limit: 2,000 replications, the limit is 1,000 (pass --i-know to run it anyway; limits: README, 'Limits')"));
        Assert.That(work.Exceeded(iKnow: true), Is.Empty);
    }

    [Test]
    public void Exceeded_HardLimit_HoldsWithIKnow()
    {
        // Given a 1 ms interval over 30 days: 2.6e9 intervals, more than an array holds
        var work = new WorkEstimate { Intervals = 2_592_000_000, Replications = 1 };

        // Then
        Assert.That(work.Exceeded(iKnow: true).Single(), Does.Contain("2,592,000,000 intervals per replication, the limit is 100,000,000 (a hard limit"));
    }

    [Test]
    public void HeldBytes_GrowWithIntervalsReplicationsAndZones()
    {
        var one = new WorkEstimate { Intervals = 1_000, Replications = 1, Zones = 1 };
        Assert.That(one.HeldBytes, Is.EqualTo((1_000 * 129.0) + WorkLimits.BytesPerReplication));
        Assert.That((one with { Replications = 10 }).HeldBytes, Is.EqualTo(10 * one.HeldBytes));
        Assert.That((one with { Zones = 3 }).HeldBytes, Is.GreaterThan(one.HeldBytes));
    }

    [Test]
    public void Estimate_TraceOverTheSizeLimit_NotReadAndNamedUnlessIKnow()
    {
        // Given a scenario loaded with a small trace, which then grows (sparse) to 3 GB
        string path = Path.Combine(temp, "t.csv");
        File.WriteAllLines(path, ["count", "10"]);
        Scenario s = Load("  - { name: a, pattern: trace, file: t.csv, column: count, interval: 1m }");
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            f.SetLength(3_000_000_000);
        }

        // When
        WorkEstimate work = WorkEstimator.Estimate([s], TraceFiles.Instance, iKnow: false, out IReadOnlyList<Diagnostic> unread);
        WorkEstimator.Estimate([s], TraceFiles.Instance, iKnow: true, out IReadOnlyList<Diagnostic> read);

        // Then without --i-know the file is not read, and the estimate names it; with it, it is read (and its NULs refused)
        Assert.That(unread, Is.Empty);
        Assert.That(work.Exceeded(iKnow: false).Single(), Does.Contain("~3,000,000,000 bytes of one trace file, the limit is 2,000,000,000 (pass --i-know"));
        Assert.That(read.Single().Message, Does.Contain("binary data"));
    }
}
