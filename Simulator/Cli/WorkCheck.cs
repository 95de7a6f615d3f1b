using LookoutSim.Experiments;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary>
/// The work check every command that runs scenarios makes before running (and before touching
/// its output folder): the sweep's size counted before its points are built, every trace file
/// read through once, and the <see cref="WorkEstimate"/> against the <see cref="WorkLimits"/>.
/// </summary>
public static class WorkCheck
{
    /// <summary>Refuses a sweep too large to build (the points are not counted by building them).</summary>
    /// <exception cref="UsageException">Over a limit.</exception>
    public static void CheckPointCount(Scenario scenario, bool iKnow)
    {
        List<string> over = WorkEstimator.ForPointCount(scenario).Exceeded(iKnow)
            .Where(m => m.Contains(WorkLimits.SweepPoints.What, StringComparison.Ordinal)).ToList();
        if (over.Count > 0)
        {
            throw new UsageException(string.Join(Environment.NewLine, over));
        }
    }

    /// <summary>
    /// Estimates the work of <paramref name="points"/>, prints the traces' problems on
    /// <paramref name="stderr"/>, and refuses (exit 2) when a trace has an error or the work is
    /// over a limit. Returns the estimate.
    /// </summary>
    /// <exception cref="UsageException">A trace has an error, or the work is over a limit.</exception>
    public static WorkEstimate Enforce(IReadOnlyList<Scenario> points, bool iKnow, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        WorkEstimate work = WorkEstimator.Estimate(points, TraceFiles.Instance, iKnow, out IReadOnlyList<Diagnostic> problems);
        foreach (Diagnostic d in problems)
        {
            stderr.WriteLine(d.ToString());
        }

        int errors = problems.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (errors > 0)
        {
            throw new UsageException(errors == 1 ? "a trace file has an error (above); nothing was run" : $"trace files have {errors} errors (above); nothing was run");
        }

        IReadOnlyList<string> over = work.Exceeded(iKnow);
        if (over.Count > 0)
        {
            throw new UsageException(string.Join(Environment.NewLine, [.. over, work.Describe()]));
        }

        return work;
    }
}
