using System.Globalization;
using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Model;
using LookoutSim.Output;
using LookoutSim.Scenarios;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Experiments;

public sealed class TracePeakTests
{
    private sealed class Records(double countInterval, params TraceRecord[] records) : ITraceSource
    {
        public double CountInterval => countInterval;

        public ITraceCursor Open() => new Cursor(records);

        private sealed class Cursor(TraceRecord[] records) : ITraceCursor
        {
            private int _next;

            public bool TryRead(out TraceRecord record)
            {
                record = _next < records.Length ? records[_next] : default;
                return _next++ < records.Length;
            }

            public void Dispose()
            {
            }
        }
    }

    [Test]
    public void Busiest_OneRecordPerCall_CountsAtTimeOverSpeedTimesScale()
    {
        // Given: calls at 0, 100 and 7,300 … 7,304 s, replayed twice as fast at double volume
        var source = new Records(0, new(0, 1), new(100, 1), new(7300, 1), new(7301, 1), new(7302, 1), new(7303, 1), new(7304, 1));

        // When
        TraceHour? h = TracePeak.Busiest(source, speed: 2, scale: 2, horizon: 86400);

        // Then: the five late calls land at 3,650 s and up, in hour 1, as ten
        Assert.That(h, Is.EqualTo(new TraceHour(3600, 10 / 3600.0)));
    }

    [Test]
    public void Busiest_CountsPerMinute_SpreadOverTheMinuteAcrossAnHourBoundary()
    {
        // Given: 60 calls in the minute from 59:30 (half of them in hour 0), 60 more from 60:30
        var source = new Records(60, new(3570, 60), new(3630, 60));

        // When
        TraceHour? h = TracePeak.Busiest(source, speed: 1, scale: 1, horizon: 86400);

        // Then: hour 1 has 30 + 60
        Assert.That(h!.Value.StartS, Is.EqualTo(3600));
        Assert.That(h.Value.RatePerS, Is.EqualTo(90 / 3600.0).Within(1e-12));
    }

    [Test]
    public void Busiest_NothingInsideTheHorizon_IsNull()
    {
        var source = new Records(0, new TraceRecord(5000, 3));
        Assert.That(TracePeak.Busiest(source, 1, 1, horizon: 3600), Is.Null);
    }

    [Test]
    public void PeakTps_TraceReplaySample_IsItsBusiestHourOfTheFileTimesTheScale()
    {
        // Given: the trace sample (calls per minute, scale 1.5) and its CSV read here on its own
        string dir = Path.Combine(LayeringTests.RepositoryRoot(), "samples");
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(Path.Combine(dir, "trace-replay.yaml"));
        Assert.That(loaded.IsValid, Is.True);
        var hours = File.ReadLines(Path.Combine(dir, "traces", "line2-day.csv")).Skip(1)
            .Select(l => l.Split(','))
            .GroupBy(f => (long)(double.Parse(f[0], CultureInfo.InvariantCulture) / 3600))
            .Select(g => (Hour: g.Key, Calls: g.Sum(f => double.Parse(f[1], CultureInfo.InvariantCulture))))
            .OrderByDescending(h => h.Calls)
            .ToList();
        double busiestHourCalls = hours[0].Calls;
        Assert.That(hours[1].Calls, Is.LessThan(busiestHourCalls), "one busiest hour");

        // When
        double peak = PlanDemand.PeakTps(loaded.Scenario!, TraceFiles.Instance);

        // Then: plan's naive peak now sees the trace (it was 0)
        Assert.That(peak, Is.EqualTo(busiestHourCalls * 1.5 / 3600).Within(1e-9));
        Assert.That(PlanDemand.BusiestHourS(loaded.Scenario!, TraceFiles.Instance), Is.EqualTo(hours[0].Hour * 3600.0), "the zone is lost in that hour");
    }
}
