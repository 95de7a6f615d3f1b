namespace LookoutSim.Model;

/// <summary>
/// Bills unit spans. On the <see cref="BillingBasis.Desired"/> basis a span is one allocated unit
/// slot: slot k is open while the model is allocated at least k units (from the start request
/// until stopped), so a scale-out opens the top slots and a scale-in closes them. On the
/// <see cref="BillingBasis.Provisioned"/> basis a span is one unit instance from provisioning start
/// until it is gone. Each span is rounded up to whole granules when it closes; spans still open
/// at the horizon are closed there.
/// </summary>
public sealed class BillingMeter
{
    private readonly ServingSystem _system;
    private readonly List<double> _desiredSlots = [];

    internal BillingMeter(ServingSystem system, BillingConfig config)
    {
        _system = system;
        Config = config;
    }

    /// <summary>The configuration.</summary>
    public BillingConfig Config { get; }

    /// <summary>Closed spans.</summary>
    public long Spans { get; private set; }

    /// <summary>Unit-seconds of closed spans before rounding.</summary>
    public double RawUnitSeconds { get; private set; }

    /// <summary>Unit-seconds of closed spans after rounding: what is billed.</summary>
    public double BilledUnitSeconds { get; private set; }

    /// <summary>The bill so far (closed spans), in the scenario's currency.</summary>
    public double Cost => BilledUnitSeconds / 3600 * Config.PricePerUnitHour;

    /// <summary>A span of <paramref name="seconds"/> rounded up to whole granules.</summary>
    public static double Round(double seconds, double granularity)
    {
        if (!(granularity > 0) || seconds <= 0)
        {
            return Math.Max(0, seconds);
        }

        // A microsecond's tolerance keeps whole granules (up to floating error in times) from gaining one.
        double granules = Math.Ceiling((seconds - 1e-6) / granularity);
        return granules * granularity;
    }

    /// <summary>The model is allocated <paramref name="units"/> units from now (desired basis).</summary>
    internal void SetDesired(int units)
    {
        if (Config.Basis != BillingBasis.Desired)
        {
            return;
        }

        double now = _system.Sim.Now;
        while (_desiredSlots.Count < units)
        {
            _desiredSlots.Add(now);
            _system.Ledger.BilledUnitsLevel.Add(now, 1);
        }

        while (_desiredSlots.Count > units)
        {
            double start = _desiredSlots[^1];
            _desiredSlots.RemoveAt(_desiredSlots.Count - 1);
            _system.Ledger.BilledUnitsLevel.Add(now, -1);
            Close(now - start);
        }
    }

    /// <summary>A unit instance started provisioning (provisioned basis).</summary>
    internal void UnitStarted(Unit unit)
    {
        if (Config.Basis == BillingBasis.Provisioned)
        {
            _system.Ledger.BilledUnitsLevel.Add(_system.Sim.Now, 1);
        }
    }

    /// <summary>A unit instance is gone (provisioned basis).</summary>
    internal void UnitGone(Unit unit)
    {
        if (Config.Basis == BillingBasis.Provisioned)
        {
            double now = _system.Sim.Now;
            _system.Ledger.BilledUnitsLevel.Add(now, -1);
            Close(now - unit.ProvisionStart);
        }
    }

    /// <summary>Closes every open span at the horizon.</summary>
    internal void CloseAll(IEnumerable<Unit> liveUnits)
    {
        SetDesired(0);
        if (Config.Basis == BillingBasis.Provisioned)
        {
            foreach (Unit u in liveUnits)
            {
                UnitGone(u);
            }
        }
    }

    private void Close(double raw)
    {
        double billed = Round(raw, Config.Granularity);
        Spans++;
        RawUnitSeconds += raw;
        BilledUnitSeconds += billed;
        _system.Observer.OnBillingRounded(billed - raw);
    }
}
