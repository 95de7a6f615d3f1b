using System.Globalization;
using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// Target tracking, evaluated every period on the period just ended:
/// desired = ceil(ready × metric / target) clamped to [min, max], where ready is the time-averaged
/// ready units of the period (the units the metric was measured on) and current is the units
/// in service: the allocation of the zones that are up (ready and provisioning: a unit still
/// starting counts, so there is no double scale-out; a unit lost with its zone does not, unless
/// <see cref="AutoscalingConfig.CountLostUnits"/>, and then current is the whole allocation).
/// Scale-out when desired &gt; current and the scale-out cooldown has passed since the last
/// scale-out: the allocation grows by desired − current, up to max. Scale-in by at most the step
/// when desired &lt; current has held for the whole scale-in cooldown (the clock restarts after
/// each scale-in); the fleet gives up allocation that cannot serve before it drains a ready unit
/// (<see cref="Fleet.RemoveUnit(string)"/>). Throttled calls count as demand:
/// each adds E[S] slot-seconds to the utilization and one attempt to the TPS.
/// Only acts while the model is hosted and max &gt; min.
/// </summary>
public sealed class Autoscaler : EventHandlerBase
{
    private readonly ServingSystem _system;
    private readonly AutoscalingConfig _config;
    private double _lastBusy;
    private double _lastServing;
    private double _lastReady;
    private long _lastThrottled;
    private long _lastAttempts;
    private double _lastScaleOut = double.NegativeInfinity;
    private double _belowSince = double.NaN;

    internal Autoscaler(ServingSystem system, AutoscalingConfig config)
    {
        _system = system;
        _config = config;
        if (!(config.Evaluation > 0) || !(config.Target > 0) || config.ScaleInStep < 1)
        {
            throw new ArgumentException("autoscaling needs evaluation > 0, target > 0 and scale_in_step ≥ 1", nameof(config));
        }
    }

    /// <summary>Scale-out decisions taken.</summary>
    public int ScaleOuts { get; private set; }

    /// <summary>Scale-in decisions taken.</summary>
    public int ScaleIns { get; private set; }

    /// <summary>The metric of the last evaluation (NaN before the first or without ready units).</summary>
    public double LastMetric { get; private set; } = double.NaN;

    internal void Begin() => _system.Sim.Schedule(_config.Evaluation, this, default, ModelPriorities.Decision);

    /// <inheritdoc />
    public override void Handle(in EventPayload payload)
    {
        _system.Sim.Schedule(_config.Evaluation, this, default, ModelPriorities.Decision);
        double now = _system.Sim.Now;
        CapacityLedger ledger = _system.Ledger;
        double busy = ledger.BusySlotSeconds(now) - _lastBusy;
        double serving = ledger.ServingSlotSeconds(now) - _lastServing;
        double ready = (ledger.ReadyUnitSeconds(now) - _lastReady) / _config.Evaluation;
        long throttled = ledger.Throttled - _lastThrottled;
        long attempts = ledger.Attempts - _lastAttempts;
        _lastBusy += busy;
        _lastServing += serving;
        _lastReady = ledger.ReadyUnitSeconds(now);
        _lastThrottled = ledger.Throttled;
        _lastAttempts = ledger.Attempts;

        ModelLifecycle model = _system.Lifecycle;
        if (!model.IsHosted || !model.Autoscaled || !(ready > 0))
        {
            _belowSince = double.NaN;
            LastMetric = double.NaN;
            return;
        }

        double metric = _config.Metric == AutoscalingMetric.Utilization
            ? (busy + (throttled * _system.ServiceTimes.MeanServiceTime)) / serving
            : attempts / _config.Evaluation / ready / _system.ServiceTimes.RatedTpsPerUnit;
        LastMetric = metric;
        int desired = Math.Clamp((int)Math.Ceiling((ready * metric / _config.Target) - 1e-9), model.MinUnits, model.MaxUnits);
        int allocated = model.Desired;
        int current = _config.CountLostUnits ? allocated : Math.Min(allocated, _system.Fleet.UpTarget);
        string Reason() => string.Create(CultureInfo.InvariantCulture,
            $"{(_config.Metric == AutoscalingMetric.Utilization ? "utilization" : "tps_per_unit")}={metric:0.####} target={_config.Target:0.####} ready={ready:0.##} desired={desired} current={current}")
            + (current == allocated ? "" : string.Create(CultureInfo.InvariantCulture, $" allocated={allocated}"));

        if (desired > current)
        {
            _belowSince = double.NaN;
            int target = Math.Min(model.MaxUnits, allocated + desired - current);
            if (target > allocated && now - _lastScaleOut >= _config.ScaleOutCooldown)
            {
                _lastScaleOut = now;
                ScaleOuts++;
                _system.Observer.OnModelEvent(now, "scale_out", -1, -1, Reason());
                model.SetDesired(target, "scale-out");
            }
        }
        else if (desired < current)
        {
            if (double.IsNaN(_belowSince))
            {
                _belowSince = now - _config.Evaluation;
            }

            if (now - _belowSince >= _config.ScaleInCooldown - 1e-9)
            {
                int target = allocated - Math.Min(_config.ScaleInStep, current - desired);
                ScaleIns++;
                _system.Observer.OnModelEvent(now, "scale_in", -1, -1, Reason());
                model.SetDesired(target, "scale-in");
                _belowSince = now;
            }
        }
        else
        {
            _belowSince = double.NaN;
        }
    }
}
