namespace LookoutSim.Model;

/// <summary>Where the model is in its life.</summary>
public enum ModelState
{
    /// <summary>Not running, not billed; calls fail at once.</summary>
    Stopped,

    /// <summary>Started, not yet serving (model_start); billed; calls fail at once.</summary>
    Starting,

    /// <summary>Serving.</summary>
    Hosted,

    /// <summary>Being stopped; calls fail at once; billed until stopped.</summary>
    Stopping,
}
