using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class FailureTests
{
    // 3 zones × 2 units of 10 calls/s (deterministic 0.1 s), queue 8 per unit, no retries.
    private static ModelConfig ThreeZones(double rate, double horizon) => new()
    {
        Horizon = horizon,
        Service = new ServiceConfig { Base = 0.1, Distribution = DistributionKind.Deterministic },
        Images = [new ImageSpec(1, 0, 0, 0)],
        Traffic = [new PoissonTraffic { Name = "line", Rate = rate }],
        Client = new ClientConfig { Retry = RetryPolicy.None },
        Deployment = new DeploymentConfig
        {
            MinUnits = 6,
            Zones = ["a", "b", "c"],
            QueuePerUnit = 8,
            UnitStart = Distribution.Deterministic(300),
        },
    };

    [Test]
    public void ZoneOutage_NoRebalance_SurvivorsServeAndLossMatchesMissingCapacity()
    {
        // Given 50 calls/s on 60 calls/s of capacity; zone b is down from 1 h to 2 h
        ModelConfig config = ThreeZones(50, 3 * 3600) with
        {
            Failures = new FailuresConfig { ZoneOutages = [new ZoneOutage(1, 3600, 3600)] },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 21, 0);

        // Then during the outage exactly the 4 surviving units serve, none in zone b
        var during = r.Zones.Where(z => z.TimeS > 3600 && z.TimeS < 7200).ToList();
        Assert.That(during.Where(z => z.Zone == "b").All(z => !z.Up && z.UnitsReady == 0 && z.UnitsProvisioning == 0), Is.True);
        Assert.That(during.GroupBy(z => z.TimeS).All(g => g.Sum(z => z.UnitsReady) == 4), Is.True);
        Assert.That(r.TimeSeries.Where(t => t.TimeS >= 3600 && t.TimeS < 7200).All(t => Math.Abs(t.UnitsReady - 4) < 1e-9), Is.True);

        // the share of calls lost is the missing capacity: 1 − 40/50 (fluid limit; a little more by idle moments)
        var outage = r.TimeSeries.Where(t => t.TimeS >= 3660 && t.TimeS < 7200).ToList();
        double lost = (double)outage.Sum(t => t.Throttled) / outage.Sum(t => t.Attempts);
        Assert.That(lost, Is.EqualTo(0.2).Within(0.03));
        var before = r.TimeSeries.Where(t => t.TimeS < 3600).ToList();
        Assert.That((double)before.Sum(t => t.Throttled) / before.Sum(t => t.Attempts), Is.LessThan(0.01));

        // the zone's units serve again unit_start (300 s) after repair
        var readyB = r.Events.Where(e => e.Kind == "unit_ready" && e.Zone == "b" && e.TimeS > 0).Select(e => e.TimeS).ToList();
        Assert.That(readyB, Is.EqualTo(new[] { 7200.0 + 300, 7200.0 + 300 }));
        Assert.That(r.Events.Count(e => e.Kind == "unit_lost" && e.Zone == "b"), Is.EqualTo(2));
        Assert.That(r.Zones.Where(z => z.TimeS >= 7200 + 360).GroupBy(z => z.TimeS).All(g => g.Sum(z => z.UnitsReady) == 6), Is.True);
    }

    [Test]
    public void ZoneOutage_Rebalance_ReplacesInSurvivorsThenMovesBack()
    {
        // Given rebalance on, max 8: zone a (2 units) is down from 1000 s for 1000 s
        ModelConfig config = ThreeZones(20, 4000) with
        {
            Deployment = ThreeZones(20, 4000).Deployment with { MaxUnits = 8 },
            Autoscaling = new AutoscalingConfig { ScaleInCooldown = 1e9, ScaleOutCooldown = 1e9, Target = 0.99 },
            Failures = new FailuresConfig { ZoneOutages = [new ZoneOutage(0, 1000, 1000)], Rebalance = true },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 3, 0);

        // Then 2 replacements start in b and c at the outage and serve after unit_start
        int ReadyAt(double t, string zone) => r.Zones.Single(z => z.TimeS == t && z.Zone == zone).UnitsReady;
        Assert.That((ReadyAt(1320, "a"), ReadyAt(1320, "b"), ReadyAt(1320, "c")), Is.EqualTo((0, 3, 3)));

        // and after repair zone a is back and the surplus drained: 2/2/2
        Assert.That((ReadyAt(3000, "a"), ReadyAt(3000, "b"), ReadyAt(3000, "c")), Is.EqualTo((2, 2, 2)));
        Assert.That(r.Events.Count(e => e.Kind == "unit_draining"), Is.EqualTo(2));
    }

    [Test]
    public void UnitFailure_ReplacedInSameZoneAfterDelayPlusStart()
    {
        // Given units failing every hour on average, replaced after 60 s, starting in 300 s
        ModelConfig config = ThreeZones(20, 6 * 3600) with
        {
            Failures = new FailuresConfig { UnitMtbf = 3600, UnitReplacementDelay = 60 },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 8, 0);

        // Then every failure is followed by a new unit in the same zone, ready 360 s later
        var failures = r.Events.Where(e => e.Kind == "unit_failed" && e.TimeS < config.Horizon - 400).ToList();
        Assert.That(failures, Has.Count.GreaterThan(10));
        foreach (EventRow f in failures)
        {
            Assert.That(r.Events.Any(e => e.Kind == "unit_provisioning" && e.Zone == f.Zone && Math.Abs(e.TimeS - (f.TimeS + 60)) < 1e-9), Is.True, $"replacement of unit {f.Unit}");
            Assert.That(r.Events.Any(e => e.Kind == "unit_ready" && e.Zone == f.Zone && Math.Abs(e.TimeS - (f.TimeS + 360)) < 1e-9), Is.True, $"ready after unit {f.Unit}");
        }

        Assert.That(r.Diagnostics!.UnitFailures, Is.EqualTo(r.Events.Count(e => e.Kind == "unit_failed")));
        Assert.That(r.Zones.Max(z => z.UnitsReady + z.UnitsProvisioning), Is.LessThanOrEqualTo(2));
    }

    [Test]
    public void UnitFailure_CallsOnFailedUnitGetRetryableServerError()
    {
        // Given a saturated single unit failing often, with aws-standard retries
        var config = new ModelConfig
        {
            Horizon = 3600,
            Service = new ServiceConfig { Base = 0.1 },
            Traffic = [new PoissonTraffic { Name = "line", Rate = 9 }],
            Deployment = new DeploymentConfig { MinUnits = 2, QueuePerUnit = 20, UnitStart = Distribution.Deterministic(30) },
            Failures = new FailuresConfig { UnitMtbf = 300, UnitReplacementDelay = 0 },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 2, 0);

        // Then server errors happened and were retried
        Assert.That(r.Measures["server_errors"], Is.GreaterThan(0));
        Assert.That(r.Measures["retries"], Is.GreaterThanOrEqualTo(r.Measures["server_errors"] - r.Diagnostics!.QuotaRefusals));
    }

    [Test]
    public void RetryStorm_OutageWithTimeouts_MoreAttemptsThanCallsAndQuotaCaps()
    {
        // Given 3 one-unit zones near capacity with a 1 s timeout; two zones go down for 20 min
        var config = new ModelConfig
        {
            Horizon = 3600,
            Service = new ServiceConfig { Base = 0.1 },
            Traffic = [new PoissonTraffic { Name = "line", Rate = 24 }],
            Client = new ClientConfig { Timeout = 1, Retry = RetryPolicy.AwsStandard },
            Deployment = new DeploymentConfig { MinUnits = 3, Zones = ["a", "b", "c"], QueuePerUnit = 50, UnitStart = Distribution.Deterministic(120) },
            Failures = new FailuresConfig { ZoneOutages = [new ZoneOutage(0, 1200, 1200), new ZoneOutage(1, 1200, 1200)] },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 4, 0);

        // Then during the outage attempts outnumber calls, and the quota (500 tokens, 5 or 10 per retry, 1 back per success) capped the retries
        var outage = r.TimeSeries.Where(t => t.TimeS >= 1200 && t.TimeS < 2400).ToList();
        Assert.That(outage.Sum(t => t.Attempts), Is.GreaterThan(outage.Sum(t => t.Arrivals)));
        Assert.That(r.Diagnostics!.QuotaRefusals, Is.GreaterThan(0));
        Assert.That(r.Measures["retries"] * 5, Is.LessThanOrEqualTo(500 + r.Diagnostics.SucceededAllHorizon));
        Assert.That(r.Measures["timeouts"], Is.GreaterThan(0));
    }
}
