using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Model;

public sealed class InvariantTests
{
    /// <summary>Scenarios that stress different paths: retries and timeouts, saturation, autoscaling, failures and outages.</summary>
    public static IEnumerable<TestCaseData> Scenarios()
    {
        var baseConfig = new ModelConfig
        {
            Horizon = 1800,
            Warmup = 120,
            Service = new ServiceConfig { Base = 0.05, PerMegapixel = 0.01, PerMegabyte = 0.005, Distribution = DistributionKind.LogNormal, Cv = 0.5, Concurrency = 2 },
            Images = [new ImageSpec(0.8, 2048, 1536, 1.2), new ImageSpec(0.2, 4096, 3072, 4.8)],
            Traffic = [new PoissonTraffic { Name = "camera", Rate = 40 }],
            Client = new ClientConfig { Timeout = 0.5, Retry = RetryPolicy.AwsStandard },
            Deployment = new DeploymentConfig { MinUnits = 3, Zones = ["a", "b", "c"], QueuePerUnit = 4 },
            Billing = new BillingConfig { Basis = BillingBasis.Provisioned },
        };
        yield return new TestCaseData(baseConfig).SetName("Timeouts and retries");
        yield return new TestCaseData(baseConfig with
        {
            Traffic = [new BurstyTraffic { Name = "b", NormalRate = 20, BurstRate = 200, MeanNormal = 60, MeanBurst = 20 }],
            Deployment = baseConfig.Deployment with { Routing = RoutingPolicy.PowerOfTwo, Admission = AdmissionPolicy.RateLimit },
        }).SetName("Saturated, rate-limited, power of two");
        yield return new TestCaseData(baseConfig with
        {
            Deployment = baseConfig.Deployment with { MaxUnits = 8, UnitStart = Distribution.Uniform(60, 120), Routing = RoutingPolicy.SharedQueue },
            Traffic = [new StepsTraffic { Name = "s", Steps = [new RateStep(0, 10), new RateStep(600, 60), new RateStep(1200, 10)] }],
            Autoscaling = new AutoscalingConfig { ScaleInCooldown = 120 },
            Billing = new BillingConfig { Basis = BillingBasis.Desired },
        }).SetName("Autoscaling, shared queue");
        yield return new TestCaseData(baseConfig with
        {
            Failures = new FailuresConfig
            {
                UnitMtbf = 600,
                UnitReplacementDelay = 30,
                ZoneOutages = [new ZoneOutage(1, 300, 400)],
                RandomZoneOutages = new RandomZoneOutages(3000, Distribution.Uniform(60, 300)),
                Rebalance = true,
            },
            Deployment = baseConfig.Deployment with { MaxUnits = 6, UnitStart = Distribution.Deterministic(60) },
            Traffic = [new PoissonTraffic { Name = "p", Rate = 30 }, new ClosedTraffic { Name = "batch", Clients = 3, BatchImages = 2000, StartTimes = [200, 900] }],
        }).SetName("Failures, outages, rebalance, closed batch");
        yield return new TestCaseData(baseConfig with
        {
            Schedule = [new ScheduleEntry(0, ScheduleAction.Start), new ScheduleEntry(700, ScheduleAction.Set, MinUnits: 5), new ScheduleEntry(1500, ScheduleAction.Stop)],
            Deployment = baseConfig.Deployment with { ModelStart = Distribution.Uniform(100, 200) },
            Billing = new BillingConfig { Basis = BillingBasis.Desired, Granularity = 300 },
        }).SetName("Schedule with rescale and stop");
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Run_AnyScenario_InvariantsHold(ModelConfig config)
    {
        // When
        ReplicationResult r = ReplicationRunner.Run(config, 17, 0);
        Invariants.AssertHold(r, config.Horizon, config.Interval);
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Run_SameSeed_SameResult(ModelConfig config)
    {
        // When
        ReplicationResult a = ReplicationRunner.Run(config, 5, 2);
        ReplicationResult b = ReplicationRunner.Run(config, 5, 2);
        ReplicationResult c = ReplicationRunner.Run(config, 6, 2);

        // Then
        Assert.That(b.Measures.Where(m => m.Key != "wall_s"), Is.EqualTo(a.Measures.Where(m => m.Key != "wall_s")));
        Assert.That(b.TimeSeries, Is.EqualTo(a.TimeSeries));
        Assert.That(b.Events, Is.EqualTo(a.Events));
        Assert.That(c.Measures["requests_arrived"], Is.Not.EqualTo(a.Measures["requests_arrived"]));
    }
}
