using System.Runtime.CompilerServices;

namespace LookoutSim.Engine;

/// <summary>
/// A discrete-event simulation: a clock, an event calendar and the loop that runs it.
/// SimSharp's semantics where they matter — <see cref="Now"/>, scheduling after a delay,
/// <see cref="Run(double)"/> up to a time, cancellable events, a fixed order for simultaneous
/// events — without its per-event allocation: handlers are reusable objects and payloads structs.
/// </summary>
/// <remarks>
/// Simultaneous events run by <see cref="EventPriority"/> (lower first), then in the order they
/// were scheduled. Time is in seconds from the scenario's start; nothing here reads the wall clock.
/// One instance is used by one thread.
/// </remarks>
public sealed class Simulation
{
    /// <summary>Events run between two looks at a cancellation token in <see cref="Run(double, CancellationToken)"/>.</summary>
    public const int CancellationStride = 4096;

    private readonly EventCalendar _calendar;
    private long _nextSequence;
    private bool _stopRequested;

    /// <summary>Creates a simulation with its clock at <paramref name="startTime"/>.</summary>
    /// <param name="startTime">Initial clock value, seconds; default 0.</param>
    /// <param name="capacity">Initial room in the calendar; it grows as needed.</param>
    public Simulation(double startTime = 0, int capacity = 256)
    {
        Now = startTime;
        _calendar = new EventCalendar(capacity);
    }

    /// <summary>The current simulated time, seconds.</summary>
    public double Now { get; private set; }

    /// <summary>Events run so far.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>Events scheduled and not yet run or cancelled.</summary>
    public int PendingEvents => _calendar.Count;

    /// <summary>The time of the next pending event, or +∞.</summary>
    public double NextEventTime => _calendar.NextTime;

    /// <summary>Schedules <paramref name="handler"/> to run <paramref name="delay"/> seconds from now.</summary>
    /// <param name="delay">Seconds from <see cref="Now"/>; zero or more.</param>
    /// <param name="handler">Runs when the event comes due.</param>
    /// <param name="payload">Handed to the handler.</param>
    /// <param name="priority">Order among events at the same instant; default <see cref="EventPriority.Normal"/>.</param>
    public EventHandle Schedule(double delay, EventHandlerBase handler, in EventPayload payload = default, int priority = EventPriority.Normal)
    {
        if (!(delay >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "delay must be a non-negative number of seconds");
        }

        return _calendar.Add(new EventKey(Now + delay, priority, _nextSequence++), handler, payload);
    }

    /// <summary>Schedules <paramref name="handler"/> at an absolute time, not before <see cref="Now"/>.</summary>
    public EventHandle ScheduleAt(double time, EventHandlerBase handler, in EventPayload payload = default, int priority = EventPriority.Normal)
    {
        if (!(time >= Now))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"time must not be before now ({Now})");
        }

        return _calendar.Add(new EventKey(time, priority, _nextSequence++), handler, payload);
    }

    /// <summary>
    /// Takes the next scheduling sequence number without scheduling anything, so that an event
    /// scheduled later with <see cref="ScheduleReserved"/> runs in the place among simultaneous
    /// events it would have had if it had been scheduled now.
    /// </summary>
    public long ReserveSequence() => _nextSequence++;

    /// <summary>
    /// Schedules <paramref name="handler"/> at an absolute time, not before <see cref="Now"/>, with a
    /// sequence number taken earlier from <see cref="ReserveSequence"/>.
    /// </summary>
    public EventHandle ScheduleReserved(double time, long sequence, EventHandlerBase handler, in EventPayload payload = default, int priority = EventPriority.Normal)
    {
        if (!(time >= Now))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"time must not be before now ({Now})");
        }

        if ((ulong)sequence >= (ulong)_nextSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "sequence was not reserved");
        }

        return _calendar.Add(new EventKey(time, priority, sequence), handler, payload);
    }

    /// <summary>Cancels a pending event; false when it already ran or was cancelled. Safe with <see cref="EventHandle.None"/>.</summary>
    public bool Cancel(EventHandle handle) => _calendar.Remove(handle);

    /// <summary>Whether the event named by <paramref name="handle"/> is still pending.</summary>
    public bool IsPending(EventHandle handle) => _calendar.Contains(handle);

    /// <summary>
    /// Runs every event due before <paramref name="until"/>, then leaves the clock exactly at
    /// <paramref name="until"/>. Events due at or after it stay on the calendar untouched, so a
    /// later call continues where this one stopped. Returns early (clock at the last event) when
    /// <see cref="Stop"/> is called.
    /// </summary>
    /// <param name="until">Absolute time, seconds; not before <see cref="Now"/>.</param>
    public void Run(double until)
    {
        if (!(until >= Now))
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"until must not be before now ({Now})");
        }

        _stopRequested = false;
        while (_calendar.Count > 0 && _calendar.NextTime < until)
        {
            RunNext();
            if (_stopRequested)
            {
                return;
            }
        }

        Now = until;
    }

    /// <summary>
    /// Runs as <see cref="Run(double)"/> does, looking at <paramref name="cancellation"/> every
    /// <see cref="CancellationStride"/> events: a cancelled run stops within a few thousand events
    /// however many fall in a simulated second, and running with a token that is never cancelled runs
    /// the same events in the same order as running without one.
    /// </summary>
    /// <param name="until">Absolute time, seconds; not before <see cref="Now"/>.</param>
    /// <param name="cancellation">Looked at, never waited on.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled; the clock is at the last event run.</exception>
    public void Run(double until, CancellationToken cancellation)
    {
        if (!cancellation.CanBeCanceled)
        {
            Run(until);
            return;
        }

        if (!(until >= Now))
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"until must not be before now ({Now})");
        }

        cancellation.ThrowIfCancellationRequested();
        _stopRequested = false;
        int sinceLook = 0;
        while (_calendar.Count > 0 && _calendar.NextTime < until)
        {
            RunNext();
            if (_stopRequested)
            {
                return;
            }

            if (++sinceLook == CancellationStride)
            {
                sinceLook = 0;
                cancellation.ThrowIfCancellationRequested();
            }
        }

        Now = until;
    }

    /// <summary>Runs until the calendar is empty (or <see cref="Stop"/> is called).</summary>
    public void Run()
    {
        _stopRequested = false;
        while (_calendar.Count > 0 && !_stopRequested)
        {
            RunNext();
        }
    }

    /// <summary>Runs the next event, if any; false when the calendar was empty.</summary>
    public bool Step()
    {
        if (_calendar.Count == 0)
        {
            return false;
        }

        RunNext();
        return true;
    }

    /// <summary>Asks the running loop to return after the current event.</summary>
    public void Stop() => _stopRequested = true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RunNext()
    {
        // The handler reads the payload in its slot, which is freed only after it returns (a
        // handler that throws leaves that one slot unused; the calendar works on without it).
        EventCalendar calendar = _calendar;
        int slot = calendar.TakeNext(out double time);
        Now = time;
        EventsProcessed++;
        calendar.HandlerAt(slot).Handle(in calendar.PayloadAt(slot));
        calendar.Release(slot);
    }
}
