using LookoutSim.Engine;

namespace LookoutSim.Tests.Engine;

public sealed class SimulationTests
{
    private sealed class Recorder : IEventHandler
    {
        public List<(double Time, int Tag)> Seen { get; } = [];

        public Simulation? Sim { get; set; }

        public void Handle(in EventPayload payload) => Seen.Add((Sim!.Now, payload.Index));
    }

    [Test]
    public void Run_SimultaneousEvents_RunByPriorityThenSchedulingOrder()
    {
        // Given
        var sim = new Simulation();
        var rec = new Recorder { Sim = sim };
        sim.Schedule(5, rec, new EventPayload(Index: 1), EventPriority.Low);
        sim.Schedule(5, rec, new EventPayload(Index: 2), EventPriority.Normal);
        sim.Schedule(5, rec, new EventPayload(Index: 3), EventPriority.Urgent);
        sim.Schedule(5, rec, new EventPayload(Index: 4), EventPriority.Normal);
        sim.Schedule(1, rec, new EventPayload(Index: 5), EventPriority.Observation);

        // When
        sim.Run();

        // Then
        Assert.That(rec.Seen.Select(s => s.Tag), Is.EqualTo(new[] { 5, 3, 2, 4, 1 }));
        Assert.That(sim.EventsProcessed, Is.EqualTo(5));
    }
}
