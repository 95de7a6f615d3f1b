using System.Globalization;
using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Output;
using MathNet.Numerics.Distributions;

namespace LookoutSim.Tests.Model;

public sealed class TrafficTests
{
    private static readonly double[] Profile =
        [0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1.0, 1.6, 1.8, 1.8, 1.6, 1.4, 1.2, 1.6, 1.8, 1.8, 1.6, 1.4, 1.0, 0.6, 0.4, 0.3, 0.2, 0.2];

    private static ModelConfig With(TrafficSourceConfig source, double horizon, double interval = 60, int units = 50) => new()
    {
        Horizon = horizon,
        Interval = interval,
        Service = new ServiceConfig { Base = 0.001, Distribution = DistributionKind.Deterministic },
        Images = [new ImageSpec(1, 0, 0, 0)],
        Traffic = [source],
        Deployment = new DeploymentConfig { MinUnits = units },
    };

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Daily_LinearShape_HourlyArrivals_FollowInterpolatedProfile(ulong seed)
    {
        // Given a daily source of mean 1/s over one day with the linear shape, counted per hour
        var source = new DailyTraffic { Name = "camera", Rate = 1, Profile = [.. Profile], Shape = DailyShape.Linear };
        ModelConfig config = With(source, 86400, interval: 3600, units: 5);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, seed, 0);

        // Then the hourly counts pass a chi-square test (23 dof, p = 0.001) against ∫ λ over each hour (knots at mid-hour)
        double chi2 = 0;
        for (int h = 0; h < 24; h++)
        {
            double expected = 3600 * (Profile[(h + 23) % 24] + (6 * Profile[h]) + Profile[(h + 1) % 24]) / 8;
            double observed = r.TimeSeries[h].Arrivals;
            chi2 += (observed - expected) * (observed - expected) / expected;
        }

        Assert.That(chi2, Is.LessThan(ChiSquared.InvCDF(23, 0.999)));
    }

    // Two shifts: nothing from 22:00 to 06:00, as samples/weekday-shifts.yaml
    private static readonly double[] Shifts =
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.2, 1.8, 1.8, 1.8, 1.7, 1.4, 1.2, 1.6, 1.8, 1.8, 1.8, 1.6, 1.4, 1.2, 1.0, 0.6, 0.0, 0.0];

    [Test]
    public void Daily_StepShape_HourlyCountsOverSeeds_AreEachHoursMultiplierTimesRate()
    {
        // Given the default (step) shape at 0.5/s × multiplier, one day counted per hour, 12 seeds pooled
        var source = new DailyTraffic { Name = "camera", Rate = 0.5, Profile = [.. Shifts] };
        Assert.That(source.Shape, Is.EqualTo(DailyShape.Step), "step is the default");
        ModelConfig config = With(source, 86400, interval: 3600, units: 5) with { Warmup = 0 };

        // When
        IReadOnlyList<ReplicationResult> runs = Configs.RunMany(config, 12);

        // Then an hour of multiplier 0 has no call at all, and every other hour's pooled count is its
        // integral 12 × 3600 s × 0.5/s × p[h] within the Poisson 99.9% band (two-sided, Bonferroni over 24 hours)
        double z = Normal.InvCDF(0, 1, 1 - (0.001 / 48));
        Assert.Multiple(() =>
        {
            for (int h = 0; h < 24; h++)
            {
                double expected = 12 * 3600 * 0.5 * Shifts[h];
                long observed = runs.Sum(r => r.TimeSeries[h].Arrivals);
                if (expected == 0)
                {
                    Assert.That(observed, Is.Zero, $"hour {h}");
                }
                else
                {
                    Assert.That(observed, Is.EqualTo(expected).Within(z * Math.Sqrt(expected)), $"hour {h}");
                }
            }
        });
    }

    [Test]
    public void Daily_LinearShape_RampsIntoAZeroHourFromItsMiddle()
    {
        // Given the same two shifts with the linear shape: knot 5 (05:30) is 0, knot 6 (06:30) is 1.2
        var source = new DailyTraffic { Name = "camera", Rate = 0.5, Profile = [.. Shifts], Shape = DailyShape.Linear };
        ModelConfig config = With(source, 86400, interval: 1800, units: 5) with { Warmup = 0 };

        // When
        IReadOnlyList<ReplicationResult> runs = Configs.RunMany(config, 12);

        // Then 05:00-05:30 has no call, and 05:30-06:00 has its integral 12 × 1800 s × 0.5/s × 1.2 × (1/4)
        // (the ramp reaches 1.2 × 1/2 at 06:00, so its mean over the half hour is 1.2 / 4)
        long quietHalf = runs.Sum(r => r.TimeSeries[10].Arrivals);
        long rampHalf = runs.Sum(r => r.TimeSeries[11].Arrivals);
        double expected = 12 * 1800 * 0.5 * 1.2 / 4;
        Assert.That(quietHalf, Is.Zero);
        Assert.That(rampHalf, Is.EqualTo(expected).Within(4 * Math.Sqrt(expected)));
    }

    [Test]
    public void Daily_WeekdayMultipliers_ScaleWholeDays()
    {
        // Given a flat profile and a week where Saturday is 0.3 and Sunday 0.1
        var source = new DailyTraffic
        {
            Name = "camera",
            Rate = 0.2,
            Profile = [.. Enumerable.Repeat(1.0, 24)],
            Weekdays = [1, 1, 1, 1, 1, 0.3, 0.1],
        };
        ModelConfig config = With(source, 7 * 86400, interval: 86400, units: 2);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 9, 0);

        // Then each day's count is within 4 standard deviations of its expectation
        double[] multipliers = [1, 1, 1, 1, 1, 0.3, 0.1];
        for (int d = 0; d < 7; d++)
        {
            double expected = 0.2 * 86400 * multipliers[d];
            Assert.That(r.TimeSeries[d].Arrivals, Is.EqualTo(expected).Within(4 * Math.Sqrt(expected)), $"day {d}");
        }
    }

    [Test]
    public void Steps_Repeating_RatePerStep()
    {
        // Given 2/s for 100 s then 10/s for 100 s, repeating every 200 s, over 2000 s
        var source = new StepsTraffic { Name = "steps", Steps = [new RateStep(0, 2), new RateStep(100, 10)], Repeat = 200 };
        ModelConfig config = With(source, 2000, interval: 100);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 4, 0);

        // Then
        long low = r.TimeSeries.Where((_, i) => i % 2 == 0).Sum(t => t.Arrivals);
        long high = r.TimeSeries.Where((_, i) => i % 2 == 1).Sum(t => t.Arrivals);
        Assert.That(low, Is.EqualTo(2000).Within(4 * Math.Sqrt(2000)));
        Assert.That(high, Is.EqualTo(10000).Within(4 * Math.Sqrt(10000)));
    }

    [Test]
    public void Bursty_MeanRate_IsTimeWeightedMixOfStates()
    {
        // Given 1/s normally (mean 60 s) and 20/s in bursts (mean 20 s): long-run rate (60 + 400) / 80 = 5.75/s
        var source = new BurstyTraffic { Name = "b", NormalRate = 1, BurstRate = 20, MeanNormal = 60, MeanBurst = 20 };
        ModelConfig config = With(source, 4000) with { Warmup = 0 };

        // When
        var results = Configs.RunMany(config, 10);

        // Then
        var rate = results.Select(r => r.Measures["requests_arrived"] / 4000).ToList();
        MetricSummary s = Summaries.Summarize("rate", "1/s", rate);
        Assert.That(s.Mean, Is.EqualTo(5.75).Within(1.5 * (s.Ci95High - s.Mean)));
    }

    [Test]
    public void Sources_AddingASource_KeepsTheOthersSamplePath()
    {
        // Given a source alone, and the same source beside another
        var a = new PoissonTraffic { Name = "a", Rate = 3 };
        var b = new PoissonTraffic { Name = "b", Rate = 7 };
        ModelConfig alone = With(a, 200) with { RequestSampleFraction = 1 };
        ModelConfig both = alone with { Traffic = [a, b] };

        // When
        var timesAlone = ReplicationRunner.Run(alone, 11, 0).Requests.Where(q => q.Source == "a").Select(q => q.ArrivalS).Order().ToList();
        var timesBoth = ReplicationRunner.Run(both, 11, 0).Requests.Where(q => q.Source == "a").Select(q => q.ArrivalS).Order().ToList();

        // Then
        Assert.That(timesAlone, Has.Count.GreaterThan(500));
        Assert.That(timesBoth, Is.EqualTo(timesAlone));
    }

    [Test]
    public void Sources_ArrivalTimes_AreEachSourcesOwnStreamDraws()
    {
        // Given a Poisson, a daily (step) and a bursty source side by side, every request sampled
        var poisson = new PoissonTraffic { Name = "p", Rate = 2 };
        var daily = new DailyTraffic { Name = "d", Rate = 1, Profile = [.. Profile] };
        var bursty = new BurstyTraffic { Name = "b", NormalRate = 0.5, BurstRate = 8, MeanNormal = 300, MeanBurst = 60 };
        ModelConfig config = With(poisson, 3 * 3600) with { Traffic = [poisson, daily, bursty], RequestSampleFraction = 1, Warmup = 0 };
        const ulong seed = 5;

        // When the model runs
        ReplicationResult r = ReplicationRunner.Run(config, seed, 0);
        List<double> Times(string source) => [.. r.Requests.Where(q => q.Source == source).Select(q => q.ArrivalS).Order()];

        // Then each source's arrival times are exactly the draws of its own streams, in order,
        // whatever else the model draws and schedules between two arrivals
        var streams = new RandomStreams(seed, 0);
        double h = config.Horizon;

        var expectedPoisson = new List<double>();
        RandomStream ps = streams.Get("traffic:p");
        for (double t = ps.NextExponential(0.5); t < h; t += ps.NextExponential(0.5))
        {
            expectedPoisson.Add(t);
        }

        var expectedDaily = new List<double>();
        PiecewiseLinearRate rate = DailySource.WeekRate(1, new DailyProfile(Profile, DailyShape.Step), [1, 1, 1, 1, 1, 1, 1], 0);
        RandomStream ds = streams.Get("traffic:d");
        for (double t = rate.Advance(0, ds.NextExponential(1), h); t < h; t = rate.Advance(t, ds.NextExponential(1), h))
        {
            expectedDaily.Add(t);
        }

        var expectedBursty = new List<double>();
        RandomStream bs = streams.Get("traffic:b");
        RandomStream state = streams.Get("traffic-state:b");
        double[] rates = [0.5, 8];
        double[] sojourns = [300, 60];
        int current = 0;
        double stateEnd = state.NextExponential(sojourns[0]);
        double u = 0;
        while (u < h)
        {
            double next = u + bs.NextExponential(1 / rates[current]);
            if (next < stateEnd)
            {
                if (next < h)
                {
                    expectedBursty.Add(next);
                }

                u = next;
                continue;
            }

            u = stateEnd;
            current = 1 - current;
            stateEnd = u + state.NextExponential(sojourns[current]);
        }

        Assert.Multiple(() =>
        {
            Assert.That(expectedPoisson, Has.Count.GreaterThan(15_000));
            Assert.That(expectedDaily, Has.Count.GreaterThan(2_000));
            Assert.That(expectedBursty, Has.Count.GreaterThan(3_000));
            Assert.That(Times("p"), Is.EqualTo(expectedPoisson));
            Assert.That(Times("d"), Is.EqualTo(expectedDaily));
            Assert.That(Times("b"), Is.EqualTo(expectedBursty));
        });
    }

    [Test]
    public void Closed_Batch_CompletionIsRoundsTimesService()
    {
        // Given 100 images, 4 callers, one unit of 4 slots, deterministic 0.5 s, started at 30 s
        var source = new ClosedTraffic { Name = "audit", Clients = 4, BatchImages = 100, StartTimes = [30] };
        ModelConfig config = With(source, 600, units: 1) with
        {
            Service = new ServiceConfig { Base = 0.5, Distribution = DistributionKind.Deterministic, Concurrency = 4 },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 1, 0);

        // Then 25 rounds of 0.5 s
        Assert.That(r.Measures["batch_completion_s"], Is.EqualTo(12.5).Within(1e-9));
        Assert.That(r.Measures["requests_succeeded"], Is.EqualTo(100));
        Assert.That(r.Events.Count(e => e.Kind == "batch_finished"), Is.EqualTo(1));
    }

    [Test]
    public void Closed_ThinkTime_AddsPerRound()
    {
        // Given 2 callers, 10 images, 1 s think, 0.5 s service on 2 slots
        var source = new ClosedTraffic { Name = "audit", Clients = 2, BatchImages = 10, Think = 1, StartTimes = [0] };
        ModelConfig config = With(source, 600, units: 1) with
        {
            Service = new ServiceConfig { Base = 0.5, Distribution = DistributionKind.Deterministic, Concurrency = 2 },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 1, 0);

        // Then 5 rounds of 0.5 s with 4 thinks between them
        Assert.That(r.Measures["batch_completion_s"], Is.EqualTo((5 * 0.5) + 4).Within(1e-9));
    }

    [Test]
    public void Trace_TimeColumn_ReplaysCountsExactly()
    {
        // Given a trace of call times with a known count per minute
        string path = Path.GetTempFileName();
        try
        {
            var counts = new[] { 5, 0, 17, 3, 42, 1 };
            using (var w = new StreamWriter(path))
            {
                w.WriteLine("time_s,camera");
                for (int m = 0; m < counts.Length; m++)
                {
                    for (int i = 0; i < counts[m]; i++)
                    {
                        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(m * 60) + (i * 59.0 / counts[m]):0.######},c1"));
                    }
                }
            }

            var source = new TraceTraffic { Name = "trace", Source = new TraceReader(path, "time_s", TraceColumnKind.Seconds) };

            // When
            ReplicationResult r = ReplicationRunner.Run(With(source, 360), 1, 0);

            // Then
            Assert.That(r.TimeSeries.Select(t => (int)t.Arrivals), Is.EqualTo(counts));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Trace_CountColumn_ReplaysCountsExactlyAndSpeedCompressesTime()
    {
        // Given per-minute counts, replayed at double speed and counted per 30 s
        string path = Path.GetTempFileName();
        try
        {
            var counts = new[] { 12, 7, 0, 30 };
            File.WriteAllLines(path, ["count", .. counts.Select(c => c.ToString(CultureInfo.InvariantCulture))]);
            var source = new TraceTraffic
            {
                Name = "trace",
                Source = new TraceReader(path, "count", TraceColumnKind.Count, interval: 60),
                Speed = 2,
            };

            // When
            ReplicationResult r = ReplicationRunner.Run(With(source, 120, interval: 30), 1, 0);

            // Then
            Assert.That(r.TimeSeries.Select(t => (int)t.Arrivals), Is.EqualTo(counts));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(2.0, 0)]
    [TestCase(0.5, 0.08)]
    public void Trace_Scale_MultipliesCalls(double scale, double tolerance)
    {
        // Given 1000 calls per minute for 10 minutes, scaled
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["count", .. Enumerable.Repeat("1000", 10)]);
            var source = new TraceTraffic
            {
                Name = "trace",
                Source = new TraceReader(path, "count", TraceColumnKind.Count, interval: 60),
                Scale = scale,
            };

            // When
            ReplicationResult r = ReplicationRunner.Run(With(source, 600), 1, 0);

            // Then
            Assert.That(r.Measures["requests_arrived"], Is.EqualTo(10_000 * scale).Within(10_000 * scale * tolerance));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A long trace runs in bounded memory. Rows: env LOOKOUTSIM_TRACE_ROWS (default 10,000,000; the
    /// file is about 120 MB in the temp folder and the test takes some seconds).
    /// </summary>
    [Test]
    public void Trace_TenMillionRows_BoundedMemory()
    {
        // Given a trace of N calls at 1000/s
        long rows = long.TryParse(Environment.GetEnvironmentVariable("LOOKOUTSIM_TRACE_ROWS"), CultureInfo.InvariantCulture, out long n) ? n : 10_000_000;
        string path = Path.GetTempFileName();
        try
        {
            using (var w = new StreamWriter(path, false, System.Text.Encoding.UTF8, 1 << 16))
            {
                w.WriteLine("time_s");
                for (long i = 0; i < rows; i++)
                {
                    w.WriteLine((i / 1000.0).ToString("0.###", CultureInfo.InvariantCulture));
                }
            }

            double horizon = (rows / 1000.0) + 1;
            var source = new TraceTraffic { Name = "trace", Source = new TraceReader(path, "time_s", TraceColumnKind.Seconds) };
            ModelConfig config = With(source, horizon, interval: 3600, units: 1) with
            {
                Service = new ServiceConfig { Base = 0.0005, Distribution = DistributionKind.Exponential },
                Deployment = new DeploymentConfig { MinUnits = 1, QueuePerUnit = 1000 },
            };
            long before = GC.GetTotalMemory(true);
            long workingSetBefore = Environment.WorkingSet;

            // When
            var collector = new MetricsCollector(config, 0);
            var system = new ServingSystem(config, new RandomStreams(1, 0), collector);
            collector.Attach(system);
            system.Run();
            ReplicationResult r = collector.Finish(0);
            long workingSetAfter = Environment.WorkingSet;
            long after = GC.GetTotalMemory(true); // what the run still holds, its garbage collected

            // Then every row arrived, the pools stayed small, and neither the live heap nor the
            // process grew with the trace (its 10 M rows as strings alone would be over 500 MB).
            // Deltas, not totals: the test host's working set carries whatever earlier tests left.
            Assert.That(r.Measures["requests_arrived"], Is.EqualTo(rows));
            Assert.That(system.RequestObjects, Is.LessThan(2000));
            Assert.That(after - before, Is.LessThan(64L * 1024 * 1024), "live heap held by the run");
            Assert.That(workingSetAfter - workingSetBefore, Is.LessThan(300L * 1024 * 1024), "working set added by the run");
            GC.KeepAlive(system);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
