namespace LookoutSim.Model;

/// <summary>
/// A recorded trace the model replays. The model sees only this interface; reading files is not
/// its job: whoever builds the model's configuration supplies the source. Each replication opens its own cursor.
/// </summary>
public interface ITraceSource
{
    /// <summary>Length of one counting interval, seconds, for per-interval counts; 0 for one record per call.</summary>
    double CountInterval { get; }

    /// <summary>Opens a new cursor at the first record.</summary>
    ITraceCursor Open();
}

/// <summary>A forward-only reader of trace records in non-decreasing time.</summary>
public interface ITraceCursor : IDisposable
{
    /// <summary>The next record; false at the end.</summary>
    bool TryRead(out TraceRecord record);
}

/// <summary>One trace record.</summary>
/// <param name="Time">Seconds from the scenario start: the call's time, or the start of its counting interval.</param>
/// <param name="Count">Calls (1 for a record per call).</param>
public readonly record struct TraceRecord(double Time, long Count);
