using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// Runs the points of a <see cref="SensitivityDesign"/> (all, or a shard's) with
/// <see cref="SweepRunner"/>: every replication of every point over a fixed number of worker
/// threads, results by index, so the data do not depend on the thread count or the shard split.
/// </summary>
public static class SensitivityRunner
{
    /// <summary>Runs the points at <paramref name="pointIndices"/> and returns their data.</summary>
    /// <param name="design">The design.</param>
    /// <param name="model">The scenario's evaluator (<c>ScenarioSweep</c>); points are loaded with their values as <c>--set</c> overrides.</param>
    /// <param name="pointIndices">Which points, ascending.</param>
    /// <param name="parallel">Worker threads (≥ 1).</param>
    /// <param name="progress">Called after each replication with (done, total); may be null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static SensitivityData Run(SensitivityDesign design, SweepModel model, IReadOnlyList<int> pointIndices, int parallel, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(pointIndices);
        SweepDefinition def = design.Definition;
        var points = new SensitivityPoint?[def.Points.Count];
        SweepRunner.Run(
            def,
            model,
            pointIndices,
            parallel,
            (index, point, run) => points[index] = new SensitivityPoint(
                index,
                point.Id,
                [.. point.Parameters.Select(p => new SensitivityValue(p.Key, p.Value))],
                [.. KeyMeasures.All.Select(m => run.Replications.Select(r => r.Measures.TryGetValue(m.Name, out double v) ? v : double.NaN).ToArray())]),
            progress,
            cancellationToken);
        return new SensitivityData
        {
            Scenario = def.Name,
            ScenarioSha256 = def.ScenarioSha256,
            Seed = def.Seed,
            Replications = def.Replications,
            Samples = design.Sample.Count,
            Currency = def.Currency,
            Slo = def.Slo,
            Fields = [.. design.Fields.Select(f => new SensitivityField(f.Path, f.Nominal, f.Low, f.High, f.Source))],
            Measures = [.. KeyMeasures.All.Select(m => m.Name)],
            Points = [.. pointIndices.Select(i => points[i] ?? throw new InvalidOperationException($"point {def.Points[i].Id} was not run"))],
        };
    }
}
