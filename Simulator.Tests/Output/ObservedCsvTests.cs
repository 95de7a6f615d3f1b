using System.Collections.Immutable;
using LookoutSim.Experiments.Observed;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

public sealed class ObservedCsvTests
{
    private static ObservedData Sample() => new(
        new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero),
        60,
        [
            new ObservedSeries("SuccessfulRequestCount", ObservedKind.Successful, [new(0, 300), new(60, 310.5), new(180, 0.1)]),
            new ObservedSeries("Time", ObservedKind.Latency, [new(0, 0.125), new(60, 1e-5)]),
            new ObservedSeries("InServiceInferenceUnits", ObservedKind.InServiceUnits, [new(0, 1), new(60, 1.5), new(120, 2), new(180, 2)]),
        ]);

    private static ObservedData RoundTrip(ObservedData data)
    {
        using var writer = new StringWriter();
        ObservedCsv.Write(data, writer);
        using var reader = new StringReader(writer.ToString());
        return ObservedCsv.Read(reader, "observed.csv");
    }

    private static InputFileException Refused(string text) =>
        Assert.Throws<InputFileException>(() => ObservedCsv.Read(new StringReader(text), "observed.csv"))!;

    [Test]
    [SetCulture("de-DE")]
    public void WriteThenRead_GivesTheSameWindowAndSeries()
    {
        // Given
        ObservedData data = Sample();

        // When
        ObservedData back = RoundTrip(data);

        // Then
        Assert.That(back.Start, Is.EqualTo(data.Start));
        Assert.That(back.PeriodS, Is.EqualTo(60));
        Assert.That(back.PeriodCount, Is.EqualTo(4));
        Assert.That(back.Series.Select(s => s.Metric), Is.EqualTo(new[] { "SuccessfulRequestCount", "Time", "InServiceInferenceUnits" }));
        for (int i = 0; i < data.Series.Length; i++)
        {
            Assert.That(back.Series[i].Kind, Is.EqualTo(data.Series[i].Kind));
            Assert.That(back.Series[i].Points, Is.EqualTo(data.Series[i].Points));
        }
    }

    [Test]
    public void Write_RowsAreTidyWithUtcTimestamps()
    {
        using var writer = new StringWriter();
        ObservedCsv.Write(Sample(), writer);
        string[] lines = writer.ToString().Split('\n');
        Assert.That(lines[0], Is.EqualTo("time_s,timestamp,metric,value"));
        Assert.That(lines[2], Is.EqualTo("60,2026-03-02T08:01:00Z,SuccessfulRequestCount,310.5"));
        Assert.That(lines[5], Is.EqualTo("60,2026-03-02T08:01:00Z,Time,1E-05"));
    }

    [Test]
    public void Read_Folder_ReadsItsObservedCsv()
    {
        string dir = Path.Combine(Path.GetTempPath(), "lookoutsim-observed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            ObservedCsv.Write(Sample(), Path.Combine(dir, ObservedCsv.FileName));
            Assert.That(ObservedCsv.Read(dir).Series, Has.Length.EqualTo(3));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Read_FolderWithoutObservedCsv_SaysWhatItNeeds()
    {
        var ex = Assert.Throws<InputFileException>(() => ObservedCsv.Read(Path.GetTempPath()))!;
        Assert.That(ex.Message, Does.Contain("no observed.csv in this folder").And.Contain("import cloudwatch"));
    }

    [Test]
    public void Read_BadRows_EveryProblemWithLineAndColumn()
    {
        // Given
        string text = "time_s,timestamp,metric,value\n"
            + "0,2026-03-02T08:00:00Z,SuccessfulRequestCount,3\n"
            + "60,2026-03-02T08:01:00Z,SuccessfulRequestCount,-1\n"
            + "120,yesterday,SuccessfulRequestCount,1\n"
            + "180,2026-03-02T08:03:00Z,Requests,1\n"
            + "240,2026-03-02T08:04:00Z,ThrottledCount,NaN\n"
            + "300,2026-03-02T09:05:00Z,ThrottledCount,1\n"
            + "0,2026-03-02T08:00:00Z,SuccessfulRequestCount,3\n";

        // When
        InputFileException ex = Refused(text);

        // Then
        string[] lines = ex.Errors.Select(e => e.ToString()).ToArray();
        Assert.That(lines, Has.Some.EqualTo("observed.csv:3:48: error: value: -1 is negative"));
        Assert.That(lines, Has.Some.StartsWith("observed.csv:4:5: error: timestamp: 'yesterday' is not an ISO 8601 timestamp"));
        Assert.That(lines, Has.Some.StartsWith("observed.csv:5:26: error: metric: 'Requests' is not a metric LookoutSim reads"));
        Assert.That(lines, Has.Some.EqualTo("observed.csv:6:41: error: value: 'NaN' is not a number"));
        Assert.That(lines, Has.Some.StartsWith("observed.csv:7:5: error: timestamp: 2026-03-02T09:05:00Z is not time_s = 300 after the window start"));
        Assert.That(lines, Has.Some.StartsWith("observed.csv:8:1: error: a second row for SuccessfulRequestCount at time_s 0"));
    }

    [Test]
    public void Read_MissingColumn_Refused()
    {
        InputFileException ex = Refused("time_s,metric,value\n0,SuccessfulRequestCount,1\n");
        Assert.That(ex.Errors[0].ToString(), Is.EqualTo("observed.csv:1: error: missing column 'timestamp' (the header must be time_s,timestamp,metric,value)"));
    }

    [Test]
    public void Read_EmptyOrHeaderOnly_Refused()
    {
        Assert.That(Refused("").Errors[0].ToString(), Does.Contain("empty file"));
        Assert.That(Refused("time_s,timestamp,metric,value\n").Errors[0].ToString(), Does.Contain("no rows"));
    }

    [Test]
    public void Read_OffPeriodRow_RefusedAsMixedPeriods()
    {
        string text = "time_s,timestamp,metric,value\n"
            + "0,2026-03-02T08:00:00Z,SuccessfulRequestCount,3\n"
            + "60,2026-03-02T08:01:00Z,SuccessfulRequestCount,3\n"
            + "90,2026-03-02T08:01:30Z,InServiceInferenceUnits,1\n"
            + "150,2026-03-02T08:02:30Z,InServiceInferenceUnits,1\n";
        Assert.That(Refused(text).Errors[0].ToString(), Does.Contain("mixed periods"));
    }

    [Test]
    public void ByPeriod_MissingPeriodsHoldTheGivenValue()
    {
        var s = new ObservedSeries("ThrottledCount", ObservedKind.Throttled, ImmutableArray.Create(new ObservedPoint(60, 4)));
        Assert.That(s.ByPeriod(60, 3, 0), Is.EqualTo(new[] { 0.0, 4, 0 }));
    }
}
