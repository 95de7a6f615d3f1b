using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>Which way a measure moves when things get worse.</summary>
public enum MeasureDirection
{
    /// <summary>Up is worse: cost, latency, failures, throttling, timeouts, retries.</summary>
    HigherIsWorse,

    /// <summary>Down is worse: availability, succeeded requests, rated capacity.</summary>
    LowerIsWorse,

    /// <summary>Informational: a significant move is reported as <see cref="CompareVerdict.Changed"/>,
    /// never as a regression (arrivals, events, utilization, unit counts, unknown measures).</summary>
    Neutral,
}

/// <summary>The verdict on one measure of one point.</summary>
public enum CompareVerdict
{
    /// <summary>Within tolerance, or the confidence intervals overlap.</summary>
    Ok,

    /// <summary>Moved significantly in the better direction.</summary>
    Improved,

    /// <summary>Moved significantly in the worse direction: fails the comparison.</summary>
    Regressed,

    /// <summary>A neutral measure moved significantly.</summary>
    Changed,

    /// <summary>No value on either side (NaN on both, e.g. <c>batch_completion_s</c> without a batch job).</summary>
    NotAvailable,

    /// <summary>Present on one side only (a column or row missing, or NaN on one side): reported, not a regression.</summary>
    Missing,
}

/// <summary>
/// The rules of <c>lookoutsim compare</c>: which direction is worse for each measure, which
/// measures are never compared, and when a move counts.
/// </summary>
/// <remarks>
/// A measure moves significantly when its mean moved by more than the tolerance relative to the
/// baseline mean AND the two 95% confidence intervals do not overlap (touching intervals overlap).
/// A missing or NaN confidence bound is taken as the mean itself (one replication: the decision
/// rests on the tolerance alone). A baseline mean of 0 makes any non-zero move infinitely large.
/// </remarks>
public static class CompareRules
{
    /// <summary>The default relative tolerance: 5%.</summary>
    public const double DefaultTolerance = 0.05;

    private static readonly HashSet<string> HigherIsWorse =
    [
        Measure.RequestsFailed.Name, Measure.Retries.Name, Measure.ThrottledAttempts.Name, Measure.Timeouts.Name, Measure.ServerErrors.Name,
        Measure.FailedRate.Name, Measure.ThrottleRate.Name,
        Measure.LatencyMeanS.Name, Measure.LatencyP50S.Name, Measure.LatencyP90S.Name, Measure.LatencyP99S.Name, Measure.LatencyP999S.Name, Measure.LatencyMaxS.Name,
        Measure.WaitMeanS.Name, Measure.ServiceMeanS.Name,
        Measure.UnitHours.Name, Measure.Cost.Name, Measure.CostPer1000Images.Name, Measure.BatchCompletionS.Name,
    ];

    private static readonly HashSet<string> LowerIsWorse =
    [
        Measure.Availability.Name, Measure.RequestsSucceeded.Name, Measure.RatedTpsPerUnit.Name,
    ];

    /// <summary>Which direction is worse for <paramref name="measure"/>; measures not listed
    /// (<c>requests_arrived</c>, <c>attempts</c>, <c>events</c>, <c>utilization</c>, unit counts,
    /// measures added later) are <see cref="MeasureDirection.Neutral"/>.</summary>
    public static MeasureDirection DirectionOf(string measure) =>
        HigherIsWorse.Contains(measure) ? MeasureDirection.HigherIsWorse
        : LowerIsWorse.Contains(measure) ? MeasureDirection.LowerIsWorse
        : MeasureDirection.Neutral;

    /// <summary>True for measures never compared: wall-clock times (<c>wall_s</c> and any
    /// <c>wall_*</c> measure), which depend on the machine, not on the model.</summary>
    public static bool IsExcluded(string measure) =>
        measure.StartsWith("wall_", StringComparison.Ordinal) || measure == "wall";

    /// <summary>Relative change of <paramref name="current"/> against <paramref name="baseline"/>:
    /// 0 when both are equal, ±∞ when the baseline is 0 and the current is not.</summary>
    public static double RelativeChange(double baseline, double current)
    {
        if (current == baseline)
        {
            return 0;
        }

        if (baseline == 0)
        {
            return current > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        return (current - baseline) / Math.Abs(baseline);
    }

    /// <summary>True when the closed intervals [<paramref name="lowA"/>, <paramref name="highA"/>] and
    /// [<paramref name="lowB"/>, <paramref name="highB"/>] share a point.</summary>
    public static bool Overlap(double lowA, double highA, double lowB, double highB) =>
        lowA <= highB && lowB <= highA;

    /// <summary>Judges one measure: <paramref name="baseline"/> against <paramref name="current"/>
    /// (either may be null when the measure is missing on that side).</summary>
    /// <param name="baseline">Mean and CI of the baseline.</param>
    /// <param name="current">Mean and CI of the current run.</param>
    /// <param name="tolerance">Relative tolerance (0.05 = 5%).</param>
    /// <param name="direction">Which way is worse.</param>
    /// <returns>The relative change (NaN when it cannot be computed) and the verdict.</returns>
    public static (double Change, CompareVerdict Verdict) Judge(
        MetricSummary? baseline,
        MetricSummary? current,
        double tolerance,
        MeasureDirection direction)
    {
        bool hasB = baseline is not null && !double.IsNaN(baseline.Mean);
        bool hasC = current is not null && !double.IsNaN(current.Mean);
        if (!hasB && !hasC)
        {
            return (double.NaN, CompareVerdict.NotAvailable);
        }

        if (!hasB || !hasC)
        {
            return (double.NaN, CompareVerdict.Missing);
        }

        (double bm, double bl, double bh) = Bounds(baseline!);
        (double cm, double cl, double ch) = Bounds(current!);
        double change = RelativeChange(bm, cm);
        bool significant = Math.Abs(change) > tolerance && !Overlap(bl, bh, cl, ch);
        if (!significant)
        {
            return (change, CompareVerdict.Ok);
        }

        bool up = cm > bm;
        CompareVerdict verdict = direction switch
        {
            MeasureDirection.HigherIsWorse => up ? CompareVerdict.Regressed : CompareVerdict.Improved,
            MeasureDirection.LowerIsWorse => up ? CompareVerdict.Improved : CompareVerdict.Regressed,
            _ => CompareVerdict.Changed,
        };
        return (change, verdict);
    }

    private static (double Mean, double Low, double High) Bounds(MetricSummary v)
    {
        double low = double.IsNaN(v.Ci95Low) ? v.Mean : Math.Min(v.Ci95Low, v.Mean);
        double high = double.IsNaN(v.Ci95High) ? v.Mean : Math.Max(v.Ci95High, v.Mean);
        return (v.Mean, low, high);
    }
}
