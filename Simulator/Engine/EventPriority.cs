namespace LookoutSim.Engine;

/// <summary>
/// Named priorities for events due at the same instant; a lower value runs first.
/// The engine gives them no meaning beyond the order; the model documents which of its events
/// uses which, so that simultaneous events always run in the same, documented order.
/// </summary>
public static class EventPriority
{
    /// <summary>Runs before anything else at the same instant (SimSharp's "urgent").</summary>
    public const int Urgent = 0;

    /// <summary>Before ordinary events at the same instant.</summary>
    public const int High = 1;

    /// <summary>The default.</summary>
    public const int Normal = 2;

    /// <summary>After ordinary events at the same instant.</summary>
    public const int Low = 3;

    /// <summary>Last at an instant: observers that sample the state once everything else has run.</summary>
    public const int Observation = 4;

    /// <summary>The largest priority the calendar accepts.</summary>
    public const int Lowest = 0x7FFF;
}
