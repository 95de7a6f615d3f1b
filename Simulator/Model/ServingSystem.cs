using System.Collections.Immutable;
using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// One replication of the serving model on its own <see cref="Simulation"/>: traffic sources and
/// their clients, the front end, the fleet of units in zones, the model's lifecycle, the
/// autoscaler, failures and billing. Everything random draws from named streams of
/// <see cref="RandomStreams"/>; counters and ids belong to this instance.
/// </summary>
/// <remarks>Random streams: <c>traffic:NAME</c>, <c>traffic-state:NAME</c>, <c>images:NAME</c>,
/// <c>retry:NAME</c> per source; <c>service</c>, <c>routing</c>, <c>model-start</c>, <c>unit-start</c>,
/// <c>unit-failure:ID</c> per unit, <c>zone-outage:ZONE</c> per zone.</remarks>
public sealed class ServingSystem
{
    private readonly List<TrafficSource> _sources = [];
    private bool _ran;
    private bool _begun;

    /// <summary>Builds the model; nothing runs until <see cref="Run"/>.</summary>
    public ServingSystem(ModelConfig config, RandomStreams streams, IModelObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(streams);
        IReadOnlyList<string> problems = ModelConfigCheck.Problems(config);
        if (problems.Count > 0)
        {
            throw new ArgumentException("the model configuration cannot run: " + string.Join("; ", problems), nameof(config));
        }

        Config = config;
        Streams = streams;
        Observer = observer ?? NullModelObserver.Instance;
        Sim = new Simulation(0, 1024);

        // The image catalog: the scenario's mix, then each source's own mix.
        var catalog = new List<ImageSpec>(config.Images);
        var mixes = new ImageMix[config.Traffic.Length];
        var scenarioMix = new ImageMix(0, config.Images);
        for (int i = 0; i < config.Traffic.Length; i++)
        {
            ImmutableArray<ImageSpec> own = config.Traffic[i].Images;
            if (own.IsDefaultOrEmpty)
            {
                mixes[i] = scenarioMix;
            }
            else
            {
                mixes[i] = new ImageMix(catalog.Count, own);
                catalog.AddRange(own);
            }
        }

        Catalog = catalog;
        ServiceTimes = new ServiceTimeModel(config.Service, config.Images, catalog);
        ServiceStream = streams.Get("service");
        Billing = new BillingMeter(this, config.Billing);
        FrontEnd = new FrontEnd(this, config.Deployment, ServiceTimes.Concurrency, streams.Get("routing"));
        Lifecycle = new ModelLifecycle(this);
        Fleet = new Fleet(this);
        Autoscaler = new Autoscaler(this, config.Autoscaling);
        ZoneOutages = new ZoneOutages(this);

        for (int i = 0; i < config.Traffic.Length; i++)
        {
            TrafficSourceConfig t = config.Traffic[i];
            var client = new Client(this, t.Client ?? config.Client, streams.Get("retry:" + t.Name));
            Clients.Add(client);
            _sources.Add(t switch
            {
                PoissonTraffic p => new PoissonSource(this, i, p, mixes[i], client),
                DailyTraffic d => new DailySource(this, i, d, mixes[i], client),
                StepsTraffic s => new StepsSource(this, i, s, mixes[i], client),
                BurstyTraffic b => new BurstySource(this, i, b, mixes[i], client),
                TraceTraffic tr => new TraceSource(this, i, tr, mixes[i], client),
                ClosedTraffic c => new ClosedSource(this, i, c, mixes[i], client),
                _ => throw new ArgumentException($"unknown traffic pattern {t.GetType().Name}", nameof(config)),
            });
        }
    }

    /// <summary>The configuration.</summary>
    public ModelConfig Config { get; }

    /// <summary>The replication's random streams.</summary>
    public RandomStreams Streams { get; }

    /// <summary>The engine.</summary>
    public Simulation Sim { get; }

    /// <summary>The observer (metrics).</summary>
    public IModelObserver Observer { get; }

    /// <summary>Every image: the scenario's mix, then the sources' own mixes.</summary>
    public IReadOnlyList<ImageSpec> Catalog { get; }

    /// <summary>Service times and rated TPS.</summary>
    public ServiceTimeModel ServiceTimes { get; }

    /// <summary>Levels and integrals of the deployment.</summary>
    public CapacityLedger Ledger { get; } = new();

    /// <summary>Routing and admission.</summary>
    public FrontEnd FrontEnd { get; }

    /// <summary>Units and zones.</summary>
    public Fleet Fleet { get; }

    /// <summary>The model's life and bounds.</summary>
    public ModelLifecycle Lifecycle { get; }

    /// <summary>The autoscaler (inactive unless max &gt; min).</summary>
    public Autoscaler Autoscaler { get; }

    /// <summary>Listed and random zone outages.</summary>
    public ZoneOutages ZoneOutages { get; }

    /// <summary>The bill.</summary>
    public BillingMeter Billing { get; }

    /// <summary>One client population per traffic source.</summary>
    public List<Client> Clients { get; } = [];

    /// <summary>The traffic sources.</summary>
    public IReadOnlyList<TrafficSource> Sources => _sources;

    /// <summary>Services started on a unit that was not serving or while the model was not hosted (always 0).</summary>
    public long ServiceOutsideServingState { get; internal set; }

    /// <summary>Requests still open, counted by a scan of the pool.</summary>
    public long OpenCountedRequests => Requests.CountOpenCounted();

    /// <summary>Request objects ever allocated (the pool's size).</summary>
    public int RequestObjects => Requests.Allocated;

    /// <summary>Call objects ever allocated (the pool's size).</summary>
    public int CallObjects => Calls.Allocated;

    internal RandomStream ServiceStream { get; }

    internal RequestPool Requests { get; } = new();

    internal CallPool Calls { get; } = new();

    /// <summary>Requests still open now (for sampled request rows at the end).</summary>
    public IEnumerable<Request> OpenRequests() => Requests.Open();

    /// <summary>Schedules the initial events: model start, schedule, traffic, autoscaler, outages.</summary>
    public void Begin()
    {
        if (_begun)
        {
            return;
        }

        _begun = true;
        Lifecycle.Begin();
        foreach (TrafficSource s in _sources)
        {
            s.Begin();
        }

        Autoscaler.Begin();
        ZoneOutages.Begin();
    }

    /// <summary>
    /// Runs every event due before <paramref name="until"/> (calling <see cref="Begin"/> first if it was
    /// not) and leaves the clock there; <see cref="Run"/> continues from it. Where a copy of the
    /// replication is taken (<see cref="Engine.StateCopier"/>, <see cref="AddZoneOutage"/>).
    /// </summary>
    public void RunUntil(double until, CancellationToken cancellation = default)
    {
        if (_ran)
        {
            throw new InvalidOperationException("a serving system runs once");
        }

        Begin();
        Sim.Run(Math.Min(until, Config.Horizon), cancellation);
    }

    /// <summary>
    /// Whether objects of <paramref name="type"/> are immutable parts of a configuration that copies of
    /// a running replication share (<see cref="Engine.StateCopier"/>): the configuration records, the
    /// distributions, and the trace sources and cursors (a copy re-opens its cursors, <see cref="AfterCopy"/>).
    /// </summary>
    public static bool SharedInCopies(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type == typeof(ModelConfig) || typeof(TrafficSourceConfig).IsAssignableFrom(type)
            || type == typeof(ServiceConfig) || type == typeof(DeploymentConfig) || type == typeof(AutoscalingConfig)
            || type == typeof(FailuresConfig) || type == typeof(ZoneOutage) || type == typeof(RandomZoneOutages)
            || type == typeof(ClientConfig) || type == typeof(RetryPolicy) || type == typeof(BillingConfig)
            || type == typeof(ScheduleEntry) || type == typeof(Distribution) || type == typeof(ServiceTimeModel)
            || typeof(ITraceSource).IsAssignableFrom(type) || typeof(ITraceCursor).IsAssignableFrom(type);
    }

    /// <summary>
    /// Makes this system, a <see cref="Engine.StateCopier"/> copy of a running one, independent of the
    /// original: each trace replay gets its own cursor at the record the original had reached.
    /// </summary>
    public void AfterCopy()
    {
        foreach (TrafficSource s in _sources)
        {
            if (s is TraceSource trace)
            {
                trace.ReopenAfterCopy();
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="outage"/> to a run stopped by <see cref="RunUntil"/> at or before its start,
    /// as if the configuration had listed it last among the zone outages (the place it takes among
    /// simultaneous events included): the rest of the run is the run of that configuration. Once per run.
    /// </summary>
    public void AddZoneOutage(ZoneOutage outage)
    {
        ArgumentNullException.ThrowIfNull(outage);
        if (_ran || !_begun || Sim.Now > outage.At)
        {
            throw new InvalidOperationException("an outage is added to a run stopped before it begins");
        }

        ZoneOutages.AddListed(outage);
    }

    /// <summary>
    /// Runs to the horizon (calling <see cref="Begin"/> first if it was not), then closes the bill.
    /// A cancellable <paramref name="cancellation"/> is looked at every few thousand events (see
    /// <see cref="Simulation.Run(double, CancellationToken)"/>), so a replication stops soon after
    /// Ctrl+C however dense its traffic; looking runs the same events in the same order as not looking.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled; the system is left mid-run.</exception>
    public void Run(CancellationToken cancellation = default)
    {
        if (_ran)
        {
            throw new InvalidOperationException("a serving system runs once");
        }

        _ran = true;
        Begin();

        Sim.Run(Config.Horizon, cancellation);
        Fleet.CloseBilling();
        foreach (TrafficSource s in _sources)
        {
            s.Close();
        }
    }
}
