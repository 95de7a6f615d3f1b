using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class BillingTests
{
    private static ModelConfig Fixed(int units, double horizon, BillingBasis basis, double granularity = 60) => new()
    {
        Horizon = horizon,
        Service = new ServiceConfig { Base = 0.05 },
        Traffic = [new PoissonTraffic { Name = "calls", Rate = 5 }],
        Deployment = new DeploymentConfig { MinUnits = units, Zones = ["a", "b", "c"] },
        Billing = new BillingConfig { PricePerUnitHour = 4, Basis = basis, Granularity = granularity },
    };

    [TestCase(BillingBasis.Desired)]
    [TestCase(BillingBasis.Provisioned)]
    public void FixedUnits_BillExactlyUnitsTimesHoursTimesPrice(BillingBasis basis)
    {
        // Given 3 units for 2 hours at 4.00
        ReplicationResult r = ReplicationRunner.Run(Fixed(3, 7200, basis), 1, 0);

        // Then
        Assert.That(r.Measures["unit_hours"], Is.EqualTo(6).Within(1e-9));
        Assert.That(r.Measures["cost"], Is.EqualTo(24).Within(1e-9));
        Assert.That(r.TimeSeries.Sum(t => t.Cost), Is.EqualTo(24).Within(1e-6));
        Assert.That(r.Measures["cost_per_1000_images"], Is.EqualTo(24.0 / r.Diagnostics!.SucceededAllHorizon * 1000).Within(1e-9));
    }

    [TestCase(61, 60, 120)]
    [TestCase(60, 60, 60)]
    [TestCase(0.5, 60, 60)]
    [TestCase(0, 60, 0)]
    [TestCase(3600.0000001, 60, 3600)]
    [TestCase(95, 0, 95)]
    [TestCase(7201, 3600, 10800)]
    public void Round_Span_UpToWholeGranules(double seconds, double granularity, double expected) =>
        Assert.That(BillingMeter.Round(seconds, granularity), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void Granularity_HorizonOffMinute_RoundsEachUnitsSpan()
    {
        // Given 2 units for 61.5 minutes, billed per minute and per hour
        ReplicationResult perMinute = ReplicationRunner.Run(Fixed(2, 3690, BillingBasis.Desired), 1, 0);
        ReplicationResult perHour = ReplicationRunner.Run(Fixed(2, 3690, BillingBasis.Provisioned, 3600), 1, 0);

        // Then each span is rounded on its own: 2 × 62 min, and 2 × 2 h
        Assert.That(perMinute.Measures["unit_hours"], Is.EqualTo(2 * 62 / 60.0).Within(1e-9));
        Assert.That(perHour.Measures["unit_hours"], Is.EqualTo(4).Within(1e-9));
        Assert.That(perMinute.Diagnostics!.BilledIntegral, Is.EqualTo(2 * 3690).Within(1e-6));
    }

    [Test]
    public void Schedule_StartAndStop_BillsFromStartRequestUntilStopped()
    {
        // Given a model started at 100 s (model start 30 s) and stopped at 161 s, 1 unit, per-minute billing
        ModelConfig config = Fixed(1, 600, BillingBasis.Desired) with
        {
            Schedule = [new ScheduleEntry(100, ScheduleAction.Start), new ScheduleEntry(161, ScheduleAction.Stop)],
            Deployment = new DeploymentConfig { MinUnits = 1, ModelStart = Distribution.Deterministic(30) },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 1, 0);

        // Then 61 s billed as 2 minutes, and the model was hosted from 130 s
        Assert.That(r.Measures["unit_hours"], Is.EqualTo(120 / 3600.0).Within(1e-12));
        Assert.That(r.Events.Single(e => e.Kind == "model_hosted").TimeS, Is.EqualTo(130));
    }
}
