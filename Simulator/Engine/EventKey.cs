namespace LookoutSim.Engine;

/// <summary>
/// The order of the event calendar: time first, then priority (lower runs first), then the
/// order in which the events were scheduled. Events at the same instant and priority therefore
/// run first-scheduled, first-run, which a plain <see cref="PriorityQueue{TElement,TPriority}"/> does not promise.
/// </summary>
/// <param name="Time">Simulated time in seconds from the scenario's start.</param>
/// <param name="Priority">See <see cref="EventPriority"/>; 0 … <see cref="EventPriority.Lowest"/>.</param>
/// <param name="Sequence">Scheduling order within one <see cref="Simulation"/>, from 0.</param>
public readonly record struct EventKey(double Time, int Priority, long Sequence) : IComparable<EventKey>
{
    /// <inheritdoc />
    public int CompareTo(EventKey other)
    {
        int byTime = Time.CompareTo(other.Time);
        if (byTime != 0)
        {
            return byTime;
        }

        int byPriority = Priority.CompareTo(other.Priority);
        return byPriority != 0 ? byPriority : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(EventKey left, EventKey right) => left.CompareTo(right) < 0;

    public static bool operator >(EventKey left, EventKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(EventKey left, EventKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EventKey left, EventKey right) => left.CompareTo(right) >= 0;
}
