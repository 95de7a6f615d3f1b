using LookoutSim.Model;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>
/// How the experiments reach the recorded traces a scenario replays. The model replays an
/// <see cref="ITraceSource"/>; where its records come from is not the experiments' business: the
/// command line supplies the file reader (Output's <c>TraceFiles</c>), tests may supply
/// records from memory.
/// </summary>
public interface ITraceFiles
{
    /// <summary>The source that replays <paramref name="trace"/> of a scenario starting at <paramref name="start"/>; each replication opens its own cursor.</summary>
    ITraceSource Open(TraceReplay trace, DateTimeOffset start);

    /// <summary>Size of the trace's file in bytes (0 when it cannot be read: <see cref="Check"/> then says why).</summary>
    long Size(TraceReplay trace);

    /// <summary>
    /// One pass over the whole trace, in bounded memory: the calls it replays before
    /// <paramref name="horizon"/> (at the trace's speed, scale 1), its last time and its problems.
    /// </summary>
    TraceCheck Check(TraceReplay trace, DateTimeOffset start, double horizon);
}

/// <summary>What one pass over a trace found.</summary>
/// <param name="ShownName">The file as the user named it, for messages.</param>
/// <param name="CallsInHorizon">Calls replayed before the horizon (scale 1).</param>
/// <param name="LastTime">Time of the last valid row, seconds from the start as recorded (before speed); NaN when none.</param>
/// <param name="Problems">The problems found (the file cannot be replayed when there is one).</param>
public sealed record TraceCheck(string ShownName, double CallsInHorizon, double LastTime, IReadOnlyList<TraceProblem> Problems)
{
    /// <summary>True when the trace can be replayed.</summary>
    public bool IsValid => Problems.Count == 0;
}

/// <summary>One problem of a trace file.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line, 0 for the file as a whole.</param>
/// <param name="Column">1-based column, 0 when not known.</param>
/// <param name="Message">What is wrong, with the value seen.</param>
public readonly record struct TraceProblem(string File, int Line, int Column, string Message);
