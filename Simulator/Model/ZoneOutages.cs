using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// Zone outages: the listed ones, and random ones per zone (exponential times between outages
/// with mean <see cref="RandomZoneOutages.Every"/>, durations from their distribution, drawn from
/// the stream <c>zone-outage:ZONE</c>; a zone's next outage is drawn from the end of the last).
/// Its events are <c>ZoneFailed</c> and <c>ZoneRestored</c>; the fleet does the rest.
/// </summary>
public sealed class ZoneOutages : EventHandlerBase
{
    private const int KindZoneFailed = 0;
    private const int KindZoneRestored = 1;

    private readonly ServingSystem _system;
    private long _addedSequence = -1;

    internal ZoneOutages(ServingSystem system) => _system = system;

    /// <summary>Outages begun so far.</summary>
    public int Count { get; private set; }

    /// <summary>Schedules every outage of the horizon (they are known in advance: nothing the model does changes them).</summary>
    internal void Begin()
    {
        FailuresConfig failures = _system.Config.Failures;
        foreach (ZoneOutage o in failures.ZoneOutages)
        {
            Schedule(o.Zone, o.At, o.Duration);
        }

        // The place, among simultaneous events, of one more listed outage: a copy of this run made
        // before that outage's time can add it there (AddListed) and continue exactly as a run that
        // listed it from the start. Taking a sequence number changes no order of events.
        _addedSequence = _system.Sim.ReserveSequence();

        if (failures.RandomZoneOutages is RandomZoneOutages random)
        {
            foreach (Zone z in _system.Fleet.Zones)
            {
                RandomStream rng = _system.Streams.Get("zone-outage:" + z.Name);
                double t = 0;
                while (true)
                {
                    t += rng.NextExponential(random.Every);
                    if (t >= _system.Config.Horizon)
                    {
                        break;
                    }

                    double duration = random.Duration.Sample(rng);
                    Schedule(z.Index, t, duration);
                    t += duration;
                }
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="outage"/> as if it had been listed last in the configuration: it runs in the
    /// place among simultaneous events it would have had then. For a copy of a run stopped before any
    /// event at <see cref="ZoneOutage.At"/> (<see cref="ServingSystem.RunUntil"/>); once per run.
    /// </summary>
    internal void AddListed(ZoneOutage outage)
    {
        if (_addedSequence < 0)
        {
            throw new InvalidOperationException("an outage can be added once, after the run has begun");
        }

        if (outage.At < _system.Config.Horizon)
        {
            _system.Sim.ScheduleReserved(outage.At, _addedSequence, this, new EventPayload(KindZoneFailed, outage.Zone, 0, outage.Duration), ModelPriorities.Lifecycle);
        }

        _addedSequence = -1;
    }

    /// <inheritdoc />
    public override void Handle(in EventPayload payload)
    {
        Zone zone = _system.Fleet.Zones[payload.Index];
        switch (payload.Kind)
        {
            case KindZoneFailed:
                Count++;
                _system.Sim.Schedule(payload.Value, this, new EventPayload(KindZoneRestored, zone.Index), ModelPriorities.Lifecycle);
                _system.Fleet.OnZoneFailed(zone, payload.Value);
                break;
            case KindZoneRestored:
                _system.Fleet.OnZoneRestored(zone);
                break;
            default:
                throw new InvalidOperationException($"unknown zone outage event {payload.Kind}");
        }
    }

    private void Schedule(int zone, double at, double duration)
    {
        if (at < _system.Config.Horizon)
        {
            _system.Sim.ScheduleAt(at, this, new EventPayload(KindZoneFailed, zone, 0, duration), ModelPriorities.Lifecycle);
        }
    }
}
