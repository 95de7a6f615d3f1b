using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// One inference unit: <c>concurrency</c> slots and its own FIFO queue. It is the handler of its
/// own events (service completions, end of provisioning, failure), so no event allocates.
/// </summary>
public sealed class Unit : EventHandlerBase
{
    internal const int KindCompleted = 0;
    internal const int KindProvisioned = 1;
    internal const int KindFailed = 2;

    private readonly ServingSystem _system;
    internal readonly CallQueue Queue = new();
    internal readonly Call?[] Slots;

    internal Unit(ServingSystem system, int id, int zone, int concurrency)
    {
        _system = system;
        Id = id;
        Zone = zone;
        Slots = new Call?[concurrency];
    }

    /// <summary>Id, unique in the replication, from 1.</summary>
    public int Id { get; }

    /// <summary>Zone index.</summary>
    public int Zone { get; }

    /// <summary>Life state.</summary>
    public UnitState State { get; internal set; }

    /// <summary>Calls being served.</summary>
    public int InService { get; private set; }

    /// <summary>Calls in service plus queued at this unit.</summary>
    public int Outstanding => InService + Queue.Count;

    /// <summary>Whether it has a free slot.</summary>
    public bool HasFreeSlot => InService < Slots.Length;

    /// <summary>When its provisioning started (its billing span on the provisioned basis), seconds.</summary>
    public double ProvisionStart { get; internal set; }

    internal int ReadyIndex = -1;
    internal EventHandle ProvisionHandle;
    internal EventHandle FailureHandle;
    internal bool WaitsForModel; // provisioned (or part of model start) but the model is not hosted yet
    internal bool RebalanceCredit; // restarted after a zone repair while rebalanced replacements exist
    internal RandomStream? FailureStream;

    /// <summary>Starts serving <paramref name="call"/> in a free slot.</summary>
    internal void StartService(Call call)
    {
        double now = _system.Sim.Now;
        int slot = 0;
        while (Slots[slot] != null)
        {
            slot++;
        }

        Slots[slot] = call;
        InService++;
        call.Started = now;
        _system.Ledger.BusySlotsLevel.Add(now, 1);
        if (State is not (UnitState.Ready or UnitState.Draining) || !_system.Lifecycle.IsHosted)
        {
            _system.ServiceOutsideServingState++;
        }

        double service = _system.ServiceTimes.Sample(_system.ServiceStream, call.Image);
        call.Completion = _system.Sim.Schedule(service, this, new EventPayload(KindCompleted, slot, 0, 0, call), ModelPriorities.Completion);
        _system.Observer.OnServiceStarted(call, now - call.Admitted);
    }

    /// <summary>Queues a call at this unit (or serves it at once when a slot is free).</summary>
    internal void Accept(Call call)
    {
        call.Admitted = _system.Sim.Now;
        if (HasFreeSlot && Queue.Count == 0)
        {
            StartService(call);
        }
        else
        {
            Queue.Enqueue(call);
        }
    }

    /// <inheritdoc />
    public override void Handle(in EventPayload payload)
    {
        switch (payload.Kind)
        {
            case KindCompleted:
                Complete(payload.Index, (Call)payload.Ref!);
                break;
            case KindProvisioned:
                _system.Fleet.OnUnitProvisioned(this);
                break;
            case KindFailed:
                _system.Fleet.OnUnitFailed(this);
                break;
            default:
                throw new InvalidOperationException($"unknown unit event {payload.Kind}");
        }
    }

    private void Complete(int slot, Call call)
    {
        double now = _system.Sim.Now;
        Slots[slot] = null;
        InService--;
        _system.Ledger.BusySlotsLevel.Add(now, -1);
        _system.Observer.OnServiceCompleted(call, now - call.Started);

        Request request = call.Request;
        bool delivered = call.Stamp == request.Stamp;
        _system.Calls.Return(call);

        // Refill the slot before the client hears the answer, so that a caller's next call
        // cannot overtake the calls already waiting (nothing to do when no call waits).
        if (Queue.Count > 0 || _system.FrontEnd.SharedQueueLength > 0)
        {
            PullNext();
        }
        if (delivered)
        {
            request.LastZone = Zone;
            request.Client.OnSucceeded(request);
        }

        if (State == UnitState.Draining && Outstanding == 0)
        {
            _system.Fleet.OnUnitDrained(this);
        }
    }

    /// <summary>Fills free slots from the unit's queue, then (shared-queue routing) from the shared queue.</summary>
    internal void PullNext()
    {
        while (HasFreeSlot && Queue.Count > 0)
        {
            StartService(Queue.Dequeue());
        }

        if (State == UnitState.Ready)
        {
            while (HasFreeSlot && _system.FrontEnd.TryTakeShared(out Call? shared))
            {
                StartService(shared);
            }
        }
    }

    /// <summary>Fails every call at this unit with a server error (unit failed, lost or stopped).</summary>
    internal void FailAllCalls()
    {
        double now = _system.Sim.Now;
        for (int i = 0; i < Slots.Length; i++)
        {
            if (Slots[i] is Call call)
            {
                Slots[i] = null;
                InService--;
                _system.Sim.Cancel(call.Completion);
                _system.Ledger.BusySlotsLevel.Add(now, -1);
                FailCall(call);
            }
        }

        while (Queue.Count > 0)
        {
            FailCall(Queue.Dequeue());
        }
    }

    private void FailCall(Call call)
    {
        Request request = call.Request;
        bool delivered = call.Stamp == request.Stamp;
        _system.Calls.Return(call);
        if (delivered)
        {
            request.LastZone = Zone;
            request.Client.OnServerError(request);
        }
    }
}
