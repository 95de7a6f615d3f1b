using HdrHistogram;
using LookoutSim.Engine;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Output;

/// <summary>Synthetic <see cref="RunResult"/>s for the output tests (no model involved).</summary>
internal static class FakeResults
{
    public static readonly string[] ZoneNames = ["us-east-1a", "us-east-1b", "us-east-1c"];

    /// <summary>Zone <c>us-east-1b</c> is down from 10:00 to 12:30 in every replication.</summary>
    public const double OutageStartS = 10 * 3600;

    public const double OutageEndS = 12.5 * 3600;

    /// <summary>Monday 1 January 2024, midnight UTC: time 0 of <see cref="Realistic"/>.</summary>
    public static readonly DateTimeOffset RealisticStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A day at 1-minute intervals, 3 replications, 3 zones: a daily traffic shape (quiet at night,
    /// peak mid-afternoon), an autoscaler following it, a zone outage, latency that rises with load
    /// and in the outage, billing per desired unit, and a latency histogram per replication.
    /// </summary>
    public static RunResult Realistic(string scenario = "line-3-weekday", int replications = 3, double horizonS = 86400)
    {
        const double interval = 60;
        const double ratedTpsPerUnit = 5;
        const double price = 4.0 / 3600;
        var reps = new List<ReplicationResult>();
        for (int k = 0; k < replications; k++)
        {
            RandomStream rng = new RandomStreams(7, k).Get("fake");
            var ts = new List<TimeSeriesRow>();
            var zones = new List<ZoneRow>();
            var events = new List<EventRow>
            {
                new() { Replication = k, TimeS = 0, Kind = "model_starting", Detail = "schedule" },
                new() { Replication = k, TimeS = 420, Kind = "model_hosted" },
            };
            var latency = new LongHistogram(1, 3_600_000_000L, 3);
            int desiredPrev = 2;
            double arrivedTotal = 0, succeededTotal = 0, failedTotal = 0, throttledTotal = 0, costTotal = 0;
            for (double t = 0; t < horizonS; t += interval)
            {
                double hour = t % 86400 / 3600;
                double shape = 0.15 + (0.85 * Math.Pow(Math.Max(0, Math.Sin(Math.PI * (hour - 6) / 16)), 1.5));
                double lambda = 40 * shape * (1 + (0.08 * (rng.NextUnit() - 0.5)));
                long arrivals = (long)Math.Round(lambda * interval);
                bool outage = t >= OutageStartS && t < OutageEndS;
                int desired = Math.Max(2, (int)Math.Ceiling(lambda / (ratedTpsPerUnit * 0.7)));
                if (desired != desiredPrev)
                {
                    events.Add(new EventRow
                    {
                        Replication = k,
                        TimeS = t,
                        Kind = desired > desiredPrev ? "scale_out" : "scale_in",
                        Detail = $"utilization {(lambda / (desiredPrev * ratedTpsPerUnit)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} vs target 0.70, {desiredPrev} -> {desired}",
                    });
                    desiredPrev = desired;
                }

                int perZone = (desired + 2) / 3;
                int readyTotal = 0;
                for (int z = 0; z < 3; z++)
                {
                    bool up = !(outage && z == 1);
                    int ready = up ? Math.Min(perZone, desired - readyTotal) : 0;
                    ready = Math.Max(0, ready);
                    readyTotal += ready;
                    zones.Add(new ZoneRow
                    {
                        Replication = k,
                        TimeS = t,
                        Zone = ZoneNames[z],
                        Up = up,
                        UnitsReady = ready,
                        UnitsProvisioning = up && ready < perZone ? perZone - ready : 0,
                    });
                }

                double capacity = readyTotal * ratedTpsPerUnit;
                double load = Math.Min(1, lambda / Math.Max(capacity, 1e-9));
                long throttled = capacity < lambda ? (long)((lambda - capacity) * interval) : 0;
                long failed = outage ? (long)(arrivals * 0.002) : 0;
                long succeeded = arrivals - failed;
                double p50 = 0.35 + (0.25 * load * load);
                double p99 = (p50 * 2.6) + (outage ? 1.2 : 0);
                double cost = desired * price * interval;
                ts.Add(new TimeSeriesRow
                {
                    Replication = k,
                    TimeS = t,
                    Arrivals = arrivals,
                    Attempts = arrivals + throttled,
                    Succeeded = succeeded,
                    Throttled = throttled,
                    Failed = failed,
                    Timeouts = 0,
                    UnitsDesired = desired,
                    UnitsReady = readyTotal,
                    CapacityTps = capacity,
                    Utilization = load,
                    LatencyP50S = p50,
                    LatencyP99S = p99,
                    Cost = cost,
                });
                for (int i = 0; i < 12; i++)
                {
                    double u = rng.NextUnitOpenZero();
                    double v = p50 * Math.Exp(0.45 * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextUnit()));
                    latency.RecordValue((long)(v * 1e6));
                }

                arrivedTotal += arrivals;
                succeededTotal += succeeded;
                failedTotal += failed;
                throttledTotal += throttled;
                costTotal += cost;
            }

            events.Add(new EventRow { Replication = k, TimeS = OutageStartS, Kind = "zone_down", Zone = ZoneNames[1], Detail = "scheduled outage" });
            events.Add(new EventRow { Replication = k, TimeS = OutageStartS, Kind = "unit_lost", Zone = ZoneNames[1], Unit = 4, Detail = "zone down" });
            events.Add(new EventRow { Replication = k, TimeS = OutageEndS, Kind = "zone_up", Zone = ZoneNames[1] });
            events.Sort((a, b) => a.TimeS.CompareTo(b.TimeS));

            var measures = MeasureNames.All.ToDictionary(m => m.Name, _ => double.NaN);
            measures["requests_arrived"] = arrivedTotal;
            measures["requests_succeeded"] = succeededTotal;
            measures["requests_failed"] = failedTotal;
            measures["requests_in_flight_at_end"] = 0;
            measures["throttled_attempts"] = throttledTotal;
            measures["availability"] = succeededTotal / arrivedTotal;
            measures["failed_rate"] = failedTotal / arrivedTotal;
            measures["latency_p50_s"] = latency.GetValueAtPercentile(50) / 1e6;
            measures["latency_p99_s"] = latency.GetValueAtPercentile(99) / 1e6;
            measures["cost"] = costTotal;
            measures["events"] = 1_000_000 + (k * 1234);
            reps.Add(new ReplicationResult
            {
                Replication = k,
                Measures = measures,
                LatencyMicros = latency,
                TimeSeries = ts,
                Zones = zones,
                Events = events,
            });
        }

        return new RunResult
        {
            Version = "0.1.0",
            Scenario = scenario,
            ScenarioSha256 = "3f5a1c0e9b7d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a",
            Seed = 7,
            HorizonS = horizonS,
            WarmupS = 1800,
            IntervalS = interval,
            Description = "Line 3 on a weekday, us-east-1b lost from 10:00 to 12:30.",
            Deployment = "2 to 12 units over 3 zones (us-east-1a, us-east-1b, us-east-1c), autoscaling at 70% utilization",
            Start = RealisticStart,
            Zones = ZoneNames,
            Currency = "USD",
            Metrics = Summarize(reps),
            Slo =
            [
                new SloVerdict("latency_p99", 1.5, replications, true),
                new SloVerdict("max_failed", 0.001, 0, false),
                new SloVerdict("availability", 0.999, replications, true),
            ],
            Replications = reps,
            ResolvedScenarioYaml = $"name: {scenario}  # file\nhorizon: 1d  # file\ndeployment:\n  min_units: 2  # file\n",
            PresetNotes = ["Lookout for Vision: one inference unit serves about 5 images/s (documented guidance).", "Billing is per inference-unit hour while the model is hosted."],
        };
    }

    /// <summary>Mean, t-interval, min and max of every measure (enough for output tests).</summary>
    public static IReadOnlyList<MetricSummary> Summarize(IReadOnlyList<ReplicationResult> reps)
    {
        var list = new List<MetricSummary>();
        foreach ((string name, string unit) in MeasureNames.All)
        {
            double[] v = reps.Select(r => r.Measures[name]).Where(x => !double.IsNaN(x)).ToArray();
            if (v.Length == 0)
            {
                list.Add(new MetricSummary(name, unit, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));
                continue;
            }

            double mean = v.Average();
            double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
            double half = v.Length > 1 ? 4.302652729911275 * sd / Math.Sqrt(v.Length) : 0;
            list.Add(new MetricSummary(name, unit, mean, mean - half, mean + half, v.Min(), v.Max()));
        }

        return list;
    }

    /// <summary>
    /// A tiny result for golden files: 2 replications, 3 intervals of 60 s, 2 zones, hand-picked
    /// values (no transcendental functions, so the bytes are the same on every platform), including
    /// NaN, a field that needs quoting, a negative zero and a very small and a very large number.
    /// </summary>
    public static RunResult Small(bool withRequests = true)
    {
        var reps = new List<ReplicationResult>();
        for (int k = 0; k < 2; k++)
        {
            var latency = new LongHistogram(1, 3_600_000_000L, 3);
            latency.RecordValueWithCount(250_000 + (k * 1000), 40);
            latency.RecordValueWithCount(410_000, 50);
            latency.RecordValueWithCount(1_234_567, 9);
            latency.RecordValue(2_500_000);
            var ts = new List<TimeSeriesRow>();
            var zones = new List<ZoneRow>();
            for (int i = 0; i < 3; i++)
            {
                double t = i * 60.0;
                ts.Add(new TimeSeriesRow
                {
                    Replication = k,
                    TimeS = t,
                    Arrivals = 30 + i + k,
                    Attempts = 31 + i + k,
                    Succeeded = 29 + i,
                    Throttled = i == 1 ? 1 : 0,
                    Failed = i == 2 ? 1 : 0,
                    Timeouts = 0,
                    UnitsDesired = 2,
                    UnitsReady = i == 1 ? 1.5 : 2,
                    CapacityTps = i == 1 ? 7.5 : 10,
                    Utilization = 0.1 * (i + 1) + (0.05 * k),
                    LatencyP50S = i == 0 && k == 1 ? double.NaN : 0.41,
                    LatencyP99S = i == 0 && k == 1 ? double.NaN : 1.2345678901234567,
                    Cost = 0.13333333333333333,
                });
                for (int z = 0; z < 2; z++)
                {
                    bool up = !(z == 1 && i == 1);
                    zones.Add(new ZoneRow { Replication = k, TimeS = t, Zone = z == 0 ? "eu-west-1a" : "eu-west-1b", Up = up, UnitsReady = up ? 1 : 0, UnitsProvisioning = up ? 0 : 1 });
                }
            }

            var measures = new Dictionary<string, double>();
            int j = 0;
            foreach ((string name, _) in MeasureNames.All)
            {
                measures[name] = name switch
                {
                    "batch_completion_s" => double.NaN,
                    "availability" => 0.98 + (k * 0.01),
                    "wall_s" => 1e-05,
                    "events" => 12345678901234 + k,
                    "cost" => -0.0,
                    _ => j + (k * 0.5),
                };
                j++;
            }

            reps.Add(new ReplicationResult
            {
                Replication = k,
                Measures = measures,
                LatencyMicros = latency,
                TimeSeries = ts,
                Zones = zones,
                Events =
                [
                    new() { Replication = k, TimeS = 0, Kind = "model_starting" },
                    new() { Replication = k, TimeS = 60, Kind = "zone_down", Zone = "eu-west-1b", Detail = "outage \"az-b\", scheduled" },
                    new() { Replication = k, TimeS = 60.5, Kind = "unit_lost", Zone = "eu-west-1b", Unit = 3 },
                    new() { Replication = k, TimeS = 120, Kind = "zone_up", Zone = "eu-west-1b" },
                ],
                Requests = withRequests
                    ?
                    [
                        new() { Replication = k, Request = 1, Source = "line-1", ArrivalS = 0.25, EndS = 0.66, Outcome = "succeeded", Attempts = 1, Image = 0, LatencyS = 0.41, Zone = "eu-west-1a" },
                        new() { Replication = k, Request = 2, Source = "line-1", ArrivalS = 179.5, EndS = double.NaN, Outcome = "in_flight", Attempts = 2, Image = 1, LatencyS = double.NaN },
                    ]
                    : [],
            });
        }

        return new RunResult
        {
            Version = "0.1.0",
            Scenario = "small",
            ScenarioSha256 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            Seed = 42,
            HorizonS = 180,
            WarmupS = 0,
            IntervalS = 60,
            Zones = ["eu-west-1a", "eu-west-1b"],
            Metrics =
            [
                new MetricSummary("requests_arrived", "requests", 93.5, 80.79, 106.21, 93, 94),
                new MetricSummary("availability", "ratio", 0.985, 0.92147, 1.04853, 0.98, 0.99),
                new MetricSummary("latency_p99_s", "s", 1.2345678901234567, 1.2, 1.27, 1.2345678901234567, 1.2345678901234567),
                new MetricSummary("batch_completion_s", "s", double.NaN, double.NaN, double.NaN, double.NaN, double.NaN),
                new MetricSummary("wall_s", "s", 1e-05, 0, 2e-05, 1e-05, 1e-05),
                new MetricSummary("events", "events", 12345678901234.5, 12345678901228.1, 12345678901240.9, 12345678901234, 12345678901235),
            ],
            Slo =
            [
                new SloVerdict("latency_p99", 1.5, 2, true, 1.2345678901234567, 1.27, SloVerdict.UpperBoundRule),
                new SloVerdict("availability", 0.999, 0, false, 0.985, 0.92147, SloVerdict.LowerBoundRule),
            ],
            Replications = reps,
            ResolvedScenarioYaml = "name: small  # file\nhorizon: 3m  # file\n",
            PresetNotes = ["A note, with a comma."],
        };
    }
}
