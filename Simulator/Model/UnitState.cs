namespace LookoutSim.Model;

/// <summary>Where a unit is in its life.</summary>
public enum UnitState
{
    /// <summary>Starting (unit_start, or within model_start); serves nothing.</summary>
    Provisioning,

    /// <summary>Serving and taking new calls.</summary>
    Ready,

    /// <summary>Scale-in: takes no new calls, finishes its own, then is gone.</summary>
    Draining,

    /// <summary>Gone after draining or a cancelled provisioning.</summary>
    Gone,

    /// <summary>Gone by a unit failure; its calls failed with a server error.</summary>
    Failed,

    /// <summary>Gone in a zone outage or a model stop; its calls failed with a server error.</summary>
    Lost,
}
