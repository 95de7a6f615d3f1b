using System.Globalization;
using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// The model's life: stopped → starting (model_start; its units provision together and none
/// serves before the model is hosted) → hosted → stopping → stopped, the unit bounds in force,
/// the units allocated (desired) and the scheduled actions. A new unit count on a hosted model
/// without autoscaling is a stop and a restart, with the downtime that implies.
/// </summary>
public sealed class ModelLifecycle : EventHandlerBase
{
    private const int KindHosted = 0;
    private const int KindStopped = 1;
    private const int KindSchedule = 2;

    private readonly ServingSystem _system;
    private readonly Distribution _modelStart;
    private readonly Distribution _modelStop;
    private readonly RandomStream _stream;
    private EventHandle _hosted;
    private int? _pendingStart;

    internal ModelLifecycle(ServingSystem system)
    {
        _system = system;
        DeploymentConfig d = system.Config.Deployment;
        if (d.MinUnits < 1)
        {
            throw new ArgumentException("min_units must be ≥ 1", nameof(system));
        }

        MinUnits = d.MinUnits;
        MaxUnits = d.EffectiveMaxUnits;
        _modelStart = d.ModelStart;
        _modelStop = d.ModelStop;
        _stream = system.Streams.Get("model-start");
    }

    /// <summary>Life state.</summary>
    public ModelState State { get; private set; }

    /// <summary>Whether calls are served.</summary>
    public bool IsHosted => State == ModelState.Hosted;

    /// <summary>Whether the model is starting or hosted (units are kept up).</summary>
    public bool IsRunning => State is ModelState.Starting or ModelState.Hosted;

    /// <summary>Lower bound in force.</summary>
    public int MinUnits { get; private set; }

    /// <summary>Upper bound in force.</summary>
    public int MaxUnits { get; private set; }

    /// <summary>Whether the autoscaler may act (max &gt; min).</summary>
    public bool Autoscaled => MaxUnits > MinUnits;

    /// <summary>Units allocated to the model (0 when stopped).</summary>
    public int Desired { get; private set; }

    /// <summary>Times the model became hosted.</summary>
    public int Starts { get; private set; }

    /// <summary>Schedules the scenario's entries and, without a schedule, the start at time 0.</summary>
    internal void Begin()
    {
        var schedule = _system.Config.Schedule;
        for (int i = 0; i < schedule.Length; i++)
        {
            ScheduleEntry e = schedule[i];
            if (e.At >= 0 && e.At < _system.Config.Horizon)
            {
                _system.Sim.ScheduleAt(e.At, this, new EventPayload(KindSchedule, i), ModelPriorities.Lifecycle);
            }
        }

        if (_system.Config.StartsAtZero)
        {
            Start(MinUnits, instant: !_system.Config.IncludeModelStart, "start at time 0");
        }
    }

    /// <inheritdoc />
    public override void Handle(in EventPayload payload)
    {
        switch (payload.Kind)
        {
            case KindHosted:
                BecomeHosted();
                break;
            case KindStopped:
                BecomeStopped();
                break;
            case KindSchedule:
                Apply(_system.Config.Schedule[payload.Index]);
                break;
            default:
                throw new InvalidOperationException($"unknown lifecycle event {payload.Kind}");
        }
    }

    /// <summary>Sets the units allocated (autoscaler decisions), placing or removing units.</summary>
    internal void SetDesired(int units, string reason)
    {
        units = Math.Clamp(units, MinUnits, MaxUnits);
        if (!IsRunning || units == Desired)
        {
            return;
        }

        while (Desired < units)
        {
            SetDesiredCount(Desired + 1);
            _system.Fleet.AddUnit(false);
        }

        while (Desired > units)
        {
            SetDesiredCount(Desired - 1);
            _system.Fleet.RemoveUnit(reason);
        }
    }

    private void Apply(ScheduleEntry e)
    {
        if (e.MinUnits is int min)
        {
            MinUnits = Math.Max(1, min);
        }

        if (e.MaxUnits is int max)
        {
            MaxUnits = max;
        }
        else if (e.MinUnits is not null && !(_system.Config.Deployment.EffectiveMaxUnits > _system.Config.Deployment.MinUnits))
        {
            MaxUnits = MinUnits; // a scenario without autoscaling keeps max = min
        }

        MaxUnits = Math.Max(MaxUnits, MinUnits);
        _system.Observer.OnModelEvent(_system.Sim.Now, "schedule", -1, -1,
            string.Create(CultureInfo.InvariantCulture, $"action={e.Action.ToString().ToLowerInvariant()} min_units={MinUnits} max_units={MaxUnits}"));

        if (e.Action == ScheduleAction.Stop)
        {
            _pendingStart = null;
            Stop("schedule");
            return;
        }

        switch (State)
        {
            case ModelState.Stopped:
                if (e.Action == ScheduleAction.Start)
                {
                    Start(MinUnits, instant: false, "schedule");
                }

                break;
            case ModelState.Stopping:
                if (e.Action == ScheduleAction.Start)
                {
                    _pendingStart = MinUnits;
                }

                break;
            default:
                if (Autoscaled)
                {
                    SetDesired(Math.Clamp(Desired, MinUnits, MaxUnits), "schedule bounds");
                }
                else if (MinUnits != Desired)
                {
                    // A manual rescale: stop and restart with the new count.
                    _pendingStart = MinUnits;
                    Stop("rescale to " + MinUnits.ToString(CultureInfo.InvariantCulture) + " units");
                }

                break;
        }
    }

    private void Start(int units, bool instant, string reason)
    {
        State = ModelState.Starting;
        _system.Observer.OnModelEvent(_system.Sim.Now, "model_starting", -1, -1,
            string.Create(CultureInfo.InvariantCulture, $"{reason}; units={units}"));
        for (int i = 0; i < units; i++)
        {
            SetDesiredCount(Desired + 1);
            _system.Fleet.AddUnit(partOfModelStart: true);
        }

        if (instant)
        {
            BecomeHosted();
        }
        else
        {
            _hosted = _system.Sim.Schedule(_modelStart.Sample(_stream), this, new EventPayload(KindHosted), ModelPriorities.Lifecycle);
        }
    }

    private void BecomeHosted()
    {
        _hosted = default;
        State = ModelState.Hosted;
        Starts++;
        _system.Observer.OnModelEvent(_system.Sim.Now, "model_hosted", -1, -1, "");
        _system.Fleet.OnModelHosted();
    }

    private void Stop(string reason)
    {
        if (!IsRunning)
        {
            return;
        }

        _system.Sim.Cancel(_hosted);
        _hosted = default;
        State = ModelState.Stopping;
        _system.Observer.OnModelEvent(_system.Sim.Now, "model_stopping", -1, -1, reason);
        _system.Fleet.RemoveAll();
        _system.Sim.Schedule(_modelStop.Sample(_stream), this, new EventPayload(KindStopped), ModelPriorities.Lifecycle);
    }

    private void BecomeStopped()
    {
        State = ModelState.Stopped;
        SetDesiredCount(0);
        _system.Observer.OnModelEvent(_system.Sim.Now, "model_stopped", -1, -1, "");
        if (_pendingStart is int units)
        {
            _pendingStart = null;
            Start(units, instant: false, "restart");
        }
    }

    private void SetDesiredCount(int units)
    {
        Desired = units;
        _system.Ledger.DesiredUnitsLevel.Set(_system.Sim.Now, units);
        _system.Billing.SetDesired(units);
    }
}
