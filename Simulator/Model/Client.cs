using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// The client population of one traffic source: it makes attempts, waits at most the timeout for
/// each, and retries throttled, server-error and timed-out attempts by its policy (backoff with
/// jitter from the source's retry stream, a shared retry-quota bucket). A request ends when an
/// attempt succeeds, or fails for good when no retry is allowed.
/// </summary>
public sealed class Client : IEventHandler
{
    private const int KindRetry = 0;
    private const int KindThrottled = 1;
    private const int KindTimeout = 2;

    private readonly ServingSystem _system;
    private readonly RetryPolicy _policy;
    private readonly double _timeout;
    private readonly RandomStream _jitter;
    private readonly double _throttleLatency;

    internal Client(ServingSystem system, ClientConfig config, RandomStream jitterStream)
    {
        _system = system;
        _policy = config.Retry;
        _timeout = config.Timeout;
        _jitter = jitterStream;
        _throttleLatency = system.Config.Deployment.ThrottleLatency;
        QuotaTokens = _policy.QuotaTokens ?? 0;
    }

    /// <summary>Tokens left in the retry quota (meaningless when the policy has no quota).</summary>
    public int QuotaTokens { get; private set; }

    /// <summary>Retries refused because the quota lacked the tokens.</summary>
    public long QuotaRefusals { get; private set; }

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
            request.TimeoutHandle = _system.Sim.Schedule(_timeout, this, new EventPayload(KindTimeout, 0, request.Stamp, 0, request), ModelPriorities.Arrival);
        }

        Call call = _system.Calls.Rent(request);
        request.Current = call;
        _system.FrontEnd.Submit(call);
    }

    internal void ScheduleThrottled(Request request) =>
        _system.Sim.Schedule(_throttleLatency, this, new EventPayload(KindThrottled, 0, request.Stamp, 0, request), ModelPriorities.Arrival);

    internal void OnSucceeded(Request request)
    {
        _system.Sim.Cancel(request.TimeoutHandle);
        if (_policy.QuotaTokens is int capacity)
        {
            QuotaTokens = Math.Min(capacity, QuotaTokens + _policy.SuccessRefund);
        }

        double latency = _system.Sim.Now - request.Arrival;
        _system.Observer.OnRequestSucceeded(request, latency);
        End(request, true);
    }

    internal void OnServerError(Request request)
    {
        _system.Sim.Cancel(request.TimeoutHandle);
        _system.Observer.OnServerError(request);
        RetryOrFail(request, _policy.RetryCost);
    }

    /// <inheritdoc />
    public void Handle(in EventPayload payload)
    {
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
                _system.Sim.Cancel(request.TimeoutHandle);
                RetryOrFail(request, _policy.RetryCost);
                break;
            case KindTimeout:
                // The client stops waiting; the call stays at its unit and is served for nothing.
                request.Current = null;
                _system.Observer.OnTimeout(request);
                RetryOrFail(request, _policy.TimeoutRetryCost);
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
        request.Current = null;
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
        _system.Sim.Cancel(request.TimeoutHandle);
        _system.Observer.OnRequestFailed(request);
        End(request, false);
    }

    private void End(Request request, bool succeeded)
    {
        request.Stamp++;
        BatchJob? job = request.Job;
        _system.Requests.Return(request);
        job?.OnRequestEnded(succeeded);
    }
}
