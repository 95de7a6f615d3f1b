using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Output;
using LookoutSim.Scenarios;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Experiments;

/// <summary>A replication looks at its cancellation token every few thousand events, and only looks.</summary>
public sealed class ReplicationCancellationTests
{
    private static ModelConfig Sample(string name, string horizon)
    {
        string file = Path.Combine(LayeringTests.RepositoryRoot(), "samples", name);
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file, [$"horizon={horizon}"]);
        Assert.That(loaded.IsValid, Is.True, string.Join(Environment.NewLine, loaded.Errors));
        return ScenarioCompiler.Compile(loaded.Scenario!, TraceFiles.Instance, requestSampleFraction: 0.05);
    }

    [TestCase("three-zones-outage.yaml", "3d")] // its zone outage is at 2d 14:00
    [TestCase("weekday-shifts.yaml", "2d")] // cron starts and stops at 05:30 and 22:30
    public void Run_CancellableTokenNeverCancelled_SameResultAsWithout(string sample, string horizon)
    {
        // Given: a sample with outages, schedules and autoscaling (events on the hour included)
        ModelConfig config = Sample(sample, horizon);
        using var cts = new CancellationTokenSource();

        // When: run at once, and hour by hour with a token that could be cancelled
        ReplicationResult atOnce = ReplicationRunner.Run(config, 7, 1);
        ReplicationResult hourly = ReplicationRunner.Run(config, 7, 1, cts.Token);

        // Then: the same replication, measure for measure and row for row
        foreach ((string name, double value) in atOnce.Measures.Where(m => m.Key != "wall_s"))
        {
            Assert.That(hourly.Measures[name], Is.EqualTo(value), name);
        }

        Assert.That(hourly.TimeSeries, Is.EqualTo(atOnce.TimeSeries));
        Assert.That(hourly.Zones, Is.EqualTo(atOnce.Zones));
        Assert.That(hourly.Events, Is.EqualTo(atOnce.Events));
        Assert.That(hourly.Requests, Is.EqualTo(atOnce.Requests));
        Assert.That(atOnce.Events.Count, Is.GreaterThan(2), "the sample has model events to compare");
    }

    [Test]
    public void Run_CancelledMidway_StopsWithinAFewThousandEvents()
    {
        // Given: a day of the steady sample and an observer that cancels at 05:30 simulated
        ModelConfig config = Sample("steady.yaml", "1d");
        using var cts = new CancellationTokenSource();
        var system = new ServingSystem(config, new LookoutSim.Engine.RandomStreams(1, 0), new CancelAt(5.5 * 3600, cts));

        // When / Then: the run stops within a stride of events of 05:30, not at the horizon
        Assert.Throws<OperationCanceledException>(() => system.Run(cts.Token));
        Assert.That(system.Sim.Now, Is.GreaterThanOrEqualTo(5.5 * 3600).And.LessThan(5.5 * 3600 + 600));
    }

    [Test]
    public void Run_CancelledInAReplicationShorterThanAnHour_Stops()
    {
        // Given: twenty minutes of the steady sample (tens of thousands of events) and an observer that cancels at 1 s;
        // the fuzz test found a trace of 10^15 calls in one minute that Ctrl+C could not stop
        ModelConfig config = Sample("steady.yaml", "20m");
        using var cts = new CancellationTokenSource();
        var system = new ServingSystem(config, new LookoutSim.Engine.RandomStreams(1, 0), new CancelAt(1, cts));

        // When / Then: the run stops soon after, not at the horizon
        Assert.Throws<OperationCanceledException>(() => system.Run(cts.Token));
        Assert.That(system.Sim.Now, Is.LessThan(600));
    }

    private sealed class CancelAt(double time, CancellationTokenSource cts) : NullModelObserver
    {
        public override void OnRequestArrived(Request request)
        {
            if (request.Arrival >= time)
            {
                cts.Cancel();
            }
        }
    }
}
