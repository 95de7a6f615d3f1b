using LookoutSim.Engine;

namespace LookoutSim.Experiments.Bench;

/// <summary>
/// M/M/c on the engine doing exactly the per-customer work of <see cref="BareLoop"/> — a queue of
/// arrival times, exponential draws straight from the streams, the same counters — so that against
/// the bare loop only the event machinery differs: <see cref="Simulation"/> with its two long-lived
/// handlers and calendar instead of a hand-written <see cref="PriorityQueue{TElement,TPriority}"/>.
/// The figure <c>lookoutsim bench kernel</c> judges. Events run in the bare loop's order (time,
/// then the order scheduled; one priority for both kinds), so the same seed gives the same waits.
/// </summary>
public sealed class EngineMmc
{
    private readonly Simulation _sim = new(capacity: 64);
    private readonly RandomStream _arrivals;
    private readonly RandomStream _service;
    private readonly double _meanGap;
    private readonly double _meanService;
    private readonly int _servers;
    private readonly long _customers;
    private readonly Queue<double> _waiting = new();
    private readonly ArrivalHandler _arrival;
    private readonly DepartureHandler _departure;
    private long _arrived;
    private long _started;
    private int _busy;
    private double _totalWait;

    private EngineMmc(double arrivalRate, double serviceRate, int servers, long customers, RandomStreams streams)
    {
        _arrivals = streams.Get("arrivals");
        _service = streams.Get("service");
        _meanGap = 1 / arrivalRate;
        _meanService = 1 / serviceRate;
        _servers = servers;
        _customers = customers;
        _arrival = new ArrivalHandler(this);
        _departure = new DepartureHandler(this);
    }

    /// <summary>
    /// Runs <paramref name="customers"/> arrivals of M/M/c on the engine; returns the mean wait in
    /// queue, seconds, as <see cref="BareLoop.MmcMeanWait"/> does for the same arguments.
    /// </summary>
    /// <param name="arrivalRate">λ, per second.</param>
    /// <param name="serviceRate">μ, per second.</param>
    /// <param name="servers">c.</param>
    /// <param name="customers">Arrivals to simulate.</param>
    /// <param name="streams">Where the "arrivals" and "service" streams come from.</param>
    /// <param name="events">Events the engine ran.</param>
    public static double MmcMeanWait(double arrivalRate, double serviceRate, int servers, long customers, RandomStreams streams, out long events)
    {
        var q = new EngineMmc(arrivalRate, serviceRate, servers, customers, streams);
        q._sim.Schedule(q._arrivals.NextExponential(q._meanGap), q._arrival);
        q._sim.Run();
        events = q._sim.EventsProcessed;
        return q._totalWait / q._started;
    }

    private void OnArrival()
    {
        _arrived++;
        if (_arrived < _customers)
        {
            _sim.Schedule(_arrivals.NextExponential(_meanGap), _arrival);
        }

        if (_busy < _servers)
        {
            _busy++;
            _started++;
            _sim.Schedule(_service.NextExponential(_meanService), _departure);
        }
        else
        {
            _waiting.Enqueue(_sim.Now);
        }
    }

    private void OnDeparture()
    {
        if (_waiting.Count > 0)
        {
            _started++;
            _totalWait += _sim.Now - _waiting.Dequeue();
            _sim.Schedule(_service.NextExponential(_meanService), _departure);
        }
        else
        {
            _busy--;
        }
    }

    private sealed class ArrivalHandler(EngineMmc queue) : EventHandlerBase
    {
        public override void Handle(in EventPayload payload) => queue.OnArrival();
    }

    private sealed class DepartureHandler(EngineMmc queue) : EventHandlerBase
    {
        public override void Handle(in EventPayload payload) => queue.OnDeparture();
    }
}
