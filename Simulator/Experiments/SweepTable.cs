using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// The content of <c>sweep.csv</c>: one row per point, in sweep order, with its parameters and
/// every measure's mean and 95% confidence interval. Built by a run, or read back from a folder
/// (by merge and the sweep charts).
/// </summary>
/// <param name="Fields">Swept field paths, one column each after <c>point</c>.</param>
/// <param name="Rows">Rows in sweep order.</param>
public sealed record SweepTable(IReadOnlyList<string> Fields, IReadOnlyList<SweepTableRow> Rows);

/// <summary>One point's row of <c>sweep.csv</c>.</summary>
/// <param name="Index">The point's 0-based position in the whole sweep.</param>
/// <param name="Point">Its id and parameters.</param>
/// <param name="Metrics">Every measure in <see cref="MeasureNames.All"/> order (min/max are NaN when read back from CSV).</param>
public sealed record SweepTableRow(int Index, SweepPoint Point, IReadOnlyList<MetricSummary> Metrics)
{
    /// <summary>The summary of a measure, or null when absent.</summary>
    public MetricSummary? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);

    /// <summary>The value of a swept field as written, or "" when the point does not set it.</summary>
    public string Field(string path) => Point.Get(path) ?? "";
}
