using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// Runs every (point, replication) of a sweep, or of one shard of it, over a fixed number of
/// worker threads. Replication r of every point is evaluated with replication index r (common
/// random numbers across points), results are collected by index, and each point is packaged
/// (summary, SLO verdicts) as soon as its last replication ends, so its folder can be written and
/// its rows released while the rest of the sweep runs.
/// </summary>
public static class SweepRunner
{
    /// <summary>Runs the points at <paramref name="pointIndices"/> (positions in <see cref="SweepDefinition.Points"/>).</summary>
    /// <param name="definition">The sweep.</param>
    /// <param name="model">Evaluator and summarizer.</param>
    /// <param name="pointIndices">Which points, in sweep order (all of them, or a shard's).</param>
    /// <param name="parallel">Worker threads (≥ 1); results do not depend on it.</param>
    /// <param name="pointCompleted">Called once per point, on a worker thread, with its index, point and packaged result (e.g. to write <c>points/&lt;id&gt;/</c>). May be null.</param>
    /// <param name="replicationCompleted">Called after each replication with (done, total) jobs, for progress. May be null.</param>
    /// <param name="cancellationToken">Stops the run (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The table of the points run, in sweep order.</returns>
    public static SweepTable Run(
        SweepDefinition definition,
        SweepModel model,
        IReadOnlyList<int> pointIndices,
        int parallel,
        Action<int, SweepPoint, RunResult>? pointCompleted,
        Action<int, int>? replicationCompleted,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(model);
        int reps = definition.Replications;
        if (reps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(definition), reps, "a sweep needs at least one replication");
        }

        int points = pointIndices.Count;
        var pending = new ReplicationResult?[points][];
        var remaining = new int[points];
        var rows = new SweepTableRow[points];
        for (int i = 0; i < points; i++)
        {
            pending[i] = new ReplicationResult?[reps];
            remaining[i] = reps;
        }

        int total = points * reps;
        int done = 0;

        ReplicationScheduler.Run<bool>(
            total,
            (job, ct) =>
            {
                int local = job / reps;
                int replication = job % reps;
                SweepPoint point = definition.Points[pointIndices[local]];
                ReplicationResult result = model.Evaluate(point, replication, ct);
                if (result.Replication != replication)
                {
                    throw new InvalidOperationException(
                        $"the evaluator returned replication {result.Replication} for replication {replication} of point {point.Id}");
                }

                pending[local][replication] = result;
                if (Interlocked.Decrement(ref remaining[local]) == 0)
                {
                    ReplicationResult[] all = pending[local]!.Select(r => r!).ToArray();
                    pending[local] = [];
                    RunResult run = model.Package(definition, point, all);
                    rows[local] = new SweepTableRow(pointIndices[local], point, run.Metrics);
                    pointCompleted?.Invoke(pointIndices[local], point, run);
                }

                replicationCompleted?.Invoke(Interlocked.Increment(ref done), total);
                return true;
            },
            parallel,
            null,
            cancellationToken);

        return new SweepTable(definition.Fields, rows);
    }
}
