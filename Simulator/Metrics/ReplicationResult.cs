using HdrHistogram;

namespace LookoutSim.Metrics;

/// <summary>
/// Everything one replication produced: its measures (by <see cref="MeasureNames"/>), the
/// client-latency histogram (mergeable across replications) and the rows of its CSV files.
/// </summary>
public sealed class ReplicationResult
{
    /// <summary>Replication index, from 0.</summary>
    public required int Replication { get; init; }

    /// <summary>Measure name → value. A measure that does not apply (e.g. batch completion with no
    /// closed source, or a latency with no success) is NaN.</summary>
    public required IReadOnlyDictionary<string, double> Measures { get; init; }

    /// <summary>Client latency of succeeded requests after warm-up, in microseconds (HdrHistogram,
    /// 3 significant digits: relative error ≤ 0.1%).</summary>
    public required LongHistogram LatencyMicros { get; init; }

    /// <summary>One row per interval.</summary>
    public IReadOnlyList<TimeSeriesRow> TimeSeries { get; init; } = [];

    /// <summary>One row per zone and interval.</summary>
    public IReadOnlyList<ZoneRow> Zones { get; init; } = [];

    /// <summary>Lifecycle changes and decisions, in time order.</summary>
    public IReadOnlyList<EventRow> Events { get; init; } = [];

    /// <summary>Sampled requests (empty unless requested).</summary>
    public IReadOnlyList<RequestRow> Requests { get; init; } = [];

    /// <summary>The quantities behind the model's invariants (null when not produced by the model).</summary>
    public ReplicationDiagnostics? Diagnostics { get; init; }
}
