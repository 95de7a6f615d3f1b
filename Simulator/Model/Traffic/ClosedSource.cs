using System.Globalization;
using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// A batch job source: at each start time a <see cref="BatchJob"/> begins with its callers.
/// Jobs whose start times overlap run side by side.
/// </summary>
internal sealed class ClosedSource : TrafficSource
{
    private const int KindStart = 0;
    private readonly ClosedTraffic _config;

    public ClosedSource(ServingSystem system, int index, ClosedTraffic config, ImageMix mix, Client client)
        : base(system, index, config, mix, client)
    {
        if (config.Clients < 1 || config.BatchImages < 1)
        {
            throw new ArgumentException($"closed source '{config.Name}' needs clients ≥ 1 and images ≥ 1", nameof(config));
        }

        _config = config;
    }

    internal double Think => _config.Think;

    internal override void Begin()
    {
        foreach (double at in _config.StartTimes)
        {
            if (at >= System.Sim.Now && at < System.Config.Horizon)
            {
                System.Sim.ScheduleAt(at, this, new EventPayload(KindStart), ModelPriorities.Arrival);
            }
        }
    }

    public override void Handle(in EventPayload payload)
    {
        var job = new BatchJob(this, _config.BatchImages, System.Sim.Now);
        System.Observer.OnModelEvent(System.Sim.Now, "batch_started", -1, -1,
            string.Create(CultureInfo.InvariantCulture, $"source={Name} images={_config.BatchImages} clients={_config.Clients}"));
        job.Start(_config.Clients);
    }

    internal void OnJobFinished(BatchJob job)
    {
        double now = System.Sim.Now;
        System.Observer.OnBatchCompleted(Index, job.Started, now - job.Started);
        System.Observer.OnModelEvent(now, "batch_finished", -1, -1,
            string.Create(CultureInfo.InvariantCulture, $"source={Name} duration_s={now - job.Started:0.###} succeeded={job.Succeeded} failed={job.Failed}"));
    }
}
