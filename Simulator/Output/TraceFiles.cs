using LookoutSim.Experiments;
using LookoutSim.Model;
using LookoutSim.Scenarios;

namespace LookoutSim.Output;

/// <summary>
/// Trace CSV files on disk, streamed by <see cref="TraceReader"/>: what the command line hands the
/// experiments so that a scenario's <c>trace</c> traffic reaches the model.
/// </summary>
public sealed class TraceFiles : ITraceFiles
{
    /// <summary>The one instance (it holds no state).</summary>
    public static TraceFiles Instance { get; } = new();

    private TraceFiles()
    {
    }

    /// <summary>The reader of a trace replay: its column's kind from its name, problems named by the file as the user sees it.</summary>
    public static TraceReader Reader(TraceReplay trace, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return new(
            trace.File,
            trace.Column,
            trace.Column switch
            {
                "time_s" => TraceColumnKind.Seconds,
                "count" => TraceColumnKind.Count,
                _ => TraceColumnKind.Timestamp,
            },
            trace.Interval.TotalSeconds,
            start)
        {
            ShownName = InputFiles.ShownName(trace.File),
        };
    }

    /// <inheritdoc/>
    public ITraceSource Open(TraceReplay trace, DateTimeOffset start) => Reader(trace, start);

    /// <inheritdoc/>
    public long Size(TraceReplay trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return InputFiles.Size(trace.File);
    }

    /// <inheritdoc/>
    public TraceCheck Check(TraceReplay trace, DateTimeOffset start, double horizon)
    {
        ArgumentNullException.ThrowIfNull(trace);
        TraceScan scan = Reader(trace, start).Scan(trace.Speed, 1, horizon);
        return new TraceCheck(
            InputFiles.ShownName(trace.File),
            scan.CallsInHorizon,
            scan.LastTime,
            [.. scan.Problems.Select(e => new TraceProblem(e.File, e.Line, e.Column, e.Message))]);
    }
}
