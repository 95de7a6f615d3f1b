using LookoutSim.Metrics;

namespace LookoutSim.Tests.Metrics;

public sealed class SeriesColumnsTests
{
    [Test]
    public void TimeSeriesColumns_ClosedIntervals_ReadBackAsRows()
    {
        // Given: three intervals of 60 s with counts already in the collector's arrays
        long[] arrivals = [5, 6, 7], attempts = [8, 9, 10], succeeded = [4, 5, 6], throttled = [1, 0, 0], failed = [0, 1, 0], timeouts = [0, 0, 2];
        var columns = new TimeSeriesColumns(3, 60, arrivals, attempts, succeeded, throttled, failed, timeouts) { RatedTpsPerUnit = 2.5 };

        // When: two of them close
        columns.Close(4, 3.5, 0.25, 0.1, 0.9, 1.75);
        columns.Close(5, 4, 0.5, 0.2, 1.1, 2);

        // Then
        Assert.That(columns, Has.Count.EqualTo(2));
        TimeSeriesRow row = columns[1];
        Assert.That(row, Is.EqualTo(new TimeSeriesRow
        {
            Replication = 3,
            TimeS = 60,
            Arrivals = 6,
            Attempts = 9,
            Succeeded = 5,
            Throttled = 0,
            Failed = 1,
            Timeouts = 0,
            UnitsDesired = 5,
            UnitsReady = 4,
            CapacityTps = 10,
            Utilization = 0.5,
            LatencyP50S = 0.2,
            LatencyP99S = 1.1,
            Cost = 2,
        }));
        Assert.That(columns.Select(r => r.TimeS), Is.EqualTo(new[] { 0.0, 60 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = columns[2]);
    }

    [Test]
    public void ZoneColumns_MoreBoundariesThanExpected_GrowAndKeepOrder()
    {
        // Given: room for one boundary of two zones
        var columns = new ZoneColumns(1, ["az-a", "az-b"], 1);

        // When: three boundaries arrive
        for (int b = 0; b < 3; b++)
        {
            columns.AddBoundary(b * 60);
            columns.Set(0, true, b, 0);
            columns.Set(1, b != 1, 10 + b, b);
        }

        // Then: boundary-major, zones in deployment order, nothing lost in the growth
        Assert.That(columns, Has.Count.EqualTo(6));
        Assert.That(columns.Select(z => (z.TimeS, z.Zone, z.Up, z.UnitsReady, z.UnitsProvisioning)), Is.EqualTo(new[]
        {
            (0.0, "az-a", true, 0, 0), (0.0, "az-b", true, 10, 0),
            (60.0, "az-a", true, 1, 0), (60.0, "az-b", false, 11, 1),
            (120.0, "az-a", true, 2, 0), (120.0, "az-b", true, 12, 2),
        }));
        Assert.That(columns[3].Replication, Is.EqualTo(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = columns[6]);
    }
}
