namespace LookoutSim.Engine;

/// <summary>
/// Names one scheduled event so that it can be cancelled. A handle stays valid until its event
/// runs or is cancelled; after that it names nothing, even when the calendar reuses its slot.
/// The default handle names no event.
/// </summary>
public readonly record struct EventHandle(int Slot, int Generation)
{
    /// <summary>A handle that names no event.</summary>
    public static EventHandle None => default;

    /// <summary>Whether the handle was ever given for an event (it may have run since).</summary>
    public bool IsSet => Generation != 0;
}
