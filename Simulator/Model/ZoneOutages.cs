using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// Zone outages: the listed ones, and random ones per zone (exponential times between outages
/// with mean <see cref="RandomZoneOutages.Every"/>, durations from their distribution, drawn from
/// the stream <c>zone-outage:ZONE</c>; a zone's next outage is drawn from the end of the last).
/// Its events are <c>ZoneFailed</c> and <c>ZoneRestored</c>; the fleet does the rest.
/// </summary>
public sealed class ZoneOutages : IEventHandler
{
    private const int KindZoneFailed = 0;
    private const int KindZoneRestored = 1;

    private readonly ServingSystem _system;

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

    /// <inheritdoc />
    public void Handle(in EventPayload payload)
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
