using HdrHistogram;
using HdrHistogram.Iteration;
using LookoutSim.Engine;
using LookoutSim.Model;

namespace LookoutSim.Metrics;

/// <summary>
/// Observes one replication of the model: counts for requests arriving after warm-up, the client
/// latency histogram (HdrHistogram in microseconds, 3 significant digits), the time series per
/// interval (counts of every call, warm-up included, in arrays; time-weighted levels from the
/// <see cref="CapacityLedger"/> at each boundary), zone rows, event rows and sampled requests.
/// With <see cref="ModelConfig.MeasureWindows"/>, the requests arriving in those windows (warm-up or
/// not) are also counted on their own with their own latency histogram: the <c>outage_*</c> measures
/// of <see cref="MeasureNames.Outage"/>. Without windows that costs one null check per request.
/// </summary>
public sealed class MetricsCollector : EventHandlerBase, IModelObserver
{
    private const int KindBoundary = 0;
    private const int KindWarmup = 1;

    // Not readonly where they depend on the horizon or the windows: ContinueAs changes them in a copy.
    private readonly int _replication;
    private readonly double _interval;
    private readonly ulong _sampleThreshold;
    private readonly ZoneColumns _zones;
    private readonly List<EventRow> _events = [];
    private readonly List<RequestRow> _requests = [];
    private readonly List<double> _batchDurations = [];
    private ModelConfig _config;
    private int _intervals;
    private long[] _arrivals;
    private long[] _attempts;
    private long[] _succeeded;
    private long[] _throttled;
    private long[] _failed;
    private long[] _timeouts;
    private double[] _roundingExtra;
    private LongHistogram _latency;
    private LongHistogram _intervalLatency;
    private long _highest;
    private TimeSeriesColumns _series;
    private MeasureWindow[]? _windows;
    private LongHistogram? _windowLatency;
    private double _windowsFrom = double.PositiveInfinity; // the earliest window's start
    private double _windowsTo = double.NegativeInfinity;   // the latest window's end
    private ServingSystem? _system;

    private long _arrived, _succ, _fail, _att, _retries, _thr, _tmo, _srvErr, _succAll;
    private double _latencySum, _latencyMax, _waitSum, _serviceSum;
    private long _waitCount, _serviceCount;
    private long _winArrived, _winSucc, _winFail;
    private double _winLatencySum, _winLatencyMax;
    private double _busyAtWarmup, _servingAtWarmup, _readyAtWarmup, _desiredAtWarmup;
    private double _busyMark, _servingMark, _readyMark, _billedMark;
    private int _closed;
    private double _slotFrom = double.NaN; // the current slot's interior: [_slotFrom, _slotTo)
    private double _slotTo = double.NaN;
    private int _slot;

    /// <summary>Creates a collector for one replication of <paramref name="config"/>.</summary>
    public MetricsCollector(ModelConfig config, int replication)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _replication = replication;
        _interval = config.Interval;
        _intervals = Intervals(config);
        _arrivals = new long[_intervals];
        _attempts = new long[_intervals];
        _succeeded = new long[_intervals];
        _throttled = new long[_intervals];
        _failed = new long[_intervals];
        _timeouts = new long[_intervals];
        _roundingExtra = new double[_intervals + 1];
        _series = new TimeSeriesColumns(replication, _interval, _arrivals, _attempts, _succeeded, _throttled, _failed, _timeouts);
        _zones = new ZoneColumns(replication, config.Deployment.Zones, _intervals);
        _highest = Highest(config);
        _latency = new LongHistogram(_highest, 3);
        _intervalLatency = new LongHistogram(_highest, 2);
        if (!config.MeasureWindows.IsDefaultOrEmpty)
        {
            _windows = [.. config.MeasureWindows];
            foreach (MeasureWindow w in _windows)
            {
                _windowsFrom = Math.Min(_windowsFrom, w.From);
                _windowsTo = Math.Max(_windowsTo, w.To);
            }

            _windowLatency = new LongHistogram(_highest, 3);
        }

        double f = Math.Clamp(config.RequestSampleFraction, 0, 1);
        _sampleThreshold = f >= 1 ? ulong.MaxValue : (ulong)(f * 18446744073709551615.0);
    }

    /// <summary>Hooks the collector's boundary events into <paramref name="system"/> (before it runs).</summary>
    public void Attach(ServingSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _series.RatedTpsPerUnit = system.ServiceTimes.RatedTpsPerUnit;
        system.Sim.ScheduleAt(0, this, new EventPayload(KindBoundary), ModelPriorities.Observation);
        if (_config.Warmup > 0 && _config.Warmup < _config.Horizon)
        {
            system.Sim.ScheduleAt(_config.Warmup, this, new EventPayload(KindWarmup), ModelPriorities.Observation);
        }
    }

    /// <summary>
    /// Makes this collector — a <see cref="StateCopier"/> copy of one observing a replication stopped by
    /// <see cref="ServingSystem.RunUntil"/> — the collector of <paramref name="config"/> from now on, as if it
    /// had observed a run of <paramref name="config"/> from the start. <paramref name="config"/> may differ
    /// from the original's only in a horizon no longer than the original's (still ahead), the zone
    /// outages and the measure windows, which must not have begun (the windows' counts start at zero;
    /// the counts before them are the same in both runs). The time series are cut to the new horizon.
    /// </summary>
    public void ContinueAs(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        double now = System.Sim.Now;
        if (config.Interval != _interval || config.Warmup != _config.Warmup || config.Horizon > _config.Horizon || !(now < config.Horizon)
            || (!config.MeasureWindows.IsDefaultOrEmpty && config.MeasureWindows[0].From < now))
        {
            throw new ArgumentException("the configuration cannot continue this collector's run: same interval and warm-up, a horizon ahead and no longer, windows not yet begun", nameof(config));
        }

        _config = config;
        _intervals = Intervals(config);
        Array.Resize(ref _arrivals, _intervals);
        Array.Resize(ref _attempts, _intervals);
        Array.Resize(ref _succeeded, _intervals);
        Array.Resize(ref _throttled, _intervals);
        Array.Resize(ref _failed, _intervals);
        Array.Resize(ref _timeouts, _intervals);
        Array.Resize(ref _roundingExtra, _intervals + 1);
        _series = _series.Resized(_arrivals, _attempts, _succeeded, _throttled, _failed, _timeouts);
        _highest = Highest(config);
        _latency = Rebuilt(_latency, _highest);
        _intervalLatency = Rebuilt(_intervalLatency, _highest);
        _windows = config.MeasureWindows.IsDefaultOrEmpty ? null : [.. config.MeasureWindows];
        _windowLatency = _windows is null ? null : new LongHistogram(_highest, 3);
        (_windowsFrom, _windowsTo) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (MeasureWindow w in _windows ?? [])
        {
            _windowsFrom = Math.Min(_windowsFrom, w.From);
            _windowsTo = Math.Max(_windowsTo, w.To);
        }

        (_winArrived, _winSucc, _winFail, _winLatencySum, _winLatencyMax) = (0, 0, 0, 0, 0);
        (_slotFrom, _slotTo) = (double.NaN, double.NaN); // the interval slots are rebuilt at the next instant
    }

    /// <summary>The same recorded values in a histogram over [1, <paramref name="highest"/>].</summary>
    private static LongHistogram Rebuilt(LongHistogram from, long highest)
    {
        var to = new LongHistogram(highest, from.NumberOfSignificantValueDigits);
        foreach (HistogramIterationValue v in from.RecordedValues())
        {
            to.RecordValueWithCount(v.ValueIteratedTo, v.CountAtValueIteratedTo);
        }

        return to;
    }

    private static int Intervals(ModelConfig config) => (int)Math.Ceiling((config.Horizon / config.Interval) - 1e-9);

    private static long Highest(ModelConfig config) => Math.Max(3_600_000_000L, (long)(config.Horizon * 2e6));

    private ServingSystem System => _system ?? throw new InvalidOperationException("the collector is not attached");

    private int Slot(double t)
    {
        // Every hook asks for the slot of its instant, and time only moves forward: inside the
        // current slot, away from its edges, the answer is the last one without a division. Near
        // an edge (within a relative 10⁻⁹, far above the division's rounding error) it is computed.
        if (t >= _slotFrom && t < _slotTo)
        {
            return _slot;
        }

        int i = (int)(t / _interval);
        if (i < _intervals)
        {
            _slot = i;
            double end = (i + 1) * _interval;
            double margin = end * 1e-9;
            _slotFrom = (i * _interval) + margin;
            _slotTo = end - margin;
        }
        else
        {
            _slot = _intervals - 1;
            _slotFrom = double.NaN;
            _slotTo = double.NaN;
        }

        return _slot;
    }

    /// <inheritdoc />
    public void OnRequestArrived(Request request)
    {
        _arrivals[Slot(request.Arrival)]++;
        if (request.Counted)
        {
            _arrived++;
        }

        if (_windows is not null && InWindow(request.Arrival))
        {
            _winArrived++;
        }
    }

    /// <inheritdoc />
    public void OnAttempt(Request request, bool retry)
    {
        _attempts[Slot(System.Sim.Now)]++;
        if (request.Counted)
        {
            _att++;
            if (retry)
            {
                _retries++;
            }
        }
    }

    /// <inheritdoc />
    public void OnThrottled(Request request)
    {
        _throttled[Slot(System.Sim.Now)]++;
        if (request.Counted)
        {
            _thr++;
        }
    }

    /// <inheritdoc />
    public void OnTimeout(Request request)
    {
        _timeouts[Slot(System.Sim.Now)]++;
        if (request.Counted)
        {
            _tmo++;
        }
    }

    /// <inheritdoc />
    public void OnServerError(Request request)
    {
        if (request.Counted)
        {
            _srvErr++;
        }
    }

    /// <inheritdoc />
    public void OnServiceStarted(Call call, double wait)
    {
        if (call.Counted)
        {
            _waitSum += wait;
            _waitCount++;
        }
    }

    /// <inheritdoc />
    public void OnServiceCompleted(Call call, double service)
    {
        if (call.Counted)
        {
            _serviceSum += service;
            _serviceCount++;
        }
    }

    /// <inheritdoc />
    public void OnRequestSucceeded(Request request, double latency)
    {
        double now = System.Sim.Now;
        _succeeded[Slot(now)]++;
        _succAll++;
        long micros = Math.Clamp((long)Math.Round(latency * 1e6), 0, _highest);
        _intervalLatency.RecordValue(micros);
        if (request.Counted)
        {
            _succ++;
            _latencySum += latency;
            _latencyMax = Math.Max(_latencyMax, latency);
            _latency.RecordValue(micros);
        }

        if (_windows is not null && InWindow(request.Arrival))
        {
            _winSucc++;
            _winLatencySum += latency;
            _winLatencyMax = Math.Max(_winLatencyMax, latency);
            _windowLatency!.RecordValue(micros);
        }

        if (Sampled(request))
        {
            AddRequestRow(request, now, "succeeded", latency);
        }
    }

    /// <inheritdoc />
    public void OnRequestFailed(Request request)
    {
        double now = System.Sim.Now;
        _failed[Slot(now)]++;
        if (request.Counted)
        {
            _fail++;
        }

        if (_windows is not null && InWindow(request.Arrival))
        {
            _winFail++;
        }

        if (Sampled(request))
        {
            AddRequestRow(request, now, "failed", double.NaN);
        }
    }

    /// <inheritdoc />
    public void OnModelEvent(double time, string kind, int zone, int unit, string detail) =>
        _events.Add(new EventRow
        {
            Replication = _replication,
            TimeS = time,
            Kind = kind,
            Zone = zone >= 0 ? _config.Deployment.Zones[zone] : "",
            Unit = unit,
            Detail = detail,
        });

    /// <inheritdoc />
    public void OnBatchCompleted(int source, double started, double duration) => _batchDurations.Add(duration);

    /// <inheritdoc />
    public void OnBillingRounded(double extraSeconds)
    {
        int i = (int)(System.Sim.Now / _interval);
        _roundingExtra[Math.Min(i, _intervals)] += extraSeconds;
    }

    /// <inheritdoc />
    public override void Handle(in EventPayload payload)
    {
        double now = System.Sim.Now;
        CapacityLedger ledger = System.Ledger;
        if (payload.Kind == KindWarmup)
        {
            _busyAtWarmup = ledger.BusySlotSeconds(now);
            _servingAtWarmup = ledger.ServingSlotSeconds(now);
            _readyAtWarmup = ledger.ReadyUnitSeconds(now);
            _desiredAtWarmup = ledger.DesiredUnitSeconds(now);
            return;
        }

        if (now > 0)
        {
            CloseInterval(now);
        }

        AddZoneRows(now);
        double next = (_closed + 1) * _interval;
        if (next < _config.Horizon)
        {
            System.Sim.ScheduleAt(next, this, new EventPayload(KindBoundary), ModelPriorities.Observation);
        }
    }

    /// <summary>Closes the last interval at the horizon and builds the result (after the model ran).</summary>
    public ReplicationResult Finish(double wallSeconds)
    {
        ServingSystem s = System;
        double h = _config.Horizon;
        while (_closed < _intervals)
        {
            CloseInterval(Math.Min(h, (_closed + 1) * _interval));
        }

        foreach (Request r in s.OpenRequests())
        {
            if (Sampled(r))
            {
                AddRequestRow(r, double.NaN, "in_flight", double.NaN);
            }
        }

        CapacityLedger ledger = s.Ledger;
        long inFlight = s.OpenCountedRequests;
        double span = h - Math.Min(_config.Warmup, h);
        double busy = ledger.BusySlotSeconds(h) - _busyAtWarmup;
        double serving = ledger.ServingSlotSeconds(h) - _servingAtWarmup;
        double ended = _arrived - inFlight;
        double cost = s.Billing.Cost;
        double p(double q) => _latency.TotalCount > 0 ? _latency.GetValueAtPercentile(q) / 1e6 : double.NaN;

        var m = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [Measure.RequestsArrived.Name] = _arrived,
            [Measure.RequestsSucceeded.Name] = _succ,
            [Measure.RequestsFailed.Name] = _fail,
            [Measure.RequestsInFlightAtEnd.Name] = inFlight,
            [Measure.Attempts.Name] = _att,
            [Measure.Retries.Name] = _retries,
            [Measure.ThrottledAttempts.Name] = _thr,
            [Measure.Timeouts.Name] = _tmo,
            [Measure.ServerErrors.Name] = _srvErr,
            [Measure.Availability.Name] = ended > 0 ? _succ / ended : double.NaN,
            [Measure.FailedRate.Name] = ended > 0 ? _fail / ended : double.NaN,
            [Measure.ThrottleRate.Name] = _att > 0 ? (double)_thr / _att : double.NaN,
            [Measure.LatencyMeanS.Name] = _succ > 0 ? _latencySum / _succ : double.NaN,
            [Measure.LatencyP50S.Name] = p(50),
            [Measure.LatencyP90S.Name] = p(90),
            [Measure.LatencyP99S.Name] = p(99),
            [Measure.LatencyP999S.Name] = p(99.9),
            [Measure.LatencyMaxS.Name] = _succ > 0 ? _latencyMax : double.NaN,
            [Measure.WaitMeanS.Name] = _waitCount > 0 ? _waitSum / _waitCount : double.NaN,
            [Measure.ServiceMeanS.Name] = _serviceCount > 0 ? _serviceSum / _serviceCount : double.NaN,
            [Measure.Utilization.Name] = serving > 0 ? busy / serving : double.NaN,
            [Measure.UnitsReadyMean.Name] = span > 0 ? (ledger.ReadyUnitSeconds(h) - _readyAtWarmup) / span : double.NaN,
            [Measure.UnitsDesiredMean.Name] = span > 0 ? (ledger.DesiredUnitSeconds(h) - _desiredAtWarmup) / span : double.NaN,
            [Measure.UnitHours.Name] = s.Billing.BilledUnitSeconds / 3600,
            [Measure.Cost.Name] = cost,
            [Measure.CostPer1000Images.Name] = _succAll > 0 ? cost / _succAll * 1000 : double.NaN,
            [Measure.RatedTpsPerUnit.Name] = s.ServiceTimes.RatedTpsPerUnit,
            [Measure.BatchCompletionS.Name] = _batchDurations.Count > 0 ? _batchDurations.Average() : double.NaN,
            [Measure.Events.Name] = ModelEvents(s),
            [Measure.WallS.Name] = wallSeconds,
        };
        if (_windows is not null)
        {
            AddWindowMeasures(m);
        }

        return new ReplicationResult
        {
            Replication = _replication,
            Measures = m,
            LatencyMicros = _latency,
            TimeSeries = _series,
            Zones = _zones,
            Events = _events,
            Requests = _requests,
            Diagnostics = new ReplicationDiagnostics
            {
                Arrived = _arrived,
                Succeeded = _succ,
                Failed = _fail,
                InFlightAtEnd = inFlight,
                Attempts = _att,
                FirstAttempts = _arrived,
                Retries = _retries,
                BusySlotSeconds = ledger.BusySlotSeconds(h),
                ServingSlotSeconds = ledger.ServingSlotSeconds(h),
                BilledIntegral = ledger.BilledUnitSeconds(h),
                BilledRawUnitSeconds = s.Billing.RawUnitSeconds,
                BilledRoundedUnitSeconds = s.Billing.BilledUnitSeconds,
                BillingSpans = s.Billing.Spans,
                Granularity = _config.Billing.Granularity,
                ServiceOutsideServingState = s.ServiceOutsideServingState,
                RequestObjects = s.RequestObjects,
                CallObjects = s.CallObjects,
                UnitFailures = s.Fleet.UnitFailures,
                ScaleOuts = s.Autoscaler.ScaleOuts,
                ScaleIns = s.Autoscaler.ScaleIns,
                QuotaRefusals = s.Clients.Sum(c => c.QuotaRefusals),
                ModelStarts = s.Lifecycle.Starts,
                SucceededAllHorizon = _succAll,
            },
        };
    }

    // Events of the model: the clients' timeout timers also wake at deadlines no longer awaited,
    // where one timeout event per attempt would have been cancelled; those wake-ups are not counted.
    private static double ModelEvents(ServingSystem s)
    {
        long events = s.Sim.EventsProcessed;
        foreach (Client client in s.Clients)
        {
            events -= client.IdleTimerWakeups;
        }

        return events;
    }

    private bool InWindow(double arrival)
    {
        if (arrival < _windowsFrom || arrival >= _windowsTo)
        {
            return false; // outside every window: most requests
        }

        foreach (MeasureWindow w in _windows!)
        {
            if (arrival < w.From)
            {
                return false;
            }

            if (arrival < w.To)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>outage_*</c> measures: as the whole-run ones, over the requests arriving in the windows.</summary>
    private void AddWindowMeasures(Dictionary<string, double> m)
    {
        double ended = _winSucc + _winFail;
        LongHistogram h = _windowLatency!;
        double p(double q) => h.TotalCount > 0 ? h.GetValueAtPercentile(q) / 1e6 : double.NaN;
        m[MeasureNames.OutagePrefix + "window_s"] = _windows!.Sum(w => w.Length);
        m[MeasureNames.OutagePrefix + "requests_arrived"] = _winArrived;
        m[MeasureNames.OutagePrefix + "requests_succeeded"] = _winSucc;
        m[MeasureNames.OutagePrefix + "requests_failed"] = _winFail;
        m[MeasureNames.OutagePrefix + "availability"] = ended > 0 ? _winSucc / ended : double.NaN;
        m[MeasureNames.OutagePrefix + "failed_rate"] = ended > 0 ? _winFail / ended : double.NaN;
        m[MeasureNames.OutagePrefix + "latency_mean_s"] = _winSucc > 0 ? _winLatencySum / _winSucc : double.NaN;
        m[MeasureNames.OutagePrefix + "latency_p50_s"] = p(50);
        m[MeasureNames.OutagePrefix + "latency_p90_s"] = p(90);
        m[MeasureNames.OutagePrefix + "latency_p99_s"] = p(99);
        m[MeasureNames.OutagePrefix + "latency_p999_s"] = p(99.9);
        m[MeasureNames.OutagePrefix + "latency_max_s"] = _winSucc > 0 ? _winLatencyMax : double.NaN;
    }

    private void CloseInterval(double now)
    {
        int k = _closed++;
        double start = k * _interval;
        double length = now - start;
        CapacityLedger ledger = System.Ledger;
        double ready = ledger.ReadyUnitSeconds(now);
        double busy = ledger.BusySlotSeconds(now);
        double serving = ledger.ServingSlotSeconds(now);
        double billed = ledger.BilledUnitSeconds(now);
        double readyAvg = length > 0 ? (ready - _readyMark) / length : 0;
        double servingDiff = serving - _servingMark;
        double extra = _roundingExtra[k] + (k == _intervals - 1 ? _roundingExtra[_intervals] : 0);
        bool any = _intervalLatency.TotalCount > 0;
        _series.Close(
            ledger.DesiredUnits,
            readyAvg,
            servingDiff > 0 ? (busy - _busyMark) / servingDiff : 0,
            any ? _intervalLatency.GetValueAtPercentile(50) / 1e6 : double.NaN,
            any ? _intervalLatency.GetValueAtPercentile(99) / 1e6 : double.NaN,
            (billed - _billedMark + extra) / 3600 * _config.Billing.PricePerUnitHour);
        _intervalLatency.Reset();
        _readyMark = ready;
        _busyMark = busy;
        _servingMark = serving;
        _billedMark = billed;
    }

    private void AddZoneRows(double now)
    {
        _zones.AddBoundary(now);
        foreach (Zone z in System.Fleet.Zones)
        {
            _zones.Set(z.Index, z.Up, z.Ready, z.Provisioning);
        }
    }

    private bool Sampled(Request r) =>
        _sampleThreshold != 0 && SplitMix64.Mix((ulong)r.Id ^ 0x7265717565737473UL) <= _sampleThreshold;

    private void AddRequestRow(Request r, double end, string outcome, double latency) =>
        _requests.Add(new RequestRow
        {
            Replication = _replication,
            Request = r.Id,
            Source = _config.Traffic[r.Source].Name,
            ArrivalS = r.Arrival,
            EndS = end,
            Outcome = outcome,
            Attempts = r.Attempts,
            Image = r.Image,
            LatencyS = latency,
            Zone = r.LastZone >= 0 ? _config.Deployment.Zones[r.LastZone] : "",
        });
}
