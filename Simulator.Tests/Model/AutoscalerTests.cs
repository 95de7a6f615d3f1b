using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Tests.Scenarios;
using ScenarioLoader = LookoutSim.Scenarios.ScenarioLoader;
using ScenarioLoadResult = LookoutSim.Scenarios.ScenarioLoadResult;

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

    // Two zones (a, b) of one unit each (min 2, max 4), 10 calls/s per unit (deterministic 0.1 s), target 70%,
    // evaluation 1 min, scale-out cooldown 2 min, scale-in cooldown 10 min, unit start 5 min; zone a down from 1 h.
    private static ModelConfig TwoZonesWithOutage(TrafficSourceConfig traffic, double outageS, bool countLost) => new()
    {
        Horizon = 16000,
        Service = new ServiceConfig { Base = 0.1, Distribution = DistributionKind.Deterministic },
        Images = [new ImageSpec(1, 0, 0, 0)],
        Traffic = [traffic],
        Client = new ClientConfig { Retry = RetryPolicy.None },
        Deployment = new DeploymentConfig
        {
            MinUnits = 2,
            MaxUnits = 4,
            Zones = ["a", "b"],
            UnitStart = Distribution.Deterministic(300),
        },
        Autoscaling = new AutoscalingConfig
        {
            Target = 0.7,
            Evaluation = 60,
            ScaleOutCooldown = 120,
            ScaleInCooldown = 600,
            CountLostUnits = countLost,
        },
        Failures = new FailuresConfig { ZoneOutages = [new ZoneOutage(0, 3600, outageS)] },
    };

    private static void Print(ReplicationResult r)
    {
        foreach (EventRow e in r.Events.Where(e => e.Kind != "unit_drained"))
        {
            TestContext.Out.WriteLine($"{e.TimeS,10:0.###} {e.Kind,-20} {e.Zone,-9} {e.Unit,3} {e.Detail}");
        }
    }

    /// <summary>
    /// The spec's rule, checked on the events: while a zone is down, no ready unit is drained anywhere
    /// before the zone's lost allocation (its units lost at the outage) has been released by scale-ins.
    /// </summary>
    private static void AssertNoDrainWhileDownZoneHoldsAllocation(ReplicationResult r, string zone)
    {
        double down = double.NaN;
        int lost = 0;
        int released = 0;
        foreach (EventRow e in r.Events)
        {
            if (e.Kind == "zone_down" && e.Zone == zone)
            {
                (down, lost, released) = (e.TimeS, 0, 0);
            }
            else if (e.Kind == "zone_up" && e.Zone == zone)
            {
                down = double.NaN;
            }
            else if (!double.IsNaN(down) && e.Kind == "unit_lost" && e.Zone == zone)
            {
                lost++;
            }
            else if (!double.IsNaN(down) && e.Kind == "allocation_released" && e.Zone == zone)
            {
                released++;
            }
            else if (!double.IsNaN(down) && e.Kind == "unit_draining")
            {
                Assert.That(released, Is.EqualTo(lost),
                    $"unit {e.Unit} in {e.Zone} drained at {e.TimeS} s while {zone} (down since {down} s) still holds {lost - released} lost units");
            }
        }
    }

    [Test]
    public void ZoneOutage_LostUnitNotCurrent_ScalesOutInSurvivingZoneAtOnce()
    {
        // Given 8 calls/s: 2 units at 40% each; with zone a down, its unit is lost and b's unit runs at 80%
        ModelConfig config = TwoZonesWithOutage(new PoissonTraffic { Name = "line", Rate = 8 }, 3600, countLost: false);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 4, 0);
        Print(r);

        // Then the evaluation at the outage sees current = 1 (a's allocation cannot serve) < desired = min = 2 and
        // scales out at once: one unit in b, ready unit_start (300 s) later
        var outs = r.Events.Where(e => e.Kind == "scale_out").ToList();
        Assert.That(outs.Select(e => e.TimeS), Is.EqualTo(new[] { 3600.0 }));
        Assert.That(outs[0].Detail, Does.Contain("desired=2 current=1 allocated=2"));
        Assert.That(r.Events.Where(e => e.Kind == "unit_provisioning" && e.TimeS == 3600).Select(e => e.Zone), Is.EqualTo(new[] { "b" }));
        Assert.That(r.Events.Where(e => e.Kind == "unit_ready" && e.TimeS > 0 && e.TimeS < 7200).Select(e => (e.TimeS, e.Zone)),
            Is.EqualTo(new[] { (3900.0, "b") }));
        Assert.That(r.Zones.Single(z => z.TimeS == 5400 && z.Zone == "b").UnitsReady, Is.EqualTo(2));

        // and nothing is drained during the outage; after the repair a's unit provisions (so current = 3 from the
        // evaluation at 7200 s, which runs after the repair and dates the streak from 7140 s) and one scale-in a
        // cooldown later (7140 + 600 s) drains the fuller zone b: one unit in each zone again
        Assert.That(r.Events.Where(e => e.Kind == "unit_draining").Select(e => (e.TimeS, e.Zone)), Is.EqualTo(new[] { (7740.0, "b") }));
        Assert.That(r.Zones.Where(z => z.TimeS == r.Zones.Max(x => x.TimeS)).Select(z => z.UnitsReady), Is.EqualTo(new[] { 1, 1 }));
        AssertNoDrainWhileDownZoneHoldsAllocation(r, "a");
    }

    [Test]
    public void ZoneOutage_CountLostUnits_NoScaleOutUntilTheMetricAsksForMore()
    {
        // Given the same outage, the lost unit counted as in service (the old assumption)
        ModelConfig config = TwoZonesWithOutage(new PoissonTraffic { Name = "line", Rate = 8 }, 3600, countLost: true);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 4, 0);
        Print(r);

        // Then desired = ceil(1 × 0.8 / 0.7) = 2 = current: b's unit carries the load alone for the whole hour
        Assert.That(r.Events.Where(e => e.Kind == "scale_out"), Is.Empty);
        Assert.That(r.Zones.Where(z => z.TimeS > 3600 && z.TimeS < 7200).All(z => z.UnitsReady == (z.Zone == "b" ? 1 : 0)), Is.True);
        Assert.That(r.Events.Where(e => e.Kind == "unit_draining"), Is.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void ZoneOutage_ScaleIn_ReleasesTheDownZonesAllocationBeforeDrainingAReadyUnit(bool countLost)
    {
        // Given 8 calls/s, 16 calls/s from the outage at 1 h (zone a down for 3 h), 4 calls/s from 4800 s
        var steps = new StepsTraffic { Name = "line", Steps = [new RateStep(0, 8), new RateStep(3600, 16), new RateStep(4800, 4)] };
        ModelConfig config = TwoZonesWithOutage(steps, 3 * 3600, countLost);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 4, 0);
        Print(r);

        // Then the first scale-in, a whole cooldown after the load fell (4800 + 600 s), gives up a's lost unit and drains nothing
        EventRow firstIn = r.Events.First(e => e.Kind == "scale_in");
        Assert.That(firstIn.TimeS, Is.EqualTo(5400));
        var atFirstIn = r.Events.Where(e => e.TimeS == 5400).Select(e => (e.Kind, e.Zone)).ToList();
        Assert.That(atFirstIn, Is.EqualTo(new[] { ("scale_in", ""), ("allocation_released", "a") }));
        AssertNoDrainWhileDownZoneHoldsAllocation(r, "a");

        // and b keeps 2 ready units through the outage from the scale-out on (the old code drained one, leaving 1)
        Assert.That(r.Zones.Where(z => z.Zone == "b" && z.TimeS >= 4200 && z.TimeS < 14400).Min(z => z.UnitsReady), Is.EqualTo(2));

        // without counting the lost unit the policy had scaled out twice (at the outage and after the cooldown), so a
        // second scale-in a cooldown later drains one of b's three; counting it, one scale-out sufficed and b keeps 2
        var drains = r.Events.Where(e => e.Kind == "unit_draining").Select(e => (e.TimeS, e.Zone)).ToList();
        Assert.That(drains, countLost ? Is.Empty : Is.EqualTo(new[] { (6000.0, "b") }));
        var outs = r.Events.Where(e => e.Kind == "scale_out").Select(e => e.TimeS).ToList();
        Assert.That(outs, countLost ? Is.EqualTo(new[] { 3660.0 }) : Is.EqualTo(new[] { 3600.0, 3720.0 }));

        // a's allocation was given up, so its repair starts no unit
        Assert.That(r.Events.Where(e => e.Kind == "unit_provisioning" && e.Zone == "a" && e.TimeS > 0), Is.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void TraceReplaySample_ZoneOutageAt7h_NoReadyUnitDrainedInTheHealthyZone(bool countLost)
    {
        // Given the case: trace-replay with min 2, max 5 and use1-az1 down from 7 h for 1 h
        string file = Path.Combine(ScenarioFiles.Samples, "trace-replay.yaml");
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file,
        [
            "deployment.min_units=2", "deployment.max_units=5", "failures.zone_outages=[{zone: use1-az1, at: 7h, duration: 1h}]",
            "autoscaling.count_lost_units=" + (countLost ? "true" : "false"),
        ]);
        Assert.That(loaded.IsValid, Is.True, string.Join(Environment.NewLine, loaded.Errors));
        ModelConfig config = ScenarioCompiler.Compile(loaded.Scenario!, LookoutSim.Output.TraceFiles.Instance);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, (ulong)loaded.Scenario!.Seed, 0);
        Print(r);

        // Then no unit of use1-az2 is drained during the outage (the old code drained unit 2 at 26940 s and again at 28500 s)
        Assert.That(r.Events.Where(e => e.Kind == "unit_draining" && e.TimeS >= 25200 && e.TimeS < 28800), Is.Empty);
        AssertNoDrainWhileDownZoneHoldsAllocation(r, "use1-az1");

        // and without counting the lost unit the scale-out comes at the first evaluation, not 12 minutes later
        double firstOut = r.Events.First(e => e.Kind == "scale_out" && e.TimeS >= 25200).TimeS;
        Assert.That(firstOut, countLost ? Is.GreaterThan(25200 + 60) : Is.LessThanOrEqualTo(25200 + 60));
    }

    [Test]
    public void CountLostUnits_ScenarioField_DefaultsToFalseAndReachesTheModel()
    {
        // Given the trace-replay sample as shipped and with the field set
        string file = Path.Combine(ScenarioFiles.Samples, "trace-replay.yaml");
        ScenarioLoadResult shipped = ScenarioLoader.LoadFile(file);
        ScenarioLoadResult set = ScenarioLoader.LoadFile(file, ["autoscaling.count_lost_units=true"]);

        // Then the default is false and says so in the resolved scenario; the value set reaches the model's config
        Assert.That(ScenarioCompiler.Compile(shipped.Scenario!, LookoutSim.Output.TraceFiles.Instance).Autoscaling.CountLostUnits, Is.False);
        Assert.That(shipped.ToResolvedYaml(), Does.Contain("count_lost_units: false  # from: default"));
        Assert.That(ScenarioCompiler.Compile(set.Scenario!, LookoutSim.Output.TraceFiles.Instance).Autoscaling.CountLostUnits, Is.True);
        Assert.That(set.ToResolvedYaml(), Does.Contain("count_lost_units: true  # from: --set"));
    }

    [Test]
    public void FailedUnitAwaitingReplacement_ScaleIn_ReleasesItsAllocationInsteadOfDrainingTheOtherZone()
    {
        // Given zones a and b, min 1, max 2, units failing almost exactly 5000 s after they are ready (Weibull shape
        // 1000: within 0.99 … 1.003 of the mean), replaced 3000 s after a failure; 8 calls/s until 4500 s, then 1
        var steps = new StepsTraffic { Name = "line", Steps = [new RateStep(0, 8), new RateStep(4500, 1)] };
        ModelConfig config = TwoZonesWithOutage(steps, 3600, countLost: false) with
        {
            Horizon = 9000,
            Deployment = TwoZonesWithOutage(steps, 3600, false).Deployment with { MinUnits = 1, MaxUnits = 2 },
            Failures = new FailuresConfig { UnitMtbf = 5000, UnitFailureShape = 1000, UnitReplacementDelay = 3000 },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 6, 0);
        Print(r);

        // Then a's unit (ready at 0) serves alone at 80%, so one scale-out at 60 s puts a unit in b (ready at 360 s);
        // a's unit fails near 5000 s, b's near 5360 s
        Assert.That(r.Events.Where(e => e.Kind == "scale_out").Select(e => e.TimeS), Is.EqualTo(new[] { 60.0 }));
        var failed = r.Events.Where(e => e.Kind == "unit_failed").Select(e => (e.Zone, e.TimeS)).ToList();
        Assert.That(failed.Select(f => f.Zone), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(failed[0].TimeS, Is.InRange(4900, 5050));
        Assert.That(failed[1].TimeS, Is.InRange(5260, 5410));

        // and the scale-in a cooldown after the load fell (4500 + 600 s) falls between the two failures: it gives up
        // a's allocation waiting for its replacement, drains nothing (the old rule drained b's unit, the only ready
        // one: ties go to the zone listed last), and a's replacement, due at failure + 3000 s, never starts
        Assert.That(r.Events.Where(e => e.TimeS == 5100).Select(e => (e.Kind, e.Zone)),
            Is.EqualTo(new[] { ("scale_in", ""), ("allocation_released", "a") }));
        Assert.That(r.Events.Single(e => e.Kind == "allocation_released").Detail, Does.Contain("replacement due"));
        Assert.That(r.Events.Where(e => e.Kind == "unit_draining"), Is.Empty);
        Assert.That(r.Events.Where(e => e.Kind == "unit_provisioning" && e.Zone == "a" && e.TimeS > 0), Is.Empty);
        Assert.That(r.Events.Where(e => e.Kind == "unit_provisioning" && e.Zone == "b" && e.TimeS > 5400).Select(e => e.TimeS),
            Is.EqualTo(new[] { failed[1].TimeS + 3000 }));
    }
}
