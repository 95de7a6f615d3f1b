using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class AutoscalerTests
{
    // Units of 10 calls/s (E[S] = 0.1 s), target 70%, evaluation 1 min, scale-out cooldown 2 min, unit start 5 min.
    private static ModelConfig Scaled(TrafficSourceConfig traffic, double horizon, int min = 2, int max = 10,
        AutoscalingMetric metric = AutoscalingMetric.Utilization) => new()
        {
            Horizon = horizon,
            Service = new ServiceConfig { Base = 0.1 },
            Traffic = [traffic],
            Client = new ClientConfig { Retry = RetryPolicy.None },
            Deployment = new DeploymentConfig
            {
                MinUnits = min,
                MaxUnits = max,
                Zones = ["a", "b", "c"],
                UnitStart = Distribution.Deterministic(300),
            },
            Autoscaling = new AutoscalingConfig
            {
                Metric = metric,
                Target = 0.7,
                Evaluation = 60,
                ScaleOutCooldown = 120,
                ScaleInCooldown = 600,
            },
        };

    [TestCase(AutoscalingMetric.Utilization)]
    [TestCase(AutoscalingMetric.TpsPerUnit)]
    public void StepInLoad_ScalesOutToLoadOverRatedTimesTarget_ThenBackIn(AutoscalingMetric metric)
    {
        // Given 10 calls/s, 40 calls/s from 30 min to 90 min, then 10 calls/s again
        var steps = new StepsTraffic { Name = "line", Steps = [new RateStep(0, 10), new RateStep(1800, 40), new RateStep(5400, 10)] };
        ModelConfig config = Scaled(steps, 3 * 3600, metric: metric);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 12, 0);
        foreach (EventRow e in r.Events.Where(e => e.Kind.StartsWith("scale", StringComparison.Ordinal) || e.Kind.StartsWith("unit_", StringComparison.Ordinal)))
        {
            TestContext.Out.WriteLine($"{e.TimeS,8} {e.Kind,-18} {e.Zone,2} {e.Unit,3} {e.Detail}");
        }

        // Then the high load is served by ceil(40 / (10 × 0.7)) = 6 units, ready within evaluation + cooldown + unit start
        int expected = (int)Math.Ceiling(40 / (10 * 0.7));
        double deadline = 1800 + 60 + 120 + 300;
        TimeSeriesRow atDeadline = r.TimeSeries.First(t => t.TimeS >= deadline);
        Assert.That(atDeadline.UnitsReady, Is.EqualTo(expected).Within(1e-9));
        Assert.That(r.TimeSeries.Where(t => t.TimeS >= 1800 && t.TimeS < 5400).Max(t => t.UnitsDesired), Is.EqualTo(expected));

        // and back to 2 by one unit per scale-in cooldown once the load dropped
        var scaleIns = r.Events.Where(e => e.Kind == "scale_in").ToList();
        Assert.That(scaleIns, Has.Count.EqualTo(expected - 2));
        Assert.That(scaleIns[0].TimeS, Is.GreaterThanOrEqualTo(5400 + 600 - 60));
        Assert.That(scaleIns.Zip(scaleIns.Skip(1), (a, b) => b.TimeS - a.TimeS), Is.All.GreaterThanOrEqualTo(600));
        Assert.That(r.TimeSeries[^1].UnitsDesired, Is.EqualTo(2));
        Assert.That(scaleIns[0].Detail, Does.Contain("target=0.7"));

        // never outside [min, max]
        Assert.That(r.TimeSeries.Select(t => t.UnitsDesired), Is.All.InRange(2, 10));
    }

    [Test]
    public void ConstantLoad_NoFlapping()
    {
        // Given a constant 25 calls/s from 1 unit: one step to ceil(25/7) = 4, then nothing
        ModelConfig config = Scaled(new PoissonTraffic { Name = "line", Rate = 25 }, 3 * 3600, min: 1);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 5, 0);

        // Then
        Assert.That(r.Diagnostics!.ScaleIns, Is.Zero);
        Assert.That(r.Diagnostics.ScaleOuts, Is.InRange(1, 2));
        Assert.That(r.TimeSeries[^1].UnitsDesired, Is.EqualTo(4));
    }

    [Test]
    public void Overload_ThrottledCallsCountAsDemand_ScalesToMax()
    {
        // Given 200 calls/s against a max of 5 units (50 calls/s)
        ModelConfig config = Scaled(new PoissonTraffic { Name = "line", Rate = 200 }, 1800, min: 1, max: 5);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 5, 0);

        // Then the first decision goes straight to max, and nothing goes above it
        Assert.That(r.Diagnostics!.ScaleOuts, Is.EqualTo(1));
        Assert.That(r.TimeSeries.Max(t => t.UnitsDesired), Is.EqualTo(5));
        Assert.That(r.Zones.GroupBy(z => z.TimeS).Max(g => g.Sum(z => z.UnitsReady + z.UnitsProvisioning)), Is.LessThanOrEqualTo(5));
    }

    [Test]
    public void ScaleOut_PlacesInLeastPopulatedZone_ScaleInDrainsFullest()
    {
        // Given 2 units in 3 zones (a, b) scaled to 6 and back
        var steps = new StepsTraffic { Name = "line", Steps = [new RateStep(0, 10), new RateStep(600, 40), new RateStep(2400, 5)] };
        ModelConfig config = Scaled(steps, 3 * 3600);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 12, 0);

        // Then at the peak the 6 units are spread 2/2/2, and at the end the 2 units remain in different zones
        var peak = r.Zones.Where(z => z.TimeS == 1800).Select(z => z.UnitsReady).ToList();
        Assert.That(peak, Is.EqualTo(new[] { 2, 2, 2 }));
        var end = r.Zones.Where(z => z.TimeS == r.Zones.Max(x => x.TimeS)).Select(z => z.UnitsReady).ToList();
        Assert.That(end.Sum(), Is.EqualTo(2));
        Assert.That(end.Max(), Is.EqualTo(1));
    }

    [Test]
    public void Billing_DesiredThroughOutage_ProvisionedFollowsInstances()
    {
        // Given 3 one-unit zones, zone b down for an hour of three, 1-minute granules
        var config = new ModelConfig
        {
            Horizon = 3 * 3600,
            Service = new ServiceConfig { Base = 0.1 },
            Traffic = [new PoissonTraffic { Name = "line", Rate = 5 }],
            Deployment = new DeploymentConfig { MinUnits = 3, Zones = ["a", "b", "c"], UnitStart = Distribution.Deterministic(300) },
            Failures = new FailuresConfig { ZoneOutages = [new ZoneOutage(1, 3600, 3600)] },
        };

        // When
        ReplicationResult desired = ReplicationRunner.Run(config, 1, 0);
        ReplicationResult provisioned = ReplicationRunner.Run(config with { Billing = new BillingConfig { Basis = BillingBasis.Provisioned } }, 1, 0);

        // Then the allocation is billed through the outage; instances only while they exist (b's unit from 0 to 1 h, its replacement from 2 h)
        Assert.That(desired.Measures["unit_hours"], Is.EqualTo(9).Within(1e-9));
        Assert.That(provisioned.Measures["unit_hours"], Is.EqualTo(8).Within(1e-9));
    }

    [Test]
    public void Billing_Provisioned_FailedUnitStopsReplacementStarts()
    {
        // Given units that fail, replaced after 10 min, billed per instance without rounding
        var config = new ModelConfig
        {
            Horizon = 6 * 3600,
            Service = new ServiceConfig { Base = 0.1 },
            Traffic = [new PoissonTraffic { Name = "line", Rate = 5 }],
            Deployment = new DeploymentConfig { MinUnits = 3, Zones = ["a", "b", "c"], UnitStart = Distribution.Deterministic(300) },
            Failures = new FailuresConfig { UnitMtbf = 7200, UnitReplacementDelay = 600 },
            Billing = new BillingConfig { Basis = BillingBasis.Provisioned, Granularity = 0 },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 3, 0);

        // Then the bill is each instance's span, from its provisioning to its failure or the horizon
        var starts = r.Events.Where(e => e.Kind == "unit_provisioning").ToDictionary(e => e.Unit, e => e.TimeS);
        var ends = r.Events.Where(e => e.Kind == "unit_failed").ToDictionary(e => e.Unit, e => e.TimeS);
        double seconds = starts.Sum(s => (ends.TryGetValue(s.Key, out double end) ? end : config.Horizon) - s.Value);
        Assert.That(ends, Is.Not.Empty);
        Assert.That(r.Measures["unit_hours"], Is.EqualTo(seconds / 3600).Within(1e-9));
        Assert.That(r.Measures["unit_hours"], Is.LessThan(18), "a failed unit is not billed while its replacement waits");
    }
}
