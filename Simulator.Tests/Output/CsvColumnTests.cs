using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

/// <summary>Each results CSV file has one list of columns; the files read back read every column they write.</summary>
[TestFixture]
public class CsvColumnTests
{
    [Test]
    public void ReadBackFiles_EveryColumnIsRead()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ResultsCsv.TimeSeriesColumns.Where(c => c.Read is null).Select(c => c.Name), Is.Empty, "timeseries.csv");
            Assert.That(ResultsCsv.ZonesColumns.Where(c => c.Read is null).Select(c => c.Name), Is.Empty, "zones.csv");
            Assert.That(ResultsCsv.EventsColumns.Where(c => c.Read is null).Select(c => c.Name), Is.Empty, "events.csv");
        });
    }

    [Test]
    public void Headers_ComeFromTheColumns()
    {
        Assert.That(ResultsCsv.TimeSeriesHeader, Is.EqualTo(ResultsCsv.TimeSeriesColumns.Select(c => c.Name)));
        Assert.That(ResultsCsv.EventsHeader, Is.EqualTo(new[] { "replication", "time_s", "kind", "zone", "unit", "detail" }));
        Assert.That(ResultsCsv.SummaryHeader, Is.EqualTo(new[] { "metric", "unit", "mean", "ci95_low", "ci95_high", "min", "max", "slo_target", "slo_rule", "slo_judged", "slo_margin", "slo_met" }));
        Assert.That(ResultsCsv.RequestsHeader, Is.Unique);
    }
}
