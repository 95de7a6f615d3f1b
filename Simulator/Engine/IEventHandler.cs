namespace LookoutSim.Engine;

/// <summary>
/// What runs when an event comes due. Handlers are long-lived objects (a unit, a traffic source,
/// the autoscaler) reused for every event they schedule, so that no delegate or event object is
/// allocated per event.
/// </summary>
public interface IEventHandler
{
    /// <summary>Handles one event; <see cref="Simulation.Now"/> is the event's time.</summary>
    /// <param name="payload">The payload given when the event was scheduled.</param>
    void Handle(in EventPayload payload);
}
