using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// One run of a closed source: its callers each send the next image when their last one ended
/// (succeeded or failed for good) plus think time, until every image is done.
/// </summary>
internal sealed class BatchJob : EventHandlerBase
{
    private readonly ClosedSource _source;
    private readonly long _images;
    private long _sent;
    private long _done;

    public BatchJob(ClosedSource source, long images, double started)
    {
        _source = source;
        _images = images;
        Started = started;
    }

    public double Started { get; }

    public long Succeeded { get; private set; }

    public long Failed { get; private set; }

    public void Start(int clients)
    {
        long n = Math.Min(clients, _images);
        for (long i = 0; i < n; i++)
        {
            _sent++;
            _source.System.Sim.Schedule(0, this, default, ModelPriorities.Arrival);
        }
    }

    public override void Handle(in EventPayload payload)
    {
        _source.Arrive(this);
    }

    public void OnRequestEnded(bool succeeded)
    {
        _done++;
        if (succeeded)
        {
            Succeeded++;
        }
        else
        {
            Failed++;
        }

        if (_done == _images)
        {
            _source.OnJobFinished(this);
        }
        else if (_sent < _images)
        {
            _sent++;
            _source.System.Sim.Schedule(_source.Think, this, default, ModelPriorities.Arrival);
        }
    }
}
