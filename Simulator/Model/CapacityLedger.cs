namespace LookoutSim.Model;

/// <summary>
/// The time-weighted state of the deployment: levels and their integrals since time 0. The
/// autoscaler reads it for its period, metrics read it at interval boundaries, tests check the
/// invariants on it. Serving units are ready or draining units (both still serve their calls).
/// </summary>
public sealed class CapacityLedger
{
    internal TimeIntegral ReadyUnitsLevel;
    internal TimeIntegral ServingSlotsLevel;
    internal TimeIntegral BusySlotsLevel;
    internal TimeIntegral DesiredUnitsLevel;
    internal TimeIntegral BilledUnitsLevel;

    /// <summary>Units ready now.</summary>
    public int ReadyUnits => (int)ReadyUnitsLevel.Level;

    /// <summary>Slots (concurrency) of serving units now.</summary>
    public int ServingSlots => (int)ServingSlotsLevel.Level;

    /// <summary>Slots busy now.</summary>
    public int BusySlots => (int)BusySlotsLevel.Level;

    /// <summary>Units allocated to the model now.</summary>
    public int DesiredUnits => (int)DesiredUnitsLevel.Level;

    /// <summary>Units billed now.</summary>
    public int BilledUnits => (int)BilledUnitsLevel.Level;

    /// <summary>∫ ready units dt, unit-seconds.</summary>
    public double ReadyUnitSeconds(double now) => ReadyUnitsLevel.AreaAt(now);

    /// <summary>∫ serving slots dt, slot-seconds.</summary>
    public double ServingSlotSeconds(double now) => ServingSlotsLevel.AreaAt(now);

    /// <summary>∫ busy slots dt, slot-seconds.</summary>
    public double BusySlotSeconds(double now) => BusySlotsLevel.AreaAt(now);

    /// <summary>∫ desired units dt, unit-seconds.</summary>
    public double DesiredUnitSeconds(double now) => DesiredUnitsLevel.AreaAt(now);

    /// <summary>∫ billed units dt, unit-seconds (before rounding).</summary>
    public double BilledUnitSeconds(double now) => BilledUnitsLevel.AreaAt(now);

    /// <summary>Throttled attempts so far (demand the units did not take).</summary>
    public long Throttled { get; internal set; }

    /// <summary>Attempts that reached the front end so far.</summary>
    public long Attempts { get; internal set; }
}
