using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>One measure of one point, compared.</summary>
/// <param name="Measure">Measure name.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Baseline">The baseline's value, or null when the point lacks the measure.</param>
/// <param name="Current">The current value, or null when the point lacks the measure.</param>
/// <param name="Change">Relative change of the mean (0.1 = +10%); NaN when a side has no value.</param>
/// <param name="Tolerance">The relative tolerance applied.</param>
/// <param name="Direction">Which way is worse.</param>
/// <param name="Verdict">The verdict.</param>
public sealed record MeasureComparison(
    string Measure,
    string Unit,
    MetricSummary? Baseline,
    MetricSummary? Current,
    double Change,
    double Tolerance,
    MeasureDirection Direction,
    CompareVerdict Verdict);

/// <summary>One point present in both folders, compared measure by measure.</summary>
/// <param name="Id">The point id ("" for a run).</param>
/// <param name="Parameters">The point's parameters in the current folder.</param>
/// <param name="ParameterDifferences">Parameters whose value differs between the folders
/// (<c>name: baseline → current</c>): the point was still compared by id.</param>
/// <param name="Measures">Every compared measure, in the baseline's order.</param>
public sealed record PointComparison(
    string Id,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyList<string> ParameterDifferences,
    IReadOnlyList<MeasureComparison> Measures)
{
    /// <summary>Measures of this point that regressed.</summary>
    public int Regressions => Measures.Count(m => m.Verdict == CompareVerdict.Regressed);
}

/// <summary>The outcome of <c>lookoutsim compare</c>.</summary>
/// <param name="Baseline">The baseline folder as read.</param>
/// <param name="Current">The current folder as read.</param>
/// <param name="Tolerances">Tolerances applied.</param>
/// <param name="Points">Points present in both folders, in the baseline's order.</param>
/// <param name="PointsAdded">Ids of points only in the current folder (not a regression).</param>
/// <param name="PointsRemoved">Ids of points only in the baseline folder (not a regression).</param>
/// <param name="MeasuresOnlyInBaseline">Measures the baseline has and the current folder lacks.</param>
/// <param name="MeasuresOnlyInCurrent">Measures the current folder has and the baseline lacks.</param>
public sealed record CompareReport(
    ResultsSet Baseline,
    ResultsSet Current,
    CompareTolerances Tolerances,
    IReadOnlyList<PointComparison> Points,
    IReadOnlyList<string> PointsAdded,
    IReadOnlyList<string> PointsRemoved,
    IReadOnlyList<string> MeasuresOnlyInBaseline,
    IReadOnlyList<string> MeasuresOnlyInCurrent)
{
    /// <summary>Regressed measures over all points.</summary>
    public int Regressions => Points.Sum(p => p.Regressions);

    /// <summary>True when any measure of any point regressed: <c>compare</c> exits 1.</summary>
    public bool HasRegression => Regressions > 0;

    /// <summary>Count of each verdict over all points.</summary>
    public int Count(CompareVerdict verdict) => Points.Sum(p => p.Measures.Count(m => m.Verdict == verdict));
}
