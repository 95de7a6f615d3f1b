using System.Globalization;
using LookoutSim.Cli;
using LookoutSim.Experiments.Observed;
using LookoutSim.Output;
using LookoutSim.Tests.Support;
using static LookoutSim.Tests.Cli.CloudWatchFixtures;

namespace LookoutSim.Tests.Cli;

public sealed class ImportCommandTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lookoutsim-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string OutDir => Path.Combine(_dir, "observed");

    /// <summary>Asserts exit 2, that stderr holds every fragment, and that nothing was written beside the inputs.</summary>
    private void AssertRefused((int Exit, string Out, string Err) run, params string[] fragments)
    {
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.BadInput), run.Err);
        foreach (string f in fragments)
        {
            Assert.That(run.Err, Does.Contain(f));
        }

        Assert.That(run.Err, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(OutDir), Is.False, "nothing written");
        Assert.That(Directory.EnumerateFileSystemEntries(_dir).Where(e => Path.GetFileName(e).StartsWith('.')), Is.Empty, "no temporary left");
    }

    [Test]
    [SetCulture("de-DE")]
    public void Import_GetMetricDataNewestFirst_WritesObservedTraceAndScenarioInTimeOrder()
    {
        // Given
        string file = Write("window.json", Window());

        // When
        var run = CliRun.Run("import", "cloudwatch", file, "--out", OutDir);

        // Then
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        ObservedData data = ObservedCsv.Read(OutDir);
        Assert.That(data.Start, Is.EqualTo(Start));
        Assert.That(data.PeriodS, Is.EqualTo(60));
        Assert.That(data.PeriodCount, Is.EqualTo(30));
        ObservedSeries succ = data.Find(ObservedKind.Successful)!;
        Assert.That(succ.Points.Select(p => p.TimeS), Is.EqualTo(Enumerable.Range(0, 30).Select(i => i * 60.0)));
        Assert.That(succ.Points.Select(p => p.Value), Is.EqualTo(Enumerable.Range(0, 30).Select(i => 300.0 + (10 * i))));
        Assert.That(data.Find(ObservedKind.Throttled)!.Points[0], Is.EqualTo(new ObservedPoint(600, 30)));
        Assert.That(run.Err, Does.Contain("warning: ThrottledCount: 10 of 30 periods have no datapoint"));

        string[] trace = File.ReadAllLines(Path.Combine(OutDir, "trace.csv"));
        Assert.That(trace[0], Is.EqualTo("time_s,count"));
        Assert.That(trace, Has.Length.EqualTo(31));
        Assert.That(trace[1], Is.EqualTo("0,300"), "no throttling: every attempt is a first attempt");
        long total = trace.Skip(1).Sum(l => long.Parse(l.Split(',')[1], CultureInfo.InvariantCulture));
        double expected = Enumerable.Range(0, 30).Sum(i => DemandEstimate.FirstAttempts(300 + (10 * i), i >= 10 ? 20 + i : 0, 0, 3));
        Assert.That(total, Is.EqualTo(Math.Round(expected)));
    }

    [Test]
    public void Import_StarterScenario_PassesValidate()
    {
        // Given
        string file = Write("window.json", Window());
        Assume.That(CliRun.Run("import", "cloudwatch", file, "--out", OutDir).Exit, Is.EqualTo(ExitCodes.Ok));

        // When
        var validate = CliRun.Run("validate", Path.Combine(OutDir, "scenario.yaml"));

        // Then
        Assert.That(validate.Exit, Is.EqualTo(ExitCodes.Ok), validate.Out + validate.Err);
        string yaml = File.ReadAllText(Path.Combine(OutDir, "scenario.yaml"));
        Assert.That(yaml, Does.Contain("min_units: 1 ").And.Contain("observed MinInferenceUnits, 1 throughout"));
        Assert.That(yaml, Does.Contain("max_units: 4 ").And.Contain("observed MaxInferenceUnits, 4 throughout"));
        Assert.That(yaml, Does.Contain("horizon: 30m").And.Contain("start: 2026-03-02T08:00:00Z"));
        Assert.That(yaml, Does.Contain("tps_per_unit:").And.Contain("ESTIMATE"));
        foreach (string line in yaml.Split('\n').Where(l => !l.TrimStart().StartsWith('#')))
        {
            // Every number on a setting line carries a comment saying where it came from (name and description excepted).
            if (System.Text.RegularExpressions.Regex.IsMatch(line, @":\s*[0-9]") && !line.StartsWith("name:", StringComparison.Ordinal) && !line.StartsWith("description:", StringComparison.Ordinal))
            {
                Assert.That(line, Does.Contain(" # "), $"no source for: {line}");
            }
        }
    }

    [Test]
    public void Import_PagesInSeveralFiles_MergedAsOneSeries()
    {
        // Given: the window in two pages (the first with a NextToken), each a file.
        int[] early = Minutes(0, 15), late = Minutes(15, 15);
        string a = Write("page1.json", MetricDataPage("token-2",
            Result("successful", "SuccessfulRequestCount", late, late.Select(i => 300.0 + (10 * i)).ToArray(), "PartialData"),
            Result("inservice", "InServiceInferenceUnits", late, late.Select(_ => 2.0).ToArray(), "PartialData")));
        string b = Write("page2.json", MetricData(
            Result("successful", "SuccessfulRequestCount", early, early.Select(i => 300.0 + (10 * i)).ToArray()),
            Result("inservice", "InServiceInferenceUnits", early, early.Select(i => i < 12 ? 1.0 : 2.0).ToArray())));

        // When
        var run = CliRun.Run("import", "cloudwatch", a, b, "--out", OutDir);

        // Then
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.Err, Does.Contain("PartialData").And.Contain("NextToken"));
        ObservedData data = ObservedCsv.Read(OutDir);
        Assert.That(data.Find(ObservedKind.Successful)!.Points.Select(p => p.Value), Is.EqualTo(Enumerable.Range(0, 30).Select(i => 300.0 + (10 * i))));
        Assert.That(data.Find(ObservedKind.InServiceUnits)!.Points, Has.Length.EqualTo(30));
    }

    [Test]
    public void Import_OnePageGivenTwice_KeptOnceAndSaid()
    {
        // Given
        int[] m = Minutes(0, 5);
        string page = MetricData(Result("s", "SuccessfulRequestCount", m, m.Select(i => 10.0 * i).ToArray()));
        string a = Write("a.json", page), b = Write("b.json", page);

        // When
        var run = CliRun.Run("import", "cloudwatch", a, b, "--out", OutDir);

        // Then
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.Err, Does.Contain("5 datapoints given twice with the same value"));
        Assert.That(ObservedCsv.Read(OutDir).Find(ObservedKind.Successful)!.Points, Has.Length.EqualTo(5));
    }

    [Test]
    public void Import_GetMetricStatisticsInAnyOrder_ReadsSumAndAverageAndConvertsLatency()
    {
        // Given: datapoints shuffled, as get-metric-statistics returns them; Time in milliseconds.
        int[] order = [3, 0, 4, 1, 2];
        string succ = Write("succ.json", Statistics("SuccessfulRequestCount", "Sum", "Count", order.Select(i => (i, 100.0 + i))));
        string time = Write("time.json", Statistics("Time", "Average", "Milliseconds", order.Select(i => (i, 250.0))));

        // When
        var run = CliRun.Run("import", "cloudwatch", succ, time, "--out", OutDir);

        // Then
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        ObservedData data = ObservedCsv.Read(OutDir);
        Assert.That(data.Find(ObservedKind.Successful)!.Points.Select(p => p.Value), Is.EqualTo(new[] { 100.0, 101, 102, 103, 104 }));
        Assert.That(data.Find(ObservedKind.Latency)!.Points.Select(p => p.Value), Is.All.EqualTo(0.25));
        Assert.That(data.Namespace, Is.EqualTo(CloudWatchMetrics.LookoutVision), "Time is Lookout for Vision's");
    }

    [Test]
    public void Import_StatisticsWithoutSum_CountFromAverageTimesSampleCount_LatencyInMicroseconds()
    {
        // Given: a count fetched as Average + SampleCount, a latency reported in Microseconds.
        string count = Write("c.json", "{\n    \"Label\": \"ThrottledCount\",\n    \"Datapoints\": [\n"
            + $"        {{ \"Timestamp\": \"{Stamp(1)}\", \"Average\": 0.5, \"SampleCount\": 8.0, \"Unit\": \"Count\" }},\n"
            + $"        {{ \"Timestamp\": \"{Stamp(0)}\", \"Average\": 1.0, \"SampleCount\": 3.0, \"Unit\": \"Count\" }}\n    ]\n}}\n");
        string time = Write("t.json", Statistics("ResponseTime", "Average", "Microseconds", [(0, 250_000.0), (1, 125_000.0)]));

        // When
        var run = CliRun.Run("import", "cloudwatch", count, time, "--out", OutDir);

        // Then
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        ObservedData data = ObservedCsv.Read(OutDir);
        Assert.That(data.Find(ObservedKind.Throttled)!.Points.Select(p => p.Value), Is.EqualTo(new[] { 3.0, 4.0 }));
        Assert.That(data.Find(ObservedKind.Latency)!.Points.Select(p => p.Value), Is.EqualTo(new[] { 0.25, 0.125 }));
    }

    [Test]
    public void Import_MetricsOfBothNamespaces_RefusedUnlessNamespaceGiven()
    {
        int[] m = Minutes(0, 5);
        string file = Write("both.json", MetricData(
            Result("a", "ErrorCount", m, m.Select(_ => 1.0).ToArray()),
            Result("b", "ServerErrorCount", m, m.Select(_ => 1.0).ToArray())));
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir), "metrics of both namespaces", "--namespace");

        var run = CliRun.Run("import", "cloudwatch", file, "--out", OutDir, "--namespace", "aws/rekognition");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.Err, Does.Contain("'ErrorCount' is not a metric LookoutSim reads in AWS/Rekognition"));
    }

    [Test]
    public void Import_CloudWatchMessages_PassedOnAsWarnings()
    {
        int[] m = Minutes(0, 5);
        string text = MetricData(Result("s", "SuccessfulRequestCount", m, m.Select(_ => 1.0).ToArray()))
            .Replace("\"Messages\": []", "\"Messages\": [ { \"Code\": \"MaxMetricsExceeded\", \"Value\": \"too many\" } ]", StringComparison.Ordinal);
        string file = Write("msg.json", text);
        var run = CliRun.Run("import", "cloudwatch", file, "--out", OutDir);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(run.Err, Does.Contain("CloudWatch says MaxMetricsExceeded: too many"));
    }

    [Test]
    public void Import_RekognitionNames_WritesRekognitionStarter()
    {
        // Given
        int[] m = Minutes(0, 5);
        string file = Write("rk.json", MetricData(
            Result("ok", "SuccessfulRequestCount", m, m.Select(_ => 50.0).ToArray()),
            Result("err", "ServerErrorCount", m, m.Select(_ => 1.0).ToArray()),
            Result("rt", "ResponseTime", m, m.Select(_ => 120.0).ToArray())));

        // When
        var run = CliRun.Run("import", "cloudwatch", file, "--out", OutDir);

        // Then
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        Assert.That(File.ReadAllText(Path.Combine(OutDir, "scenario.yaml")), Does.Contain("provider: rekognition-custom-labels"));
        Assert.That(ObservedCsv.Read(OutDir).Find(ObservedKind.Errors)!.Metric, Is.EqualTo("ServerErrorCount"));
    }

    [Test]
    public void Import_MapAndIdRecogniseCustomLabels()
    {
        // Given: one series labelled freely (mapped), one recognised by its Id.
        int[] m = Minutes(0, 5);
        string file = Write("custom.json", MetricData(
            Result("q1", "line 3 ok", m, m.Select(_ => 50.0).ToArray()),
            Result("ThrottledCount", "throttles of line 3", m, m.Select(_ => 2.0).ToArray()),
            Result("q3", "something else", m, m.Select(_ => 1.0).ToArray())));

        // When
        var run = CliRun.Run("import", "cloudwatch", file, "--out", OutDir, "--map", "LINE 3 OK=successfulrequestcount");

        // Then
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        ObservedData data = ObservedCsv.Read(OutDir);
        Assert.That(data.Series.Select(s => s.Metric), Is.EqualTo(new[] { "SuccessfulRequestCount", "ThrottledCount" }));
        Assert.That(run.Err, Does.Contain("'something else' is not a metric LookoutSim reads").And.Contain("--map"));
    }

    [Test]
    public void Import_MapToUnknownMetric_IsUsageError()
    {
        string file = Write("w.json", Window());
        var run = CliRun.Run("import", "cloudwatch", file, "--out", OutDir, "--map", "x=Requests");
        AssertRefused(run, "--map 'x=Requests': 'Requests' is not a metric LookoutSim reads");
    }

    [Test]
    public void Import_ExistingFolderWithoutForce_RefusedAndUntouched()
    {
        // Given
        string file = Write("w.json", Window());
        Directory.CreateDirectory(OutDir);
        File.WriteAllText(Path.Combine(OutDir, "mine.txt"), "keep");

        // When
        var run = CliRun.Run("import", "cloudwatch", file, "--out", OutDir);

        // Then
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Err, Does.Contain("already exists; use --force"));
        Assert.That(Directory.EnumerateFileSystemEntries(OutDir).Select(Path.GetFileName), Is.EqualTo(new[] { "mine.txt" }));
    }

    [Test]
    public void Import_SameFolderWithForce_Replaced()
    {
        string file = Write("w.json", Window());
        Assume.That(CliRun.Run("import", "cloudwatch", file, "--out", OutDir).Exit, Is.EqualTo(ExitCodes.Ok));
        var run = CliRun.Run("import", "cloudwatch", file, "--out", OutDir, "--force");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
    }

    // ---- Bad input: message, exit 2, nothing written. ----

    [Test]
    public void Import_NotCloudWatchJson_Refused()
    {
        string file = Write("other.json", "{\n    \"Items\": [1, 2]\n}\n");
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir),
            "other.json:1:1: error: $: not CloudWatch output: no MetricDataResults");
    }

    [Test]
    public void Import_TableOutputNotJson_Refused()
    {
        string file = Write("table.txt", "-----------------------\n|  GetMetricData      |\n+---------------------+\n");
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir), "table.txt:1:", "not CloudWatch output: not JSON");
    }

    [Test]
    public void Import_MetricWithNoDatapoints_Refused()
    {
        int[] m = Minutes(0, 5);
        string file = Write("empty.json", MetricData(
            Result("s", "SuccessfulRequestCount", m, m.Select(_ => 5.0).ToArray()),
            Result("t", "ThrottledCount", [], [])));
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir),
            "empty.json:22:9: error: $.MetricDataResults[1]: ThrottledCount has no datapoints");
    }

    [Test]
    public void Import_MixedPeriods_Refused()
    {
        // Given: successful calls per minute, units every 5 minutes (fetched with Period 300).
        int[] m = Minutes(0, 20), five = [0, 5, 10, 15];
        string file = Write("mixed.json", MetricData(
            Result("s", "SuccessfulRequestCount", m, m.Select(_ => 5.0).ToArray()),
            Result("u", "InServiceInferenceUnits", five, five.Select(_ => 1.0).ToArray())));
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir),
            "InServiceInferenceUnits has a datapoint every 300 s, other series every 60 s: mixed periods");
    }

    [Test]
    public void Import_OffGridTimestamp_RefusedAsMixedPeriods()
    {
        int[] m = Minutes(0, 5);
        string text = MetricData(Result("s", "SuccessfulRequestCount", m, m.Select(_ => 5.0).ToArray()))
            .Replace(Stamp(2), Stamp(2).Replace(":00+00:00", ":30+00:00", StringComparison.Ordinal), StringComparison.Ordinal);
        string file = Write("off.json", text);
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir), "mixed periods");
    }

    [Test]
    public void Import_UnparseableTimestamp_RefusedWithLineAndPath()
    {
        int[] m = Minutes(0, 5);
        string text = MetricData(Result("s", "SuccessfulRequestCount", m, m.Select(_ => 5.0).ToArray()))
            .Replace(Stamp(3), "2026-03-02 soon", StringComparison.Ordinal);
        string file = Write("stamp.json", text);

        // Newest first: minute 3 is the second timestamp, on line 8.
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir),
            "stamp.json:8:17: error: $.MetricDataResults[0].Timestamps[1]: '2026-03-02 soon' is not an ISO 8601 timestamp");
    }

    [Test]
    public void Import_NegativeValue_RefusedWithLineColumnAndPath()
    {
        int[] m = Minutes(0, 3);
        string file = Write("neg.json", MetricData(Result("s", "SuccessfulRequestCount", m, [1, -4, 2])));
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir),
            "neg.json:13:17: error: $.MetricDataResults[0].Values[1]: -4.0 is negative");
    }

    [Test]
    public void Import_LargeFileReadInBlocks_ProblemNearItsEndHasTheRightLine()
    {
        // Given: 5,000 minutes (far more than one 64 KB block), newest first, one negative value
        // at the oldest minute: the last value, on the line before the Values array closes.
        int[] m = Minutes(0, 5000);
        string text = MetricData(
            Result("u", "InServiceInferenceUnits", m, m.Select(_ => 2.0).ToArray()),
            Result("s", "SuccessfulRequestCount", m, m.Select(i => i == 0 ? -3.0 : 5.0).ToArray()));
        string file = Write("big.json", text);
        int line = Array.FindLastIndex(text.Split('\n'), l => l.Trim() == "-3.0") + 1;
        Assume.That(text.Length, Is.GreaterThan(4 * 65536));

        // When / Then
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir),
            $"big.json:{line}:17: error: $.MetricDataResults[1].Values[4999]: -3.0 is negative");
    }

    [Test]
    public void Import_BareNaNValue_Refused()
    {
        int[] m = Minutes(0, 3);
        string text = MetricData(Result("s", "SuccessfulRequestCount", m, [1, 7777, 2])).Replace("7777.0", "NaN", StringComparison.Ordinal);
        string file = Write("nan.json", text);
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir),
            "nan.json:13:", "$.MetricDataResults[0].Values[1]: NaN is not a value");
    }

    [Test]
    public void Import_NaNAsString_Refused()
    {
        string file = Write("nan2.json", Statistics("SuccessfulRequestCount", "Sum", "Count", [(0, 1), (1, 2)]).Replace("2.0", "\"NaN\"", StringComparison.Ordinal));
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir),
            "nan2.json:11:20: error: $.Datapoints[1].Sum: NaN is not a value");
    }

    [Test]
    public void Import_WindowOfOnePeriod_RefusedAsShorterThanOneEvaluation()
    {
        string file = Write("short.json", MetricData(Result("s", "SuccessfulRequestCount", [0], [5])));
        AssertRefused(CliRun.Run("import", "cloudwatch", file, "--out", OutDir), "short.json", "shorter than one evaluation period");
    }

    [Test]
    public void Import_ConflictingDuplicates_RefusedNamingBoth()
    {
        int[] m = Minutes(0, 5);
        string a = Write("a.json", MetricData(Result("s", "SuccessfulRequestCount", m, m.Select(_ => 5.0).ToArray())));
        string b = Write("b.json", MetricData(Result("s", "SuccessfulRequestCount", [2], [6])));
        AssertRefused(CliRun.Run("import", "cloudwatch", a, b, "--out", OutDir), "SuccessfulRequestCount at 2026-03-02T08:02:00Z", "two different datapoints for one period");
    }

    [Test]
    public void Import_SyntaxError_RefusedWithReadersLine()
    {
        string file = Write("cut.json", Window()[..400]);
        var run = CliRun.Run("import", "cloudwatch", file, "--out", OutDir);
        AssertRefused(run, "cut.json:", "not valid JSON");
    }

    [Test]
    public void Import_ErrorsInTwoFiles_BothReported()
    {
        string a = Write("a.json", "{}");
        string b = Write("b.json", MetricData(Result("s", "SuccessfulRequestCount", [0, 1], [1, -1])));
        AssertRefused(CliRun.Run("import", "cloudwatch", a, b, "--out", OutDir), "a.json:1:1: error:", "b.json:", "is negative");
    }
}
