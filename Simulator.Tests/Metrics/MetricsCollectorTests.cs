using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Tests.Model;

namespace LookoutSim.Tests.Metrics;

public sealed class MetricsCollectorTests
{
    private static ModelConfig Light(double warmup, double fraction = 0) => new()
    {
        Horizon = 1200,
        Warmup = warmup,
        Service = new ServiceConfig { Base = 0.2, Distribution = DistributionKind.Deterministic },
        Traffic = [new PoissonTraffic { Name = "line", Rate = 0.5 }],
        Deployment = new DeploymentConfig { MinUnits = 100 },
        RequestSampleFraction = fraction,
    };

    [TestCase(0.1, 200)]
    [TestCase(60, 30)]
    [TestCase(7.3, 40)]
    public void TimeSeries_ArrivalsAtAndNextToIntervalEdges_CountInTheIntervalTheDivisionGives(double interval, int intervals)
    {
        // Given arrivals at every interval edge (k × interval and k / (1 / interval)), one
        // representable number either side of each, and a relative 1e-9 either side: the
        // collector finds an arrival's interval without dividing when it is well inside the last one
        var times = new List<double>();
        for (int k = 1; k < intervals; k++)
        {
            foreach (double edge in new[] { k * interval, k / (1 / interval) })
            {
                times.AddRange([edge * (1 - 1e-9), Math.BitDecrement(edge), edge, Math.BitIncrement(edge), edge * (1 + 1e-9)]);
            }

            times.Add((k + 0.5) * interval);
        }

        times.Sort();
        string path = Path.GetTempFileName();
        try
        {
            using (var w = new StreamWriter(path))
            {
                w.WriteLine("time_s");
                foreach (double t in times)
                {
                    w.WriteLine(t.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            ModelConfig config = Light(0) with
            {
                Horizon = intervals * interval,
                Interval = interval,
                Traffic = [new TraceTraffic { Name = "edges", Source = new LookoutSim.Output.TraceReader(path, "time_s", LookoutSim.Output.TraceColumnKind.Seconds) }],
            };

            // When
            ReplicationResult r = ReplicationRunner.Run(config, 1, 0);

            // Then every arrival is in interval ⌊t / interval⌋ as the division computes it
            var expected = new long[r.TimeSeries.Count];
            foreach (double t in times)
            {
                expected[Math.Min((int)(t / interval), expected.Length - 1)]++;
            }

            Assert.That(r.TimeSeries.Count, Is.EqualTo(intervals));
            Assert.That(r.TimeSeries.Select(row => (long)row.Arrivals), Is.EqualTo(expected));
            Assert.That(expected.Sum(), Is.EqualTo(times.Count));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void TimeSeries_NoWarmup_SumsToTheMeasures()
    {
        // When
        ReplicationResult r = ReplicationRunner.Run(Configs.Queue(20, 0.1, 3, RoutingPolicy.LeastOutstanding, 2, horizon: 600, warmup: 0), 1, 0);

        // Then
        Assert.That(r.TimeSeries.Sum(t => t.Arrivals), Is.EqualTo(r.Measures["requests_arrived"]));
        Assert.That(r.TimeSeries.Sum(t => t.Attempts), Is.EqualTo(r.Measures["attempts"]));
        Assert.That(r.TimeSeries.Sum(t => t.Throttled), Is.EqualTo(r.Measures["throttled_attempts"]));
        Assert.That(r.TimeSeries.Sum(t => t.Succeeded), Is.EqualTo(r.Measures["requests_succeeded"]));
        Assert.That(r.TimeSeries.Average(t => t.UnitsReady), Is.EqualTo(3));
        Assert.That(r.TimeSeries.Average(t => t.CapacityTps), Is.EqualTo(30).Within(1e-9));
        Assert.That(r.Zones.Select(z => z.TimeS).Distinct().Count(), Is.EqualTo(10));
    }

    [Test]
    public void Warmup_RequestsBeforeAreNotCounted_TimeSeriesCoversAll()
    {
        // Given a warm-up of 5 minutes (a whole number of intervals)
        ReplicationResult r = ReplicationRunner.Run(Light(300), 1, 0);

        // Then
        Assert.That(r.Measures["requests_arrived"], Is.EqualTo(r.TimeSeries.Where(t => t.TimeS >= 300).Sum(t => t.Arrivals)));
        Assert.That(r.TimeSeries.Where(t => t.TimeS < 300).Sum(t => t.Arrivals), Is.GreaterThan(0));
        Assert.That(r.Measures["units_ready_mean"], Is.EqualTo(100));
    }

    [Test]
    public void Latency_DeterministicService_PercentilesWithinHistogramPrecision()
    {
        // Given no waiting (100 units for 0.5 calls/s) and a 0.2 s service: every latency is 0.2 s
        ReplicationResult r = ReplicationRunner.Run(Light(0), 1, 0);

        // Then
        foreach (string m in new[] { "latency_p50_s", "latency_p99_s", "latency_p999_s", "latency_mean_s", "latency_max_s" })
        {
            Assert.That(r.Measures[m], Is.EqualTo(0.2).Within(0.2 * 0.001), m);
        }

        Assert.That(r.LatencyMicros.TotalCount, Is.EqualTo((long)r.Measures["requests_succeeded"]));
        Assert.That(r.TimeSeries.Where(t => t.Succeeded > 0).Select(t => t.LatencyP99S), Is.All.EqualTo(0.2).Within(0.2 * 0.01));
        Assert.That(r.TimeSeries.Where(t => t.Succeeded == 0).Select(t => t.LatencyP50S), Is.All.NaN);
    }

    [Test]
    public void RequestRows_SampleFraction_SharedOfRequestsAndConsistent()
    {
        // Given a 20% sample
        ReplicationResult r = ReplicationRunner.Run(Light(0, 0.2), 1, 0);

        // Then about a fifth of the requests, each succeeded one with its latency
        double n = r.Measures["requests_arrived"];
        Assert.That(r.Requests.Count, Is.EqualTo(0.2 * n).Within(4 * Math.Sqrt(n * 0.2 * 0.8)));
        Assert.That(r.Requests.Where(q => q.Outcome == "succeeded").All(q => Math.Abs(q.LatencyS - (q.EndS - q.ArrivalS)) < 1e-9 && q.Zone == "zone-1"), Is.True);
        Assert.That(ReplicationRunner.Run(Light(0, 0.2), 1, 0).Requests, Is.EqualTo(r.Requests));
    }
}
