using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// A traffic source at run time: it is the handler of its own arrival events and draws from its
/// own streams (<c>traffic:NAME</c> for times, <c>images:NAME</c> for images), so adding a source
/// leaves every other source's sample path unchanged.
/// </summary>
public abstract class TrafficSource : EventHandlerBase
{
    private readonly ImageMix _mix;
    private readonly RandomStream _images;

    internal TrafficSource(ServingSystem system, int index, TrafficSourceConfig config, ImageMix mix, Client client)
    {
        System = system;
        Index = index;
        Name = config.Name;
        _mix = mix;
        Client = client;
        _images = system.Streams.Get("images:" + config.Name);
        Arrivals = system.Streams.Get("traffic:" + config.Name);
    }

    /// <summary>Index in <see cref="ModelConfig.Traffic"/>.</summary>
    public int Index { get; }

    /// <summary>Source name.</summary>
    public string Name { get; }

    internal Client Client { get; }

    internal ServingSystem System { get; }

    /// <summary>The stream of arrival times.</summary>
    internal RandomStream Arrivals { get; }

    /// <summary>Schedules the first arrival.</summary>
    internal abstract void Begin();

    /// <inheritdoc />
    public abstract override void Handle(in EventPayload payload);

    /// <summary>Releases anything held open (a trace cursor).</summary>
    internal virtual void Close()
    {
    }

    /// <summary>A new request's first attempt, now.</summary>
    internal Request Arrive(BatchJob? job = null)
    {
        Request r = System.Requests.Rent();
        r.Source = Index;
        r.Image = _mix.Draw(_images);
        r.Arrival = System.Sim.Now;
        r.Counted = r.Arrival >= System.Config.Warmup;
        if (r.Client != Client)
        {
            r.Client = Client; // a reference store costs a GC write barrier: skipped when the pooled request already has it
        }

        r.Job = job;
        System.Observer.OnRequestArrived(r);
        Client.Attempt(r);
        return r;
    }

    /// <summary>Schedules this source's next arrival at <paramref name="time"/> if it is inside the horizon.</summary>
    protected void ScheduleArrival(double time, int kind = 0)
    {
        if (time < System.Config.Horizon)
        {
            System.Sim.ScheduleAt(time, this, new EventPayload(kind), ModelPriorities.Arrival);
        }
    }
}
