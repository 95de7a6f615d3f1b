using LookoutSim.Engine;

namespace LookoutSim.Experiments.Bench;

/// <summary>
/// An M/G/c/K FIFO queue written on the engine the way the model uses it: customers are pooled
/// objects carried in <see cref="EventPayload.Ref"/>, arrivals and departures are two long-lived
/// handlers, and nothing is allocated per customer once the pool and queue have grown.
/// It serves <c>lookoutsim bench kernel</c> and the engine's checks against queueing theory.
/// </summary>
public sealed class QueueKernel
{
    private readonly Simulation _sim;
    private readonly RandomStream _arrivalRng;
    private readonly RandomStream _serviceRng;
    private readonly double _meanInterarrival;
    private readonly Distribution _service;
    private readonly int _servers;
    private readonly int _capacity;
    private readonly long _customers;
    private readonly Stack<Customer> _pool = new();
    private readonly Queue<Customer> _waiting = new();
    private readonly ArrivalHandler _arrival;
    private readonly DepartureHandler _departure;
    private int _busy;
    private long _arrived;

    /// <summary>Creates the queue; call <see cref="Run"/> to simulate.</summary>
    /// <param name="arrivalRate">Poisson arrival rate λ, per second.</param>
    /// <param name="service">Service-time distribution.</param>
    /// <param name="servers">Servers c.</param>
    /// <param name="capacity">Most customers in the system (K ≥ c), or <see cref="int.MaxValue"/> for none.</param>
    /// <param name="customers">Arrivals to simulate.</param>
    /// <param name="streams">Where the "arrivals" and "service" streams come from.</param>
    public QueueKernel(double arrivalRate, Distribution service, int servers, int capacity, long customers, RandomStreams streams)
    {
        _sim = new Simulation();
        _arrivalRng = streams.Get("arrivals");
        _serviceRng = streams.Get("service");
        _meanInterarrival = 1 / arrivalRate;
        _service = service;
        _servers = servers;
        _capacity = capacity;
        _customers = customers;
        _arrival = new ArrivalHandler(this);
        _departure = new DepartureHandler(this);
    }

    /// <summary>Customers that entered the system (not blocked).</summary>
    public long Admitted { get; private set; }

    /// <summary>Customers turned away because K were in the system.</summary>
    public long Blocked { get; private set; }

    /// <summary>Customers whose service ended.</summary>
    public long Served { get; private set; }

    /// <summary>Sum of waits in queue of admitted customers that started service, seconds.</summary>
    public double TotalWait { get; private set; }

    /// <summary>Customers that started service.</summary>
    public long Started { get; private set; }

    /// <summary>Mean wait in queue, seconds.</summary>
    public double MeanWait => Started > 0 ? TotalWait / Started : double.NaN;

    /// <summary>Share of arrivals blocked.</summary>
    public double BlockingProbability => _arrived > 0 ? (double)Blocked / _arrived : double.NaN;

    /// <summary>Events the engine ran.</summary>
    public long Events => _sim.EventsProcessed;

    /// <summary>Simulates every arrival and runs until the system is empty.</summary>
    public void Run()
    {
        _sim.Schedule(_arrivalRng.NextExponential(_meanInterarrival), _arrival);
        _sim.Run();
    }

    private void OnArrival()
    {
        _arrived++;
        if (_arrived < _customers)
        {
            _sim.Schedule(_arrivalRng.NextExponential(_meanInterarrival), _arrival);
        }

        if (_busy + _waiting.Count >= _capacity)
        {
            Blocked++;
            return;
        }

        Admitted++;
        Customer c = _pool.Count > 0 ? _pool.Pop() : new Customer();
        c.ArrivedAt = _sim.Now;
        if (_busy < _servers)
        {
            StartService(c);
        }
        else
        {
            _waiting.Enqueue(c);
        }
    }

    private void StartService(Customer c)
    {
        _busy++;
        Started++;
        TotalWait += _sim.Now - c.ArrivedAt;
        _sim.Schedule(_service.Sample(_serviceRng), _departure, new EventPayload(Ref: c), EventPriority.High);
    }

    private void OnDeparture(Customer c)
    {
        _busy--;
        Served++;
        _pool.Push(c);
        if (_waiting.Count > 0)
        {
            StartService(_waiting.Dequeue());
        }
    }

    private sealed class Customer
    {
        public double ArrivedAt;
    }

    private sealed class ArrivalHandler(QueueKernel queue) : EventHandlerBase
    {
        public override void Handle(in EventPayload payload) => queue.OnArrival();
    }

    private sealed class DepartureHandler(QueueKernel queue) : EventHandlerBase
    {
        public override void Handle(in EventPayload payload) => queue.OnDeparture((Customer)payload.Ref!);
    }
}
