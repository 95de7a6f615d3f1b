namespace LookoutSim.Model;

/// <summary>
/// The hooks through which metrics observe the model. The model calls them at the moment things
/// happen (<c>Simulation.Now</c> is the time); implementations must not change the model and,
/// on the per-request hooks, should not allocate. Time-weighted quantities (units, busy slots,
/// billed units) are read from <see cref="CapacityLedger"/> instead of being pushed.
/// </summary>
public interface IModelObserver
{
    /// <summary>A request's first attempt.</summary>
    void OnRequestArrived(Request request);

    /// <summary>An attempt reaches the front end (first attempts and retries).</summary>
    void OnAttempt(Request request, bool retry);

    /// <summary>An attempt was throttled (counted when refused).</summary>
    void OnThrottled(Request request);

    /// <summary>The client gave up waiting for an attempt.</summary>
    void OnTimeout(Request request);

    /// <summary>An attempt failed with a server error (its unit was lost, failed or stopped).</summary>
    void OnServerError(Request request);

    /// <summary>A unit started serving a call after it waited <paramref name="wait"/> seconds.</summary>
    void OnServiceStarted(Call call, double wait);

    /// <summary>A unit finished a call that took <paramref name="service"/> seconds (also abandoned ones).</summary>
    void OnServiceCompleted(Call call, double service);

    /// <summary>A request succeeded with client latency <paramref name="latency"/> seconds.</summary>
    void OnRequestSucceeded(Request request, double latency);

    /// <summary>A request failed for good.</summary>
    void OnRequestFailed(Request request);

    /// <summary>A lifecycle change or decision (a row of <c>events.csv</c>); rare, may allocate.</summary>
    void OnModelEvent(double time, string kind, int zone, int unit, string detail);

    /// <summary>A batch of a closed source finished after <paramref name="duration"/> seconds.</summary>
    void OnBatchCompleted(int source, double started, double duration);

    /// <summary>A billed span closed; <paramref name="extraSeconds"/> is what rounding added to it.</summary>
    void OnBillingRounded(double extraSeconds);
}

/// <summary>An observer that ignores everything; derive from it to hear only some events.</summary>
public class NullModelObserver : IModelObserver
{
    /// <summary>The shared instance (it has no state).</summary>
    public static NullModelObserver Instance { get; } = new();

    /// <inheritdoc />
    public virtual void OnRequestArrived(Request request) { }

    /// <inheritdoc />
    public virtual void OnAttempt(Request request, bool retry) { }

    /// <inheritdoc />
    public virtual void OnThrottled(Request request) { }

    /// <inheritdoc />
    public virtual void OnTimeout(Request request) { }

    /// <inheritdoc />
    public virtual void OnServerError(Request request) { }

    /// <inheritdoc />
    public virtual void OnServiceStarted(Call call, double wait) { }

    /// <inheritdoc />
    public virtual void OnServiceCompleted(Call call, double service) { }

    /// <inheritdoc />
    public virtual void OnRequestSucceeded(Request request, double latency) { }

    /// <inheritdoc />
    public virtual void OnRequestFailed(Request request) { }

    /// <inheritdoc />
    public virtual void OnModelEvent(double time, string kind, int zone, int unit, string detail) { }

    /// <inheritdoc />
    public virtual void OnBatchCompleted(int source, double started, double duration) { }

    /// <inheritdoc />
    public virtual void OnBillingRounded(double extraSeconds) { }
}
