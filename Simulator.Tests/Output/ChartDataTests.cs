using FsCheck;
using FsCheck.Fluent;
using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

[TestFixture]
public class ChartDataTests
{
    [Test]
    public void From_Realistic_AveragesAcrossReplicationsPerInterval()
    {
        // Given a realistic result
        RunResult result = FakeResults.Realistic();

        // When its chart series are taken
        ChartData d = ChartData.From(result);

        // Then a day at 1-minute intervals gives 1440 points in hours, demand is the mean arrivals per second
        Assert.That(d.Times, Has.Length.EqualTo(1440));
        Assert.That(d.TimeUnitName, Is.EqualTo("h"));
        Assert.That(d.Horizon, Is.EqualTo(24));
        double expected = result.Replications.Average(r => r.TimeSeries[600].Arrivals) / 60.0;
        Assert.That(d.DemandTps[600], Is.EqualTo(expected).Within(1e-9));
        Assert.That(d.CostMean[^1], Is.EqualTo(result.Replications.Average(r => r.TimeSeries.Sum(t => t.Cost))).Within(1e-6));
        Assert.That(d.CostMin[^1], Is.LessThanOrEqualTo(d.CostMean[^1]));
        Assert.That(d.CostMax[^1], Is.GreaterThanOrEqualTo(d.CostMean[^1]));
        Assert.That(d.Latency.TotalCount, Is.EqualTo(result.Replications.Sum(r => r.LatencyMicros.TotalCount)));
    }

    [Test]
    public void From_Realistic_FindsTheZoneOutageOfEachReplication()
    {
        // Given a result with a zone down from 10:00 to 12:30 in each of 3 replications
        ChartData d = ChartData.From(FakeResults.Realistic());

        // Then there are 3 outages of that zone at those times
        Assert.That(d.Outages, Has.Count.EqualTo(3));
        Assert.That(d.Outages.Select(o => (o.Zone, o.StartS, o.EndS)).Distinct().Single(),
            Is.EqualTo(("us-east-1b", FakeResults.OutageStartS, FakeResults.OutageEndS)));
        Assert.That(d.Zones, Is.EqualTo(FakeResults.ZoneNames));
    }

    [Test]
    public void SortedDistinct_AnyTimes_HoldsWhatASortedSetHolds()
    {
        // Given any list of times: repeats, any order, NaN, infinities, both zeros
        Gen<double> times = Gen.OneOf(
            Gen.Choose(0, 50).Select(i => i * 60.0),
            Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e-300),
            ArbMap.Default.GeneratorFor<double>());

        // Then the chart series' times are the set's, in its order, compared bit for bit
        Prop.ForAll(times.ListOf().Select(l => l.ToArray()).ToArbitrary(), (double[] xs) =>
        {
            double[] expected = [.. new SortedSet<double>(xs)];
            double[] got = ChartData.SortedDistinct([.. xs]);
            return got.Length == expected.Length &&
                got.Zip(expected).All(p => p.First.CompareTo(p.Second) == 0);
        }).QuickCheckThrowOnFailure();
    }

    [Test]
    public void SortedDistinct_RowsOfTwoReplications_IsEachIntervalOnce()
    {
        // Given the interval starts of two replications, one a minute shorter
        List<double> xs = [.. Enumerable.Range(0, 1440).Select(i => i * 60.0), .. Enumerable.Range(0, 1439).Select(i => i * 60.0)];

        // Then each start comes once, in order
        Assert.That(ChartData.SortedDistinct(xs), Is.EqualTo(Enumerable.Range(0, 1440).Select(i => i * 60.0)));
    }

    [Test]
    public void FindOutages_NoZoneEvents_UsesZoneRows()
    {
        // Given the small result without its events
        RunResult small = FakeResults.Small();
        var result = new RunResult
        {
            Version = small.Version,
            Scenario = small.Scenario,
            ScenarioSha256 = small.ScenarioSha256,
            Seed = small.Seed,
            HorizonS = small.HorizonS,
            WarmupS = 0,
            Metrics = small.Metrics,
            Replications = small.Replications.Select(r => new ReplicationResult
            {
                Replication = r.Replication,
                Measures = r.Measures,
                LatencyMicros = r.LatencyMicros,
                TimeSeries = r.TimeSeries,
                Zones = r.Zones,
            }).ToList(),
        };

        // When outages are found
        IReadOnlyList<ZoneOutage> outages = ChartData.FindOutages(result);

        // Then the up=false row at 60 s gives an outage from 60 to 120 s in each replication
        Assert.That(outages, Is.EqualTo(new[]
        {
            new ZoneOutage(0, "eu-west-1b", 60, 120), new ZoneOutage(1, "eu-west-1b", 60, 120),
        }));
    }

    [Test]
    public void From_WeekAtOneMinute_UsesDaysAndAtMostMaxPoints()
    {
        // Given a week at 1-minute intervals (10,080 per replication)
        RunResult result = FakeResults.Realistic(replications: 1, horizonS: 7 * 86400);

        // When its chart series are taken
        ChartData d = ChartData.From(result);

        // Then the axis is in days and lines are averaged down to at most MaxPoints
        Assert.That(d.TimeUnitName, Is.EqualTo("days"));
        Assert.That(d.Horizon, Is.EqualTo(7));
        Assert.That(d.Times.Length, Is.LessThanOrEqualTo(ChartData.MaxPoints).And.GreaterThan(ChartData.MaxPoints / 2));
        Assert.That(d.CostTimes[^1], Is.EqualTo(7).Within(1e-9), "cumulative cost keeps its last point");
        Assert.That(d.CostMean[^1], Is.EqualTo(result.Replications[0].TimeSeries.Sum(t => t.Cost)).Within(1e-6));
    }

    [Test]
    public void Draw_ResultWithoutRows_StillDrawsEveryChart()
    {
        // Given a result with no replication rows at all
        RunResult small = FakeResults.Small();
        var result = new RunResult
        {
            Version = "0.1.0",
            Scenario = "empty",
            ScenarioSha256 = "",
            Seed = 1,
            HorizonS = 3600,
            WarmupS = 0,
            Metrics = small.Metrics,
            Replications = [],
        };

        // When drawn / Then each chart is an image with a note instead of a crash
        IReadOnlyList<Chart> charts = Charts.Draw(result);
        Assert.That(charts, Has.Count.EqualTo(Charts.Names.Count));
        Assert.That(charts.All(c => c.Png.Length > 1000), Is.True);
        SaveIfAsked(charts, "empty");
    }

    [Test]
    public void Draw_WeekAndSmall_DrawWithoutError()
    {
        IReadOnlyList<Chart> week = Charts.Draw(FakeResults.Realistic(replications: 2, horizonS: 7 * 86400));
        IReadOnlyList<Chart> small = Charts.Draw(FakeResults.Small());
        Assert.That(week.Concat(small).All(c => c.Png.Length > 1000), Is.True);
        SaveIfAsked(week, "week");
        SaveIfAsked(small, "small");
    }

    private static void SaveIfAsked(IReadOnlyList<Chart> charts, string name)
    {
        string dir = Environment.GetEnvironmentVariable("LOOKOUTSIM_CHART_DIR") ?? "";
        if (dir.Length > 0)
        {
            Directory.CreateDirectory(Path.Combine(dir, name));
            foreach (Chart c in charts)
            {
                c.Save(Path.Combine(dir, name));
            }
        }
    }
}
