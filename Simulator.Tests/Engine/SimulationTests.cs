using LookoutSim.Engine;

namespace LookoutSim.Tests.Engine;

public sealed class SimulationTests
{
    private sealed class Recorder(Simulation sim) : EventHandlerBase
    {
        public List<(double Time, int Tag)> Seen { get; } = [];

        public Action<EventPayload>? OnHandle { get; set; }

        public override void Handle(in EventPayload payload)
        {
            Seen.Add((sim.Now, payload.Index));
            OnHandle?.Invoke(payload);
        }
    }

    [Test]
    public void Run_SimultaneousEvents_RunByPriorityThenSchedulingOrder()
    {
        // Given
        var sim = new Simulation();
        var rec = new Recorder(sim);
        sim.Schedule(5, rec, new EventPayload(Index: 1), EventPriority.Low);
        sim.Schedule(5, rec, new EventPayload(Index: 2), EventPriority.Normal);
        sim.Schedule(5, rec, new EventPayload(Index: 3), EventPriority.Urgent);
        sim.Schedule(5, rec, new EventPayload(Index: 4), EventPriority.Normal);
        sim.Schedule(1, rec, new EventPayload(Index: 5), EventPriority.Observation);
        sim.ScheduleAt(5, rec, new EventPayload(Index: 6), EventPriority.Normal);

        // When
        sim.Run();

        // Then
        Assert.That(rec.Seen.Select(s => s.Tag), Is.EqualTo(new[] { 5, 3, 2, 4, 6, 1 }));
        Assert.That(sim.EventsProcessed, Is.EqualTo(6));
        Assert.That(sim.Now, Is.EqualTo(5));
    }

    [Test]
    public void ScheduleReserved_AfterLaterSchedules_RunsInItsReservedPlaceAmongSimultaneousEvents()
    {
        // Given: a sequence reserved first, then two events at t=3 scheduled, then the reserved one
        // scheduled at t=3 last
        var sim = new Simulation();
        var rec = new Recorder(sim);
        long reserved = sim.ReserveSequence();
        sim.Schedule(3, rec, new EventPayload(Index: 1));
        sim.Schedule(3, rec, new EventPayload(Index: 2));
        sim.ScheduleReserved(3, reserved, rec, new EventPayload(Index: 3));
        sim.Schedule(3, rec, new EventPayload(Index: 4));

        // When
        sim.Run();

        // Then it runs where it would have run had it been scheduled when reserved
        Assert.That(rec.Seen.Select(s => s.Tag), Is.EqualTo(new[] { 3, 1, 2, 4 }));
    }

    [Test]
    public void ScheduleReserved_SequenceNotReservedOrTimeInThePast_Throws()
    {
        var sim = new Simulation();
        var rec = new Recorder(sim);
        long reserved = sim.ReserveSequence();
        sim.Schedule(2, rec);
        sim.Run();

        Assert.Multiple(() =>
        {
            Assert.That(() => sim.ScheduleReserved(5, reserved + 2, rec), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => sim.ScheduleReserved(1, reserved, rec), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => sim.ScheduleReserved(5, reserved, rec), Throws.Nothing);
        });
    }

    [Test]
    public void Schedule_ZeroDelayFromHandler_RunsAfterAlreadyScheduledEventsAtThatInstant()
    {
        // Given: at t=2, A schedules C with zero delay; B was scheduled earlier for t=2
        var sim = new Simulation();
        var rec = new Recorder(sim);
        rec.OnHandle = p =>
        {
            if (p.Index == 1)
            {
                sim.Schedule(0, rec, new EventPayload(Index: 3));
            }
        };
        sim.Schedule(2, rec, new EventPayload(Index: 1));
        sim.Schedule(2, rec, new EventPayload(Index: 2));

        // When
        sim.Run();

        // Then
        Assert.That(rec.Seen, Is.EqualTo(new[] { (2.0, 1), (2.0, 2), (2.0, 3) }));
    }

    [Test]
    public void Cancel_PendingEvent_NeverRuns()
    {
        // Given
        var sim = new Simulation();
        var rec = new Recorder(sim);
        EventHandle doomed = sim.Schedule(3, rec, new EventPayload(Index: 1));
        sim.Schedule(4, rec, new EventPayload(Index: 2));

        // When
        bool cancelled = sim.Cancel(doomed);
        sim.Run();

        // Then
        Assert.That(cancelled, Is.True);
        Assert.That(rec.Seen.Select(s => s.Tag), Is.EqualTo(new[] { 2 }));
        Assert.That(sim.Cancel(doomed), Is.False, "a second cancel names nothing");
    }

    [Test]
    public void Cancel_EventDueAtTheCurrentInstant_DoesNotRun()
    {
        // Given: at t=1 the first handler cancels the second, which is due at the same instant
        var sim = new Simulation();
        var rec = new Recorder(sim);
        EventHandle second = default;
        rec.OnHandle = p =>
        {
            if (p.Index == 1)
            {
                Assert.That(sim.IsPending(second), Is.True);
                Assert.That(sim.Cancel(second), Is.True);
            }
        };
        sim.Schedule(1, rec, new EventPayload(Index: 1));
        second = sim.Schedule(1, rec, new EventPayload(Index: 2));

        // When
        sim.Run();

        // Then
        Assert.That(rec.Seen.Select(s => s.Tag), Is.EqualTo(new[] { 1 }));
        Assert.That(sim.PendingEvents, Is.Zero);
    }

    [Test]
    public void Cancel_HandleOfEventThatRan_ReturnsFalseEvenWhenTheSlotIsReused()
    {
        // Given
        var sim = new Simulation();
        var rec = new Recorder(sim);
        EventHandle first = sim.Schedule(1, rec, new EventPayload(Index: 1));
        sim.Run();
        EventHandle reused = sim.Schedule(1, rec, new EventPayload(Index: 2));

        // When
        bool cancelledStale = sim.Cancel(first);

        // Then
        Assert.That(reused.Slot, Is.EqualTo(first.Slot), "the calendar reuses the freed slot");
        Assert.That(cancelledStale, Is.False);
        Assert.That(sim.IsPending(reused), Is.True);
        Assert.That(sim.Cancel(EventHandle.None), Is.False);
    }

    [Test]
    public void Handle_SchedulingManyEventsWhileHandling_PayloadStaysIntactAndEventIsNoLongerPending()
    {
        // Given: a calendar with room for 4 events, and a handler that schedules 1,000 from its first
        // event (so the calendar's slots grow while it reads its payload)
        var sim = new Simulation(capacity: 4);
        var payloadsSeen = new List<EventPayload>();
        EventHandle first = default;
        bool pendingWhileRunning = true;
        var handler = new Burst(sim, payloadsSeen, () => pendingWhileRunning = sim.IsPending(first));
        var owner = new object();
        first = sim.Schedule(1, handler, new EventPayload(Kind: 7, Index: 8, Id: 9, Value: 10.5, Ref: owner));

        // When
        sim.Run();

        // Then: the first handling saw its payload unchanged before and after scheduling
        Assert.That(payloadsSeen[0], Is.EqualTo(new EventPayload(Kind: 7, Index: 8, Id: 9, Value: 10.5, Ref: owner)));
        Assert.That(payloadsSeen[1], Is.EqualTo(payloadsSeen[0]), "read again after 1,000 events were scheduled");
        Assert.That(pendingWhileRunning, Is.False);
        Assert.That(sim.EventsProcessed, Is.EqualTo(1001));
        Assert.That(payloadsSeen.Skip(2).Select(p => p.Id), Is.EqualTo(Enumerable.Range(0, 1000).Select(i => (long)i)));
    }

    [Test]
    public void Handle_HandlerThrows_ExceptionPropagatesAndTheCalendarKeepsWorking()
    {
        // Given: an event whose handler throws, and an ordinary one after it
        var sim = new Simulation(capacity: 4);
        var rec = new Recorder(sim) { OnHandle = p => { if (p.Index == 1) throw new InvalidOperationException("boom"); } };
        EventHandle failing = sim.Schedule(1, rec, new EventPayload(Index: 1));
        sim.Schedule(2, rec, new EventPayload(Index: 2));

        // When
        Assert.Throws<InvalidOperationException>(() => sim.Run());
        for (int i = 0; i < 10; i++)
        {
            sim.Schedule(1, rec, new EventPayload(Index: 10 + i));
        }

        sim.Run();

        // Then: the failed event is no longer pending and every later event ran once, in order
        Assert.That(sim.IsPending(failing), Is.False);
        Assert.That(sim.Cancel(failing), Is.False);
        Assert.That(rec.Seen.Select(s => s.Tag), Is.EqualTo(new[] { 1, 2 }.Concat(Enumerable.Range(10, 10))));
        Assert.That(sim.PendingEvents, Is.Zero);
    }

    [Test]
    public void RunUntil_LeavesClockAtUntilAndLaterEventsUntouched()
    {
        // Given
        var sim = new Simulation();
        var rec = new Recorder(sim);
        sim.Schedule(1, rec, new EventPayload(Index: 1));
        sim.Schedule(10, rec, new EventPayload(Index: 2));
        sim.Schedule(12, rec, new EventPayload(Index: 3));

        // When
        sim.Run(until: 10);

        // Then: the event due exactly at `until` stays for the next run
        Assert.That(sim.Now, Is.EqualTo(10));
        Assert.That(rec.Seen.Select(s => s.Tag), Is.EqualTo(new[] { 1 }));
        Assert.That(sim.PendingEvents, Is.EqualTo(2));
        Assert.That(sim.NextEventTime, Is.EqualTo(10));

        // When the run continues
        sim.Run(until: 20);

        // Then
        Assert.That(rec.Seen, Is.EqualTo(new[] { (1.0, 1), (10.0, 2), (12.0, 3) }));
        Assert.That(sim.Now, Is.EqualTo(20));
    }

    [Test]
    public void RunUntil_EmptyCalendar_AdvancesClock()
    {
        var sim = new Simulation(startTime: 5);
        sim.Run(until: 7.25);
        Assert.That(sim.Now, Is.EqualTo(7.25));
        Assert.That(sim.EventsProcessed, Is.Zero);
    }

    [Test]
    public void Stop_FromHandler_ReturnsAfterCurrentEvent()
    {
        var sim = new Simulation();
        var rec = new Recorder(sim);
        rec.OnHandle = p =>
        {
            if (p.Index == 1)
            {
                sim.Stop();
            }
        };
        sim.Schedule(1, rec, new EventPayload(Index: 1));
        sim.Schedule(2, rec, new EventPayload(Index: 2));

        sim.Run(until: 100);

        Assert.That(sim.Now, Is.EqualTo(1));
        Assert.That(sim.PendingEvents, Is.EqualTo(1));
    }

    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void Schedule_NegativeOrNaNDelay_Throws(double delay)
    {
        var sim = new Simulation();
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(delay, new Recorder(sim)));
    }

    [Test]
    public void ScheduleAt_BeforeNow_Throws()
    {
        var sim = new Simulation(startTime: 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleAt(9.5, new Recorder(sim)));
    }

    [Test]
    public void Schedule_ManyEventsSteadyState_AllocatesNothingPerEvent()
    {
        // Given: a handler that keeps 100 events in flight, warmed up so the calendar has grown
        var sim = new Simulation();
        var chain = new Chain(sim);
        for (int i = 0; i < 100; i++)
        {
            sim.Schedule(i * 0.01, chain);
        }

        sim.Run(until: 10);

        // When
        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.Run(until: 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then
        Assert.That(sim.EventsProcessed, Is.GreaterThan(50_000));
        Assert.That(allocated, Is.LessThan(1024), "bytes allocated over tens of thousands of events");
    }

    private sealed class Burst(Simulation sim, List<EventPayload> seen, Action whileFirst) : EventHandlerBase
    {
        public override void Handle(in EventPayload payload)
        {
            seen.Add(payload);
            if (payload.Kind != 7)
            {
                return;
            }

            whileFirst();
            for (int i = 0; i < 1000; i++)
            {
                sim.Schedule(1 + (i * 0.001), this, new EventPayload(Id: i, Ref: this));
            }

            seen.Add(payload);
        }
    }

    private sealed class Chain(Simulation sim) : EventHandlerBase
    {
        private double _delay = 0.5;

        public override void Handle(in EventPayload payload)
        {
            _delay = _delay > 2 ? 0.5 : _delay + 0.37;
            EventHandle h = sim.Schedule(_delay, this, new EventPayload(Ref: this), EventPriority.Low);
            if (payload.Id == 1)
            {
                sim.Cancel(h);
                sim.Schedule(_delay, this);
            }
        }
    }
}
