using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// The client population of one traffic source: it makes attempts, waits at most the timeout for
/// each, and retries throttled, server-error and timed-out attempts by its policy (backoff with
/// jitter from the source's retry stream, a shared retry-quota bucket). A request ends when an
/// attempt succeeds, or fails for good when no retry is allowed.
/// </summary>
/// <remarks>
/// Timeouts are a constant delay after each attempt, so their deadlines come in the order the
/// attempts were made: they are kept in a FIFO, and only the earliest deadline still awaited has
/// an event on the calendar. A finished attempt leaves its deadline in the FIFO, to be dropped when
/// the timer reaches it, instead of cancelling an event. Each deadline keeps the sequence number
/// its own event would have had, so timeouts run exactly where per-attempt timeout events would
/// run. The timer's wake-ups at deadlines that were no longer awaited are counted in
/// <see cref="IdleTimerWakeups"/>.
/// </remarks>
public sealed class Client : EventHandlerBase
{
    private const int KindRetry = 0;
    private const int KindThrottled = 1;
    private const int KindTimeout = 2;

    private readonly ServingSystem _system;
    private readonly RetryPolicy _policy;
    private readonly double _timeout;
    private readonly RandomStream _jitter;
    private readonly double _throttleLatency;
    private readonly bool _hasQuota;
    private readonly int _quotaCapacity;
    private readonly int _successRefund;

    private Deadline[] _deadlines = new Deadline[16];
    private int _deadlineHead;
    private int _deadlineCount;
    private bool _timerArmed;

    internal Client(ServingSystem system, ClientConfig config, RandomStream jitterStream)
    {
        _system = system;
        _policy = config.Retry;
        _timeout = config.Timeout;
        _jitter = jitterStream;
        _throttleLatency = system.Config.Deployment.ThrottleLatency;
        QuotaTokens = _policy.QuotaTokens ?? 0;
        _hasQuota = _policy.QuotaTokens is not null;
        _quotaCapacity = QuotaTokens;
        _successRefund = _policy.SuccessRefund;
    }

    /// <summary>Tokens left in the retry quota (meaningless when the policy has no quota).</summary>
    public int QuotaTokens { get; private set; }

    /// <summary>Retries refused because the quota lacked the tokens.</summary>
    public long QuotaRefusals { get; private set; }

    /// <summary>
    /// Events run by the timeout timer at a deadline no longer awaited (the attempt had ended):
    /// not model events, since a timeout per attempt would have been cancelled instead.
    /// </summary>
    public long IdleTimerWakeups { get; private set; }

    /// <summary>Makes the next attempt of <paramref name="request"/> now.</summary>
    internal void Attempt(Request request)
    {
        bool retry = request.Attempts > 0;
        request.Attempts++;
        request.Stamp++;
        _system.Ledger.Attempts++;
        _system.Observer.OnAttempt(request, retry);
        if (!_system.Lifecycle.IsHosted)
        {
            // Not hosted: the call fails at once, and retrying does not help.
            Fail(request);
            return;
        }

        if (_timeout < double.PositiveInfinity)
        {
            Simulation sim = _system.Sim;
            AddDeadline(new Deadline(sim.Now + _timeout, sim.ReserveSequence(), request, request.Stamp));
        }

        _system.FrontEnd.Submit(_system.Calls.Rent(request));
    }

    internal void ScheduleThrottled(Request request) =>
        _system.Sim.Schedule(_throttleLatency, this, new EventPayload(KindThrottled, 0, request.Stamp, 0, request), ModelPriorities.Arrival);

    internal void OnSucceeded(Request request)
    {
        if (_hasQuota)
        {
            QuotaTokens = Math.Min(_quotaCapacity, QuotaTokens + _successRefund);
        }

        double latency = _system.Sim.Now - request.Arrival;
        _system.Observer.OnRequestSucceeded(request, latency);
        End(request, true);
    }

    internal void OnServerError(Request request)
    {
        _system.Observer.OnServerError(request);
        RetryOrFail(request, _policy.RetryCost);
    }

    /// <inheritdoc />
    public override void Handle(in EventPayload payload)
    {
        if (payload.Kind == KindTimeout)
        {
            OnTimer();
            return;
        }

        var request = (Request)payload.Ref!;
        if (request.Stamp != payload.Id)
        {
            return; // an answer for an attempt that is no longer awaited
        }

        switch (payload.Kind)
        {
            case KindRetry:
                Attempt(request);
                break;
            case KindThrottled:
                RetryOrFail(request, _policy.RetryCost);
                break;
            default:
                throw new InvalidOperationException($"unknown client event {payload.Kind}");
        }
    }

    /// <summary>The backoff before attempt n+1 after attempt <paramref name="attempt"/> (from 1), seconds.</summary>
    internal double Backoff(int attempt)
    {
        double d = Math.Min(_policy.Base * Math.Pow(2, attempt - 1), _policy.MaxDelay);
        return _policy.Jitter switch
        {
            Jitter.Full => _jitter.NextUnit() * d,
            Jitter.Equal => (d / 2) + (_jitter.NextUnit() * d / 2),
            _ => d,
        };
    }

    private void RetryOrFail(Request request, int cost)
    {
        request.Stamp++; // whatever was in flight for the last attempt is no longer awaited
        if (request.Attempts >= _policy.MaxAttempts)
        {
            Fail(request);
            return;
        }

        if (_policy.QuotaTokens is not null)
        {
            if (QuotaTokens < cost)
            {
                QuotaRefusals++;
                Fail(request);
                return;
            }

            QuotaTokens -= cost;
        }

        _system.Sim.Schedule(Backoff(request.Attempts), this, new EventPayload(KindRetry, 0, request.Stamp, 0, request), ModelPriorities.Arrival);
    }

    private void Fail(Request request)
    {
        _system.Observer.OnRequestFailed(request);
        End(request, false);
    }

    private void AddDeadline(in Deadline deadline)
    {
        if (_deadlineCount == _deadlines.Length)
        {
            var grown = new Deadline[_deadlines.Length * 2];
            for (int i = 0; i < _deadlineCount; i++)
            {
                grown[i] = _deadlines[(_deadlineHead + i) & (_deadlines.Length - 1)];
            }

            _deadlines = grown;
            _deadlineHead = 0;
        }

        _deadlines[(_deadlineHead + _deadlineCount) & (_deadlines.Length - 1)] = deadline;
        _deadlineCount++;
        if (!_timerArmed)
        {
            ArmTimer();
        }
    }

    private ref Deadline FirstDeadline => ref _deadlines[_deadlineHead];

    private void DropFirstDeadline()
    {
        _deadlines[_deadlineHead] = default;
        _deadlineHead = (_deadlineHead + 1) & (_deadlines.Length - 1);
        _deadlineCount--;
    }

    // Puts the timer on the calendar at the earliest deadline still awaited, dropping the ones
    // before it; leaves it off when none is.
    private void ArmTimer()
    {
        while (_deadlineCount > 0)
        {
            ref Deadline first = ref FirstDeadline;
            if (first.Request.Stamp == first.Stamp)
            {
                _system.Sim.ScheduleReserved(first.Time, first.Sequence, this, new EventPayload(KindTimeout, 0, 0, 0, null), ModelPriorities.Arrival);
                _timerArmed = true;
                return;
            }

            DropFirstDeadline();
        }
    }

    private void OnTimer()
    {
        _timerArmed = false;
        Deadline due = FirstDeadline;
        DropFirstDeadline();
        Request request = due.Request;
        if (request.Stamp == due.Stamp)
        {
            // The client stops waiting; the call stays at its unit and is served for nothing.
            _system.Observer.OnTimeout(request);
            RetryOrFail(request, _policy.TimeoutRetryCost);
        }
        else
        {
            IdleTimerWakeups++;
        }

        if (!_timerArmed)
        {
            ArmTimer();
        }
    }

    private void End(Request request, bool succeeded)
    {
        request.Stamp++;
        BatchJob? job = request.Job;
        _system.Requests.Return(request);
        job?.OnRequestEnded(succeeded);
    }

    private readonly record struct Deadline(double Time, long Sequence, Request Request, long Stamp);
}
