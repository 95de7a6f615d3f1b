using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>One SLO of one sweep point, judged as <see cref="Planner"/> judges a candidate.</summary>
/// <param name="Slo"><c>latency_p99</c>, <c>max_failed</c> or <c>availability</c>.</param>
/// <param name="Measure">The measure checked.</param>
/// <param name="Target">The target.</param>
/// <param name="Upper">True when the measure must stay at or below the target.</param>
/// <param name="Mean">The measure's mean over the point's replications.</param>
/// <param name="Bound">The 95% confidence bound that decides: the upper bound for an upper limit, the lower for availability (the mean when there is no interval).</param>
/// <param name="Met">True when <see cref="Bound"/> is on the right side of <see cref="Target"/>.</param>
public sealed record PointVerdict(string Slo, string Measure, double Target, bool Upper, double Mean, double Bound, bool Met);

/// <summary>
/// SLO verdicts of sweep points with the confidence rule of <c>plan</c>: an SLO is met when its 95%
/// confidence bound on the far side is on the right side of the target (upper bound of p99 latency and
/// of the failed share at or under the target, lower bound of availability at or above it). A point
/// whose interval straddles a target does not meet it, as a candidate still too close to call does not.
/// </summary>
public static class SweepVerdicts
{
    /// <summary>The verdict of each SLO of <paramref name="slo"/> for <paramref name="row"/>, in <see cref="SloTargets.Checks"/> order.</summary>
    public static IReadOnlyList<PointVerdict> Of(SweepTableRow row, SloTargets slo)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(slo);
        var verdicts = new List<PointVerdict>();
        foreach ((string name, string measure, double target, bool upper) in slo.Checks())
        {
            MetricSummary s = row.Metric(measure) ?? new MetricSummary(measure, MeasureNames.UnitOf(measure), double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            double bound = upper ? s.Ci95High : s.Ci95Low;
            verdicts.Add(new PointVerdict(name, measure, target, upper, s.Mean, double.IsNaN(bound) ? s.Mean : bound, Planner.Status(s, target, upper) == PlanStatus.Met));
        }

        return verdicts;
    }

    /// <summary>Whether the point meets every SLO (false when there is none).</summary>
    public static bool Feasible(SweepTableRow row, SloTargets slo)
    {
        IReadOnlyList<PointVerdict> v = Of(row, slo);
        return v.Count > 0 && v.All(x => x.Met);
    }

    /// <summary>The point meeting every SLO with the lowest mean cost (ties: the earlier point), or null when none does or no SLO is set.</summary>
    public static SweepTableRow? CheapestFeasible(SweepTable table, SloTargets slo)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Rows
            .Where(r => Feasible(r, slo) && r.Metric("cost") is { } cost && double.IsFinite(cost.Mean))
            .OrderBy(r => r.Metric("cost")!.Mean)
            .ThenBy(r => r.Index)
            .FirstOrDefault();
    }
}
