using System.Globalization;
using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// The units and zones of the deployment: placement (a new unit goes to the up zone with the
/// fewest units, ties to the zone listed first; scale-in first gives up allocation that cannot
/// serve — in a zone that is down, then in a zone waiting for replacements — and only then drains
/// from the fullest zone, ties to the zone listed last), provisioning, draining, unit failures and replacements, zone outages
/// and repairs, and the optional rebalancing of a lost zone's units into the surviving zones.
/// </summary>
public sealed class Fleet : EventHandlerBase
{
    private const int KindReplacementDue = 0;

    private readonly ServingSystem _system;
    private readonly List<Unit> _live = [];
    private readonly Distribution _unitStart;
    private readonly RandomStream _unitStartStream;
    private readonly FailuresConfig _failures;
    private readonly int _concurrency;
    private int _nextUnitId;

    internal Fleet(ServingSystem system)
    {
        _system = system;
        ModelConfig config = system.Config;
        Zones = [.. config.Deployment.Zones.Select((name, i) => new Zone(i, name))];
        if (Zones.Count == 0)
        {
            throw new ArgumentException("the deployment needs at least one zone", nameof(system));
        }

        _unitStart = config.Deployment.UnitStart;
        _unitStartStream = system.Streams.Get("unit-start");
        _failures = config.Failures;
        _concurrency = system.ServiceTimes.Concurrency;
    }

    /// <summary>Zones in scenario order.</summary>
    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>Units provisioning, ready or draining.</summary>
    public IReadOnlyList<Unit> LiveUnits => _live;

    /// <summary>Units placed in surviving zones for a zone outage, not yet moved back (rebalance).</summary>
    public int Surplus { get; private set; }

    /// <summary>Units provisioning now.</summary>
    public int ProvisioningCount { get; private set; }

    /// <summary>Sum of the zones' targets.</summary>
    public int TotalTarget => Zones.Sum(z => z.Target);

    /// <summary>Unit failures so far.</summary>
    public int UnitFailures { get; private set; }

    /// <inheritdoc />
    public override void Handle(in EventPayload payload)
    {
        Zone zone = Zones[payload.Index];
        switch (payload.Kind)
        {
            case KindReplacementDue:
                FillZone(zone, false);
                break;
            default:
                throw new InvalidOperationException($"unknown fleet event {payload.Kind}");
        }
    }

    /// <summary>Places one more unit (scale-out or model start).</summary>
    internal void AddUnit(bool partOfModelStart)
    {
        Zone? best = null;
        foreach (Zone z in Zones)
        {
            if (z.Up && (best == null || z.Target < best.Target))
            {
                best = z;
            }
        }

        // No zone up: the unit belongs to the emptiest zone and starts when it is repaired.
        best ??= Zones.MinBy(z => z.Target)!;
        best.Target++;
        if (best.Up)
        {
            CreateUnit(best, partOfModelStart);
        }
    }

    /// <summary>Sum of the targets of the zones that are up: the allocation that has or will soon have units.</summary>
    public int UpTarget
    {
        get
        {
            int sum = 0;
            foreach (Zone z in Zones)
            {
                if (z.Up)
                {
                    sum += z.Target;
                }
            }

            return sum;
        }
    }

    /// <summary>
    /// Takes one unit of allocation away (scale-in). Allocation that cannot serve goes first: a
    /// zone that is down (the zone with the largest target, ties to the zone listed last), then a
    /// zone short of units while its replacements are due (same order); nothing is drained then.
    /// Otherwise the fullest zone gives up a provisioning unit, else drains its least busy ready one.
    /// </summary>
    internal void RemoveUnit(string reason) => RemoveUnit(reason, -1, unservableFirst: true);

    /// <summary>Takes one unit away from the fullest zone other than <paramref name="exceptZone"/>: a missing or provisioning one first, else drains the least busy ready one.</summary>
    private void RemoveUnit(string reason, int exceptZone, bool unservableFirst)
    {
        if (unservableFirst && (TakeUnservable(down: true, reason) || TakeUnservable(down: false, reason)))
        {
            return;
        }

        Zone? fullest = null;
        foreach (Zone z in Zones)
        {
            if (z.Index != exceptZone && z.Target > 0 && (fullest == null || z.Target >= fullest.Target))
            {
                fullest = z;
            }
        }

        if (fullest == null)
        {
            return;
        }

        fullest.Target--;
        if (fullest.Holding <= fullest.Target)
        {
            return; // the zone was short of units (outage or pending replacement): nothing to drain
        }

        Unit? pick = null;
        foreach (Unit u in fullest.Units)
        {
            if (u.State == UnitState.Provisioning)
            {
                pick = u; // the latest provisioning unit
            }
        }

        if (pick != null)
        {
            Retire(pick, UnitState.Gone, "unit_cancelled", reason);
            return;
        }

        foreach (Unit u in fullest.Units)
        {
            if (u.State == UnitState.Ready && (pick == null || u.Outstanding < pick.Outstanding))
            {
                pick = u;
            }
        }

        if (pick != null)
        {
            Drain(pick, reason);
        }
    }

    /// <summary>
    /// Gives up one unit of allocation that has no unit: in a zone that is down
    /// (<paramref name="down"/>; only while the lost units outnumber the rebalanced replacements),
    /// or in an up zone waiting for replacements. False when there is none.
    /// </summary>
    private bool TakeUnservable(bool down, string reason)
    {
        if (down && Zones.Where(z => !z.Up).Sum(z => z.Target) <= Surplus)
        {
            return false; // every lost unit is already replaced in a surviving zone (rebalance)
        }

        Zone? pick = null;
        foreach (Zone z in Zones)
        {
            if (z.Up != down && z.Target > z.Holding && (pick == null || z.Target - z.Holding >= pick.Target - pick.Holding))
            {
                pick = z;
            }
        }

        if (pick == null)
        {
            return false;
        }

        pick.Target--;
        _system.Observer.OnModelEvent(_system.Sim.Now, "allocation_released", pick.Index, -1,
            reason + (down ? "; zone down" : "; replacement due"));
        return true;
    }

    /// <summary>The model became hosted: every unit waiting for it starts serving.</summary>
    internal void OnModelHosted()
    {
        for (int i = 0; i < _live.Count; i++)
        {
            Unit u = _live[i];
            if (u.State == UnitState.Provisioning && u.WaitsForModel)
            {
                MakeReady(u);
            }
        }
    }

    /// <summary>The model stops: every unit is gone (their calls fail with a server error), zones hold nothing.</summary>
    internal void RemoveAll()
    {
        while (_live.Count > 0)
        {
            Retire(_live[^1], UnitState.Lost, "unit_stopped", "model stopping");
        }

        foreach (Zone z in Zones)
        {
            z.Target = 0;
        }

        Surplus = 0;
    }

    /// <summary>Closes the billing spans of the units still live (at the horizon).</summary>
    internal void CloseBilling() => _system.Billing.CloseAll(_live);

    internal void OnUnitProvisioned(Unit unit)
    {
        unit.ProvisionHandle = default;
        if (_system.Lifecycle.IsHosted)
        {
            MakeReady(unit);
        }
        else
        {
            unit.WaitsForModel = true;
        }
    }

    internal void OnUnitFailed(Unit unit)
    {
        unit.FailureHandle = default;
        UnitFailures++;
        Zone zone = Zones[unit.Zone];
        Retire(unit, UnitState.Failed, "unit_failed", "failure");
        _system.Sim.Schedule(_failures.UnitReplacementDelay, this, new EventPayload(KindReplacementDue, zone.Index), ModelPriorities.Lifecycle);
    }

    internal void OnUnitDrained(Unit unit) => Retire(unit, UnitState.Gone, "unit_drained", "");

    private void CreateUnit(Zone zone, bool partOfModelStart, bool rebalanceCredit = false)
    {
        double now = _system.Sim.Now;
        var unit = new Unit(_system, ++_nextUnitId, zone.Index, _concurrency)
        {
            State = UnitState.Provisioning,
            ProvisionStart = now,
            WaitsForModel = partOfModelStart,
            RebalanceCredit = rebalanceCredit,
        };
        zone.Units.Add(unit);
        zone.Provisioning++;
        ProvisioningCount++;
        _live.Add(unit);
        _system.Billing.UnitStarted(unit);
        _system.Observer.OnModelEvent(now, "unit_provisioning", zone.Index, unit.Id, partOfModelStart ? "model start" : "");
        if (!partOfModelStart)
        {
            unit.ProvisionHandle = _system.Sim.Schedule(_unitStart.Sample(_unitStartStream), unit, new EventPayload(Unit.KindProvisioned), ModelPriorities.Lifecycle);
        }
    }

    private void MakeReady(Unit unit)
    {
        double now = _system.Sim.Now;
        Zone zone = Zones[unit.Zone];
        unit.State = UnitState.Ready;
        unit.WaitsForModel = false;
        zone.Provisioning--;
        ProvisioningCount--;
        zone.Ready++;
        _system.Ledger.ReadyUnitsLevel.Add(now, 1);
        _system.Ledger.ServingSlotsLevel.Add(now, _concurrency);
        _system.FrontEnd.AddReady(unit);
        _system.Observer.OnModelEvent(now, "unit_ready", zone.Index, unit.Id, "");
        if (_failures.UnitMtbf is double mtbf)
        {
            unit.FailureStream ??= _system.Streams.Get("unit-failure:" + unit.Id.ToString(CultureInfo.InvariantCulture));
            double ttf = _failures.UnitFailureShape is double shape
                ? Distribution.WeibullByMean(shape, mtbf).Sample(unit.FailureStream)
                : unit.FailureStream.NextExponential(mtbf);
            unit.FailureHandle = _system.Sim.Schedule(ttf, unit, new EventPayload(Unit.KindFailed), ModelPriorities.Lifecycle);
        }

        unit.PullNext();
        if (unit.RebalanceCredit)
        {
            unit.RebalanceCredit = false;
            if (Surplus > 0)
            {
                Surplus--;
                RemoveUnit("rebalance after zone repair", unit.Zone, unservableFirst: false);
            }
        }
    }

    private void Drain(Unit unit, string reason)
    {
        double now = _system.Sim.Now;
        Zone zone = Zones[unit.Zone];
        _system.FrontEnd.RemoveReady(unit);
        unit.State = UnitState.Draining;
        zone.Ready--;
        zone.Draining++;
        _system.Ledger.ReadyUnitsLevel.Add(now, -1);
        _system.Sim.Cancel(unit.FailureHandle);
        _system.Observer.OnModelEvent(now, "unit_draining", zone.Index, unit.Id, reason);
        if (unit.Outstanding == 0)
        {
            OnUnitDrained(unit);
        }
    }

    /// <summary>Takes a unit out for good; failed and lost units fail their calls with a server error.</summary>
    private void Retire(Unit unit, UnitState state, string kind, string detail)
    {
        double now = _system.Sim.Now;
        Zone zone = Zones[unit.Zone];
        switch (unit.State)
        {
            case UnitState.Provisioning:
                zone.Provisioning--;
                ProvisioningCount--;
                _system.Sim.Cancel(unit.ProvisionHandle);
                break;
            case UnitState.Ready:
                _system.FrontEnd.RemoveReady(unit);
                zone.Ready--;
                _system.Ledger.ReadyUnitsLevel.Add(now, -1);
                _system.Ledger.ServingSlotsLevel.Add(now, -_concurrency);
                break;
            case UnitState.Draining:
                zone.Draining--;
                _system.Ledger.ServingSlotsLevel.Add(now, -_concurrency);
                break;
            default:
                throw new InvalidOperationException($"unit {unit.Id} is already {unit.State}");
        }

        unit.State = state;
        _system.Sim.Cancel(unit.FailureHandle);
        zone.Units.Remove(unit);
        _live.Remove(unit);
        _system.Billing.UnitGone(unit);
        _system.Observer.OnModelEvent(now, kind, zone.Index, unit.Id, detail);
        unit.FailAllCalls();
    }

    /// <summary>Starts units in <paramref name="zone"/> up to its target, if the zone is up and the model running.</summary>
    private void FillZone(Zone zone, bool rebalanceCredit)
    {
        if (!zone.Up || !_system.Lifecycle.IsRunning)
        {
            return;
        }

        int credits = rebalanceCredit ? Surplus : 0;
        while (zone.Holding < zone.Target)
        {
            CreateUnit(zone, false, credits-- > 0);
        }
    }

    /// <summary>An outage of <paramref name="duration"/> seconds begins: the zone's units are lost (overlapping outages nest).</summary>
    internal void OnZoneFailed(Zone zone, double duration)
    {
        double now = _system.Sim.Now;
        zone.OutageDepth++;
        if (zone.OutageDepth > 1)
        {
            return;
        }

        _system.Observer.OnModelEvent(now, "zone_down", zone.Index, -1,
            string.Create(CultureInfo.InvariantCulture, $"outage for {duration:0.###} s"));
        while (zone.Units.Count > 0)
        {
            Retire(zone.Units[^1], UnitState.Lost, "unit_lost", "zone outage");
        }

        if (_failures.Rebalance && _system.Lifecycle.IsRunning)
        {
            int max = _system.Lifecycle.MaxUnits;
            for (int i = 0; i < zone.Target; i++)
            {
                int upTarget = Zones.Where(z => z.Up).Sum(z => z.Target);
                if (upTarget >= max || !Zones.Any(z => z.Up))
                {
                    break;
                }

                AddUnit(false);
                Surplus++;
            }
        }
    }

    /// <summary>An outage ends: when no other outage holds the zone, its units start again (unit_start).</summary>
    internal void OnZoneRestored(Zone zone)
    {
        zone.OutageDepth--;
        if (zone.OutageDepth > 0)
        {
            return;
        }

        _system.Observer.OnModelEvent(_system.Sim.Now, "zone_up", zone.Index, -1, "");
        FillZone(zone, Surplus > 0);
    }
}
