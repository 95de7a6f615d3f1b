namespace LookoutSim.Model;

/// <summary>What a schedule entry does.</summary>
public enum ScheduleAction
{
    /// <summary>Start the model (if stopped), after applying the bounds given.</summary>
    Start,

    /// <summary>Stop the model.</summary>
    Stop,

    /// <summary>Change the bounds only. Without autoscaling, a new unit count on a hosted model is a stop and a restart.</summary>
    Set,
}

/// <summary>One scheduled action at an absolute time (cron entries are expanded by the caller).</summary>
/// <param name="At">Seconds from the scenario start.</param>
/// <param name="Action">What to do.</param>
/// <param name="MinUnits">New lower bound (and start count), or null to keep it.</param>
/// <param name="MaxUnits">New upper bound, or null to keep it (raised to the new minimum if below).</param>
public sealed record ScheduleEntry(double At, ScheduleAction Action, int? MinUnits = null, int? MaxUnits = null);
