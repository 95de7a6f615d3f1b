using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class LifecycleTests
{
    private static ModelConfig Line(double horizon, params ScheduleEntry[] schedule) => new()
    {
        Horizon = horizon,
        Service = new ServiceConfig { Base = 0.1 },
        Traffic = [new PoissonTraffic { Name = "line", Rate = 5 }],
        Deployment = new DeploymentConfig
        {
            MinUnits = 2,
            ModelStart = Distribution.Deterministic(900),
            UnitStart = Distribution.Deterministic(300),
        },
        Schedule = [.. schedule],
        RequestSampleFraction = 1,
    };

    [Test]
    public void Schedule_StartAt0600_ServesFromStartPlusModelStart()
    {
        // Given a model started by the schedule at 06:00, model_start 15 min
        ModelConfig config = Line(8 * 3600, new ScheduleEntry(6 * 3600, ScheduleAction.Start));

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 1, 0);

        // Then it is hosted at 06:15, nothing succeeded before, and calls before failed at once without retry
        double hosted = (6 * 3600) + 900;
        Assert.That(r.Events.Select(e => (e.Kind, e.TimeS)).Where(e => e.Kind.StartsWith("model_", StringComparison.Ordinal)),
            Is.EqualTo(new[] { ("model_starting", 6 * 3600.0), ("model_hosted", hosted) }));
        var before = r.Requests.Where(q => q.ArrivalS < hosted).ToList();
        Assert.That(before.All(q => q.Outcome == "failed" && q.Attempts == 1 && q.EndS == q.ArrivalS), Is.True);
        Assert.That(r.Requests.Where(q => q.Outcome == "succeeded").Min(q => q.EndS), Is.GreaterThanOrEqualTo(hosted));
        Assert.That(r.Requests.Where(q => q.ArrivalS >= hosted).All(q => q.Outcome != "failed"), Is.True);
        Assert.That(r.TimeSeries.Where(t => t.TimeS < hosted).All(t => t.UnitsReady == 0), Is.True);
    }

    [Test]
    public void Schedule_StopAndStart_NoCapacityWhileStoppedAndBilledOnlyWhileRunning()
    {
        // Given a shift from 1 h to 3 h (started with the schedule)
        ModelConfig config = Line(4 * 3600, new ScheduleEntry(3600, ScheduleAction.Start), new ScheduleEntry(3 * 3600, ScheduleAction.Stop));

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 1, 0);

        // Then 2 units billed for the 2 running hours (desired basis), and none ready after the stop
        Assert.That(r.Measures["unit_hours"], Is.EqualTo(4).Within(1e-9));
        Assert.That(r.TimeSeries.Where(t => t.TimeS >= 3 * 3600).All(t => t.UnitsReady == 0 && t.UnitsDesired == 0), Is.True);
        Assert.That(r.Events.Count(e => e.Kind == "model_stopped"), Is.EqualTo(1));
    }

    [Test]
    public void ManualRescale_NoAutoscaling_StopsAndRestartsWithModelStartDowntime()
    {
        // Given a model running with 2 units, set to 4 units at 1 h, without autoscaling
        ModelConfig config = Line(3 * 3600, new ScheduleEntry(3600, ScheduleAction.Set, MinUnits: 4)) with { StartedAtZero = true };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 1, 0);

        // Then nothing is served from 1 h until 1 h + model_start, then 4 units are ready
        double back = 3600 + 900;
        Assert.That(r.Events.Where(e => e.Kind.StartsWith("model_", StringComparison.Ordinal)).Select(e => (e.Kind, e.TimeS)), Is.EqualTo(new[]
        {
            ("model_starting", 0.0), ("model_hosted", 0.0),
            ("model_stopping", 3600.0), ("model_stopped", 3600.0), ("model_starting", 3600.0), ("model_hosted", back),
        }));
        Assert.That(r.Requests.Where(q => q.ArrivalS > 3600 && q.ArrivalS < back).All(q => q.Outcome == "failed"), Is.True);
        Assert.That(r.TimeSeries.Where(t => t.TimeS >= 3600 && t.TimeS < back).All(t => t.Succeeded == 0 || t.TimeS == 3600), Is.True);
        Assert.That(r.Zones.Where(z => z.TimeS == back + 60).Sum(z => z.UnitsReady), Is.EqualTo(4));

        // and the desired basis bills the allocation through the restart: 2 units × 1 h + 4 units × 2 h
        Assert.That(r.Measures["unit_hours"], Is.EqualTo(2 + 8).Within(1e-9));
    }

    [Test]
    public void StartAtZero_IncludeModelStart_WaitsModelStart()
    {
        // Given no schedule but include_model_start
        ModelConfig config = Line(3600) with { IncludeModelStart = true };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 1, 0);

        // Then
        Assert.That(r.Events.Single(e => e.Kind == "model_hosted").TimeS, Is.EqualTo(900));
        Assert.That(r.Events.Where(e => e.Kind == "unit_ready").Select(e => e.TimeS), Is.All.EqualTo(900));
    }

    [Test]
    public void StartAtZero_Default_ServesAtOnce()
    {
        ReplicationResult r = ReplicationRunner.Run(Line(600), 1, 0);
        Assert.That(r.Events.Single(e => e.Kind == "model_hosted").TimeS, Is.Zero);
        Assert.That(r.TimeSeries[0].UnitsReady, Is.EqualTo(2));
    }
}
