using LookoutSim.Tests.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>Bad input to <c>backtest</c>, <c>fit autoscaler</c> and <c>export cloudwatch</c>: a clear message, exit 2, nothing written.</summary>
public sealed class ObservedBadInputTests
{
    private const string Scenario = """
        name: small
        start: 2024-03-04T06:00:00Z
        horizon: 30m
        replications: 1
        service:
          base: 500ms
        traffic:
          - { name: line, pattern: poisson, rate: 2/s }
        deployment:
          min_units: 1
          max_units: 4
        autoscaling:
          evaluation: 5m
        """;

    private TempDir _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDir();
        File.WriteAllText(_dir["s.yaml"], Scenario);
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string Observed(string csv)
    {
        Directory.CreateDirectory(_dir["obs"]);
        File.WriteAllText(Path.Combine(_dir["obs"], "observed.csv"), csv);
        return _dir["obs"];
    }

    private static string TwoMinutes =>
        "time_s,timestamp,metric,value\n" +
        "0,2024-03-04T06:00:00Z,InServiceInferenceUnits,2\n" +
        "60,2024-03-04T06:01:00Z,InServiceInferenceUnits,2\n";

    private static IEnumerable<string[]> Verbs()
    {
        yield return ["backtest"];
        yield return ["fit", "autoscaler"];
    }

    [TestCaseSource(nameof(Verbs))]
    public void ObservedWindow_ShorterThanOneEvaluation_Exit2NothingWritten(string[] verb)
    {
        // Given two observed minutes and an autoscaler that evaluates every 5 minutes
        string observed = Observed(TwoMinutes);

        // When
        var r = CliRun.Run([.. verb, _dir["s.yaml"], "--observed", observed, "--out", _dir["out"], "--quiet"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("observed window (2m) is shorter than one evaluation period").And.Contain("autoscaling.evaluation = 5m"));
        Assert.That(Directory.Exists(_dir["out"]), Is.False);
    }

    [TestCaseSource(nameof(Verbs))]
    public void ObservedFolder_Missing_Exit2NothingWritten(string[] verb)
    {
        // When
        var r = CliRun.Run([.. verb, _dir["s.yaml"], "--observed", _dir["nowhere"], "--out", _dir["out"], "--quiet"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("nowhere"));
        Assert.That(r.Err, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(_dir["out"]), Is.False);
    }

    [TestCaseSource(nameof(Verbs))]
    public void ObservedFile_NegativeValue_Exit2WithLineNothingWritten(string[] verb)
    {
        // Given an observed.csv whose third line holds a negative unit count
        string observed = Observed(
            "time_s,timestamp,metric,value\n" +
            "0,2024-03-04T06:00:00Z,InServiceInferenceUnits,2\n" +
            "60,2024-03-04T06:01:00Z,InServiceInferenceUnits,-3\n");

        // When
        var r = CliRun.Run([.. verb, _dir["s.yaml"], "--observed", observed, "--out", _dir["out"], "--quiet"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("observed.csv:3"));
        Assert.That(Directory.Exists(_dir["out"]), Is.False);
    }

    [Test]
    public void Fit_NoInServiceSeries_Exit2NothingWritten()
    {
        // Given observed calls but no unit counts
        string observed = Observed(
            "time_s,timestamp,metric,value\n" +
            "0,2024-03-04T06:00:00Z,SuccessfulRequestCount,120\n" +
            "60,2024-03-04T06:01:00Z,SuccessfulRequestCount,118\n");

        // When
        var r = CliRun.Run("fit", "autoscaler", _dir["s.yaml"], "--observed", observed, "--out", _dir["out"], "--quiet");

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("no InServiceInferenceUnits series"));
        Assert.That(Directory.Exists(_dir["out"]), Is.False);
    }

    [Test]
    public void Fit_UnknownGridField_Exit2()
    {
        var r = CliRun.Run("fit", "autoscaler", _dir["s.yaml"], "--observed", Observed(TwoMinutes), "--out", _dir["out"], "--grid", "autoscaling.metric=utilization", "--set", "autoscaling.evaluation=1m");
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("--grid 'autoscaling.metric=utilization': the field must be one of autoscaling.target"));
        Assert.That(Directory.Exists(_dir["out"]), Is.False);
    }

    [Test]
    public void Export_IntervalNotACloudWatchPeriod_Exit2NothingWritten()
    {
        // Given a run at 45-second intervals
        var run = CliRun.Run("run", _dir["s.yaml"], "--out", _dir["run"], "--set", "interval=45s", "--quiet");
        Assert.That(run.Exit, Is.EqualTo(0), run.Err);

        // When
        var r = CliRun.Run("export", "cloudwatch", _dir["run"], "--out", _dir["cw.json"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("interval is 45 s, not a period CloudWatch stores").And.Contain("--set interval=1m"));
        Assert.That(File.Exists(_dir["cw.json"]), Is.False);
    }

    [Test]
    public void Export_FileExists_Exit2UntouchedUnlessForce()
    {
        // Given a run and a file where the export would go
        var run = CliRun.Run("run", _dir["s.yaml"], "--out", _dir["run"], "--quiet");
        Assert.That(run.Exit, Is.EqualTo(0), run.Err);
        File.WriteAllText(_dir["cw.json"], "mine");

        // When
        var refused = CliRun.Run("export", "cloudwatch", _dir["run"], "--out", _dir["cw.json"]);
        string kept = File.ReadAllText(_dir["cw.json"]);
        var forced = CliRun.Run("export", "cloudwatch", _dir["run"], "--out", _dir["cw.json"], "--force");

        // Then
        Assert.That(refused.Exit, Is.EqualTo(2));
        Assert.That(refused.Err, Does.Contain("exists; use --force"));
        Assert.That(kept, Is.EqualTo("mine"));
        Assert.That(forced.Exit, Is.EqualTo(0), forced.Err);
        Assert.That(File.ReadAllText(_dir["cw.json"]), Does.StartWith("{"));
    }

    [Test]
    public void Export_ReplicationOutOfRange_Exit2()
    {
        var run = CliRun.Run("run", _dir["s.yaml"], "--out", _dir["run"], "--quiet");
        Assert.That(run.Exit, Is.EqualTo(0), run.Err);
        var r = CliRun.Run("export", "cloudwatch", _dir["run"], "--out", _dir["cw.json"], "--replication", "2");
        Assert.That(r.Exit, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("holds replications 1 to 1"));
        Assert.That(File.Exists(_dir["cw.json"]), Is.False);
    }
}
