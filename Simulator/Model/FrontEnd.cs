using System.Runtime.InteropServices;
using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// Takes every attempt, admits or throttles it and routes it to a ready unit (or the shared queue).
/// Keeps the list of ready units; draining, provisioning and lost units are never chosen.
/// </summary>
public sealed class FrontEnd
{
    private readonly ServingSystem _system;
    private readonly RoutingPolicy _routing;
    private readonly AdmissionPolicy _admission;
    private readonly int _queuePerUnit;
    private readonly int _concurrency;
    private readonly RandomStream _rng;
    private readonly List<Unit> _ready = [];
    private readonly CallQueue _shared = new();
    private readonly double _burst;
    private int _roundRobin;
    private int[] _ties = new int[16];
    private double _tokens;
    private double _tokensAt;

    internal FrontEnd(ServingSystem system, DeploymentConfig deployment, int concurrency, RandomStream routingStream)
    {
        _system = system;
        _routing = deployment.Routing;
        _admission = deployment.Admission;
        _queuePerUnit = deployment.QueuePerUnit;
        _concurrency = concurrency;
        _rng = routingStream;
        _burst = deployment.Burst;
    }

    /// <summary>Ready units now.</summary>
    public int ReadyCount => _ready.Count;

    /// <summary>Calls waiting in the shared queue.</summary>
    public int SharedQueueLength => _shared.Count;

    private double TokenRate => _ready.Count * _system.ServiceTimes.RatedTpsPerUnit;

    internal void AddReady(Unit unit)
    {
        RefillTokens();
        unit.ReadyIndex = _ready.Count;
        _ready.Add(unit);
        if (_ready.Count == 1)
        {
            _tokens = Math.Max(_tokens, TokenCapacity()); // a bucket starts full
        }
    }

    internal void RemoveReady(Unit unit)
    {
        RefillTokens();
        int i = unit.ReadyIndex;
        int last = _ready.Count - 1;
        _ready[i] = _ready[last];
        _ready[i].ReadyIndex = i;
        _ready.RemoveAt(last);
        unit.ReadyIndex = -1;
        _tokens = Math.Min(_tokens, TokenCapacity());

        // With no unit left to serve it, the shared queue fails like a lost unit's queue.
        if (_ready.Count == 0)
        {
            FailShared();
        }
    }

    /// <summary>Admits and routes one attempt; a refused call is handed back to its client as throttled.</summary>
    internal void Submit(Call call)
    {
        if (_ready.Count == 0 || !Admit())
        {
            Throttle(call);
            return;
        }

        if (_routing == RoutingPolicy.SharedQueue)
        {
            SubmitShared(call);
            return;
        }

        Unit unit = Choose();
        if (_admission == AdmissionPolicy.Queue && unit.Outstanding >= _concurrency + _queuePerUnit)
        {
            Throttle(call);
            return;
        }

        call.Request.LastZone = unit.Zone;
        unit.Accept(call);
    }

    internal bool TryTakeShared(out Call call)
    {
        if (_shared.Count > 0)
        {
            call = _shared.Dequeue();
            return true;
        }

        call = null!;
        return false;
    }

    private void SubmitShared(Call call)
    {
        call.Admitted = _system.Sim.Now;
        Unit? free = null;
        foreach (Unit u in _ready)
        {
            if (u.HasFreeSlot && (free == null || u.InService < free.InService || (u.InService == free.InService && u.Id < free.Id)))
            {
                free = u;
            }
        }

        if (free != null)
        {
            call.Request.LastZone = free.Zone;
            free.StartService(call);
            return;
        }

        if (_admission == AdmissionPolicy.Queue && _shared.Count >= _queuePerUnit * _ready.Count)
        {
            Throttle(call);
            return;
        }

        _shared.Enqueue(call);
    }

    private Unit Choose()
    {
        int n = _ready.Count;
        switch (_routing)
        {
            case RoutingPolicy.RoundRobin:
                _roundRobin = (_roundRobin + 1) % n;
                return _ready[_roundRobin];
            case RoutingPolicy.Random:
                return _ready[_rng.NextIndex(n)];
            case RoutingPolicy.PowerOfTwo:
                {
                    if (n == 1)
                    {
                        return _ready[0];
                    }

                    int a = _rng.NextIndex(n);
                    int b = _rng.NextIndex(n - 1);
                    if (b >= a)
                    {
                        b++;
                    }

                    return _ready[b].Outstanding < _ready[a].Outstanding ? _ready[b] : _ready[a];
                }

            default:
                {
                    // The least outstanding; ties broken by one seeded draw among the tied units.
                    if (_ties.Length < n)
                    {
                        _ties = new int[Math.Max(n, _ties.Length * 2)];
                    }

                    ReadOnlySpan<Unit> ready = CollectionsMarshal.AsSpan(_ready);
                    int[] tied = _ties;
                    int least = int.MaxValue;
                    int ties = 0;
                    for (int i = 0; i < ready.Length; i++)
                    {
                        int o = ready[i].Outstanding;
                        if (o < least)
                        {
                            least = o;
                            ties = 0;
                        }

                        if (o == least)
                        {
                            tied[ties++] = i;
                        }
                    }

                    return ready[tied[ties == 1 ? 0 : _rng.NextIndex(ties)]];
                }
        }
    }

    private bool Admit()
    {
        if (_admission != AdmissionPolicy.RateLimit)
        {
            return true;
        }

        RefillTokens();
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return true;
        }

        return false;
    }

    private double TokenCapacity() => Math.Max(1, _burst * TokenRate);

    private void RefillTokens()
    {
        double now = _system.Sim.Now;
        _tokens = Math.Min(TokenCapacity(), _tokens + (TokenRate * (now - _tokensAt)));
        _tokensAt = now;
    }

    private void Throttle(Call call)
    {
        Request request = call.Request;
        _system.Calls.Return(call);
        _system.Ledger.Throttled++;
        _system.Observer.OnThrottled(request);
        request.Client.ScheduleThrottled(request);
    }

    private void FailShared()
    {
        while (_shared.Count > 0)
        {
            Call call = _shared.Dequeue();
            Request request = call.Request;
            bool delivered = call.Stamp == request.Stamp;
            _system.Calls.Return(call);
            if (delivered)
            {
                request.Client.OnServerError(request);
            }
        }
    }
}
