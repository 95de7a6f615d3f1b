using System.Globalization;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>What <c>plan --robust</c> asks of a candidate besides its nominal SLOs.</summary>
public sealed record RobustRequest
{
    /// <summary>The uncertainty points (a Latin-hypercube sample of the box).</summary>
    public required IReadOnlyList<UncertaintyPoint> Points { get; init; }

    /// <summary>How many of them must hold: ceil(share × points).</summary>
    public required int Required { get; init; }

    /// <summary>The share asked for (1 = every point).</summary>
    public double Share { get; init; } = 1;

    /// <summary>The share as written for people: <c>100%</c>, <c>90%</c>.</summary>
    public string ShareText => (Share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

/// <summary>A candidate's verdict at one uncertainty point: every case's SLOs met with confidence, and the checks made.</summary>
public sealed record RobustPointVerdict(UncertaintyPoint Point, bool Met, IReadOnlyList<PlanCheck> Checks)
{
    /// <summary>The worst check not met, or null.</summary>
    public PlanCheck? WorstFailure => Checks.Where(c => c.Status != PlanStatus.Met).OrderByDescending(c => c.Status == PlanStatus.Failed).ThenByDescending(c => c.Excess).FirstOrDefault();
}

/// <summary>Which uncertain field made the robust plan differ from the nominal one, and by which rule.</summary>
/// <param name="Rule">How it was found, in words.</param>
/// <param name="Field">The field, or null when no single field does it (the combination at <paramref name="Point"/> does).</param>
/// <param name="End"><c>low</c> or <c>high</c>: the field's adverse end; null without a field.</param>
/// <param name="Value">The field's value at that end.</param>
/// <param name="Point">The sample point that failed the nominal plan, when no single field does.</param>
/// <param name="Check">The SLO check the nominal answer misses there.</param>
public sealed record RobustCause(string Rule, UncertainField? Field, string? End, string? Value, UncertaintyPoint? Point, PlanCheck? Check)
{
    /// <summary>One sentence for the terminal, the report and <c>plan.csv</c>.</summary>
    public string Describe()
    {
        if (Field is not null)
        {
            return $"{Field.Path} at its {End} end ({Value}; nominal {Field.Nominal}), the other fields nominal: the nominal plan's {Check?.Describe() ?? "SLO is missed"}";
        }

        if (Point is not null)
        {
            return $"no single field: the nominal plan holds with each field alone at either end, but not at sample point {UncertaintySample.Label(Point)} ({Point}): {Check?.Describe() ?? "an SLO is missed"}";
        }

        return "no single field and no sample point found that fails the nominal plan";
    }
}

/// <summary>The nominal and the robust plan side by side.</summary>
public sealed record RobustPlanOutcome
{
    /// <summary>The plan for the nominal scenario.</summary>
    public required PlanOutcome Nominal { get; init; }

    /// <summary>The plan whose candidates must also hold in the share of the sample.</summary>
    public required PlanOutcome Robust { get; init; }

    /// <summary>The sample and the share.</summary>
    public required RobustRequest Request { get; init; }

    /// <summary>The uncertain fields the sample spans.</summary>
    public required UncertaintySpec Spec { get; init; }

    /// <summary>Uncertain fields left at their nominal value because the plan decides them (autoscaling.target with <c>--targets</c>).</summary>
    public IReadOnlyList<string> Decided { get; init; } = [];

    /// <summary>Which field forced the difference; null when the answers are the same or either is missing.</summary>
    public RobustCause? Cause { get; init; }

    /// <summary>True when the robust answer is another deployment than the nominal one.</summary>
    public bool Differs => Nominal.Answer is { } n && Robust.Answer is { } r
        && (n.MinUnits, n.MaxUnits, n.Target, n.StartLeadS) != (r.MinUnits, r.MaxUnits, r.Target, r.StartLeadS);

    /// <summary>The robust answer's extra cost over the horizon (mean), or NaN when either answer is missing.</summary>
    public double ExtraCost => Nominal.Answer is { } n && Robust.Answer is { } r ? r.Cost.Mean - n.Cost.Mean : double.NaN;

    /// <summary>The extra cost per 30 days.</summary>
    public double ExtraPer30Days => Robust.Request.CostPer30Days(ExtraCost);

    /// <summary>The extra cost per 1000 images (difference of the answers' means), or NaN.</summary>
    public double ExtraPer1000Images => Nominal.Answer?.CostPer1000Images is { } n && Robust.Answer?.CostPer1000Images is { } r ? r.Mean - n.Mean : double.NaN;
}

/// <summary>
/// <c>plan --robust [SHARE]</c>: plans the nominal scenario, then plans again with candidates that
/// must also hold (by the planner's 95%-bound rule, at every case) at SHARE of a Latin-hypercube
/// sample of the uncertainty box; all points run on the scenario's seed (common random numbers).
/// When the answers differ it finds the field that forced it by a one-at-a-time check of the
/// nominal answer: each field at its low and at its high end, the others nominal; the field whose
/// end misses an SLO by the largest excess (relative to the target) is named. When no field fails
/// it alone, the sample point that failed the nominal answer in the robust search is named.
/// </summary>
public static class RobustPlanner
{
    /// <summary>Default size of the sample.</summary>
    public const int DefaultSamples = 8;

    /// <summary>The rule <see cref="RobustCause"/> names.</summary>
    public const string CauseRule = "one at a time: the nominal answer with each field at its low and at its high end, the others nominal; the end that misses an SLO by the most (relative to its target)";

    /// <summary>Runs both plans and the attribution.</summary>
    /// <param name="request">The nominal plan request (its <see cref="PlanRequest.Robust"/> is ignored).</param>
    /// <param name="model">The evaluator.</param>
    /// <param name="spec">The scenario's uncertainty.</param>
    /// <param name="share">Share of the sample that must hold, in (0, 1].</param>
    /// <param name="samples">Points of the Latin hypercube.</param>
    /// <param name="seed">The scenario's seed: the sample is drawn from it.</param>
    /// <param name="evaluated">Progress: called after each candidate, with true for the robust search.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static RobustPlanOutcome Run(PlanRequest request, SweepModel model, UncertaintySpec spec, double share, int samples, long seed, Action<PlanCandidate, bool>? evaluated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.IsEmpty)
        {
            throw new ArgumentException("the scenario declares no uncertainty: there is nothing to be robust against", nameof(spec));
        }

        if (!(share > 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "the share must be more than 0% and at most 100%");
        }

        // A field the plan decides is not an assumption in this plan.
        var decided = request.Targets.Count > 0 ? spec.Fields.Where(f => f.Path == "autoscaling.target").Select(f => f.Path).ToList() : [];
        UncertaintySpec used = spec with { Fields = EquatableArray.From(spec.Fields.Where(f => !decided.Contains(f.Path))) };
        if (used.IsEmpty)
        {
            throw new ArgumentException("every uncertain field is one the plan decides: there is nothing to be robust against", nameof(spec));
        }

        IReadOnlyList<UncertaintyPoint> points = UncertaintySample.LatinHypercube(used, samples, seed);
        var robust = new RobustRequest { Points = points, Required = Math.Max(1, (int)Math.Ceiling((share * points.Count) - 1e-9)), Share = share };
        PlanRequest nominalRequest = request with { Robust = null };
        PlanOutcome nominal = new Planner(nominalRequest, model, k => evaluated?.Invoke(k, false)).Run(cancellationToken);
        PlanOutcome robustPlan = new Planner(request with { Robust = robust }, model, k => evaluated?.Invoke(k, true)).Run(cancellationToken);

        var outcome = new RobustPlanOutcome { Nominal = nominal, Robust = robustPlan, Request = robust, Spec = used, Decided = decided };
        if (nominal.Answer is { } answer && (robustPlan.Answer is null || outcome.Differs))
        {
            outcome = outcome with { Cause = FindCause(nominalRequest, model, used, answer, robustPlan, cancellationToken) };
        }

        return outcome;
    }

    private static RobustCause FindCause(PlanRequest request, SweepModel model, UncertaintySpec spec, PlanCandidate answer, PlanOutcome robust, CancellationToken ct)
    {
        var oat = UncertaintySample.OneAtATime(spec);
        var points = oat.SelectMany(o => new[] { o.Low, o.High }).ToList();
        IReadOnlyList<RobustPointVerdict> verdicts = new Planner(request, model).CheckPoints(answer, points, ct);
        RobustCause? best = null;
        double worst = double.NegativeInfinity;
        foreach (RobustPointVerdict v in verdicts.Where(v => !v.Met).OrderBy(v => v.Point.Index))
        {
            PlanCheck? check = v.WorstFailure;
            double excess = check is null ? double.NegativeInfinity : check.Excess;
            if (best is null || excess > worst)
            {
                int j = (v.Point.Index - 1) / 2;
                bool high = v.Point.Index % 2 == 0;
                UncertainField f = oat[j].Field;
                best = new RobustCause(CauseRule, f, high ? "high" : "low", high ? f.High : f.Low, null, check);
                worst = excess;
            }
        }

        if (best is not null)
        {
            return best;
        }

        // No field alone: the sample point that failed the nominal answer in the robust search, if it was tried there.
        PlanCandidate? same = robust.Candidates.FirstOrDefault(c => (c.MinUnits, c.MaxUnits, c.Target, c.StartLeadS) == (answer.MinUnits, answer.MaxUnits, answer.Target, answer.StartLeadS));
        RobustPointVerdict? failed = same?.RobustPoints.Where(p => !p.Met).OrderByDescending(p => p.WorstFailure?.Excess ?? double.NegativeInfinity).FirstOrDefault();
        return new RobustCause(CauseRule, null, null, null, failed?.Point, failed?.WorstFailure);
    }
}
