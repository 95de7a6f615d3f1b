using System.Globalization;
using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>What <see cref="Planner"/> searches and how sure it must be.</summary>
public sealed record PlanRequest
{
    /// <summary>The scenario's own parameters (overrides); candidates override min/max units and the target on top. May be empty.</summary>
    public SweepPoint Base { get; init; } = new("base", []);

    /// <summary>The SLOs a candidate must meet with confidence (at least one must be set).</summary>
    public required SloTargets Slo { get; init; }

    /// <summary>Demand at the busiest hour, calls/s (for the naive sizing and the search's lower bound).</summary>
    public required double PeakTps { get; init; }

    /// <summary>Rated TPS of one unit for the image mix, calls/s.</summary>
    public required double RatedTpsPerUnit { get; init; }

    /// <summary>Autoscaling targets to try, as written (<c>50%</c>); empty: keep the scenario's.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Also require the SLOs with each zone lost in turn for one hour from <see cref="BusiestHourS"/>.</summary>
    public bool ZoneLoss { get; init; }

    /// <summary>Zone names, in scenario order (for <see cref="ZoneLoss"/>).</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>
    /// How long after the lost zone is back its case is still judged, seconds: the longest unit start
    /// plus one scale-in cooldown (<see cref="ScenarioCompiler.RecoveryS"/>). For the text; the model
    /// takes the window from the scenario.
    /// </summary>
    public double ZoneLossRecoveryS { get; init; }

    /// <summary>Start of the busiest hour, seconds from the scenario start.</summary>
    public double BusiestHourS { get; init; }

    /// <summary>The schedule entries that set unit bounds; each candidate replaces them, scaled (see <see cref="ScheduleBounds"/>). Empty without such entries.</summary>
    public IReadOnlyList<ScheduleBounds> Schedule { get; init; } = [];

    /// <summary>
    /// Start leads to search, seconds, ascending (every scheduled <c>start</c> fires this much earlier);
    /// empty: no search, the schedule as written.
    /// </summary>
    public IReadOnlyList<double> StartLeads { get; init; } = [];

    /// <summary>Largest start lead worth trying, seconds (longest model start + 30 minutes); 0 when the scenario schedules no start.</summary>
    public double StartLeadLimitS { get; init; }

    /// <summary><c>plan --robust</c>: the uncertainty points a candidate must also hold at; null for a nominal plan.</summary>
    public RobustRequest? Robust { get; init; }

    /// <summary>Replications a candidate starts with. <remarks>Default 5.</remarks></summary>
    public int StartReplications { get; init; } = 5;

    /// <summary>Replications added while a verdict is too close to call. <remarks>Default 5.</remarks></summary>
    public int StepReplications { get; init; } = 5;

    /// <summary>Most replications of a candidate; a verdict still too close then counts as not met. <remarks>Default 30.</remarks></summary>
    public int MaxReplications { get; init; } = 30;

    /// <summary>Most units the search considers; null: max(4 × naive, naive + 8).</summary>
    public int? UnitsLimit { get; init; }

    /// <summary>How many max_units above the smallest fixed deployment that holds are tried. <remarks>Default 2.</remarks></summary>
    public int ExtraMaxUnits { get; init; } = 2;

    /// <summary>Worker threads for the replications of a candidate.</summary>
    public int Parallel { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Whether idle workers run ahead: with <see cref="ZoneLoss"/>, the current candidate's zone-loss
    /// cases while its base case is judged; the first replications of the candidates the search asks
    /// about next (whichever way the current verdict goes); and the replications the current case
    /// gets if its verdict is too close. The answer and every verdict are the same either way (a
    /// replication is a pure function of its point and index); off runs only what is asked for.
    /// </summary>
    /// <remarks>Default true. Has no effect with one worker.</remarks>
    public bool Shortcuts { get; init; } = true;

    /// <summary>
    /// Whether replication r of a candidate's zone-loss cases runs as one job: the base case once up to
    /// the loss, then each zone's case from a copy of that state (<see cref="SweepModel.EvaluateZoneLoss"/>,
    /// <see cref="ZoneLossFork"/>), instead of each case from time 0. Every measure but <c>wall_s</c>
    /// is the same, so the answer and every verdict are too; off runs each case on its own.
    /// </summary>
    /// <remarks>Default true. Has no effect without an evaluator that can fork.</remarks>
    public bool ForkZoneLoss { get; init; } = true;

    /// <summary>The naive sizing: ceil(peak calls/s ÷ rated TPS per unit), at least 1.</summary>
    public int NaiveUnits => Math.Max(1, (int)Math.Ceiling((PeakTps / RatedTpsPerUnit) - 1e-9));

    /// <summary>The scenario's horizon, seconds (what a candidate's cost covers); 0 when unknown.</summary>
    public double HorizonS { get; init; }

    /// <summary>A cost over the horizon as a cost per day: cost × 1 d ÷ horizon (NaN without a horizon).</summary>
    /// <remarks>The mean day of the horizon, warm-up included (the bill runs from the start): a horizon that is not whole weeks weighs weekdays unevenly.</remarks>
    public double CostPerDay(double cost) => HorizonS > 0 ? cost * 86400 / HorizonS : double.NaN;

    /// <summary>A cost over the horizon as a cost per 30 days: 30 × <see cref="CostPerDay"/>.</summary>
    public double CostPer30Days(double cost) => 30 * CostPerDay(cost);
}

/// <summary>How one SLO fared in one case (the base run, or one zone lost) of a candidate.</summary>
public enum PlanStatus
{
    /// <summary>The confidence bound is on the right side of the target.</summary>
    Met,

    /// <summary>The whole confidence interval is on the wrong side.</summary>
    Failed,

    /// <summary>The confidence interval straddles the target (at the most replications: counted as not met).</summary>
    TooClose,
}

/// <summary>One SLO check of one case of a candidate.</summary>
/// <param name="Case"><c>base</c> or <c>zone_loss:&lt;zone&gt;</c>; in a robust plan also <c>uncertainty #i</c> and <c>zone_loss:&lt;zone&gt;@uncertainty #i</c> (the point's values as overrides).</param>
/// <param name="Slo"><c>latency_p99</c>, <c>max_failed</c> or <c>availability</c>.</param>
/// <param name="Measure">The measure checked.</param>
/// <param name="Target">The target.</param>
/// <param name="Upper">True when the measure must stay below the target.</param>
/// <param name="Summary">The measure across the case's replications: over the whole horizon in the base case, over the loss and its recovery (<c>outage_*</c>) in a zone-loss case.</param>
/// <param name="Status">The verdict.</param>
public sealed record PlanCheck(string Case, string Slo, string Measure, double Target, bool Upper, MetricSummary Summary, PlanStatus Status)
{
    /// <summary>The confidence bound that decides: the upper bound for an upper limit, the lower bound for availability.</summary>
    public double Bound => Upper ? Summary.Ci95High : Summary.Ci95Low;

    /// <summary>How far the bound is past the target, relative to the target (positive: missed by that share).</summary>
    public double Excess => Target == 0 ? (Upper ? Bound : -Bound) : (Upper ? (Bound - Target) / Target : (Target - Bound) / Target);

    /// <summary>One line: which SLO, the bound, the target and by how much it was missed.</summary>
    public string Describe()
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        string unit = Measure == LookoutSim.Metrics.Measure.LatencyP99S.Name ? " s" : "";
        string fmt(double v) => Measure == LookoutSim.Metrics.Measure.LatencyP99S.Name ? v.ToString("0.###", c) : (v * 100).ToString("0.####", c) + "%";
        string bound = Upper ? "upper 95% bound" : "lower 95% bound";
        string rel = Measure == LookoutSim.Metrics.Measure.Availability.Name
            ? string.Create(c, $"short by {(Target - Bound) * 100:0.####} points")
            : string.Create(c, $"{Excess * 100:+0.#;-0.#}%");
        string status = Status == PlanStatus.TooClose ? "too close to call" : "missed";
        // Robust plans: "uncertainty #3", "zone_loss:az-1@uncertainty #3".
        int at = Case.IndexOf('@', StringComparison.Ordinal);
        string zoneCase = at < 0 ? Case : Case[..at];
        string point = at < 0 ? "" : " at " + Case[(at + 1)..];
        string where = Case == "base" ? ""
            : !Case.StartsWith("zone_loss:", StringComparison.Ordinal) ? " at " + Case
            : $" with {zoneCase.Replace("zone_loss:", "zone ", StringComparison.Ordinal)} lost (over the loss and recovery){point}";
        return $"{Slo}{where} {status}: {bound} {fmt(Bound)}{unit} vs target {fmt(Target)}{unit} ({rel})";
    }
}

/// <summary>One evaluated deployment.</summary>
public sealed record PlanCandidate
{
    /// <summary>1-based, in evaluation order.</summary>
    public required int Number { get; init; }

    /// <summary>deployment.min_units.</summary>
    public required int MinUnits { get; init; }

    /// <summary>deployment.max_units.</summary>
    public required int MaxUnits { get; init; }

    /// <summary>autoscaling.target as written, or null for the scenario's own.</summary>
    public string? Target { get; init; }

    /// <summary>Seconds by which every scheduled start fires earlier (0: as written).</summary>
    public double StartLeadS { get; init; }

    /// <summary>Replications used (per case; the most over cases).</summary>
    public required int Replications { get; init; }

    /// <summary>Cost of the base case across its replications.</summary>
    public required MetricSummary Cost { get; init; }

    /// <summary>Every check made (the base case, then each zone-loss case that was run).</summary>
    public required IReadOnlyList<PlanCheck> Checks { get; init; }

    /// <summary>Cost per 1000 images of the base case, or null when not measured.</summary>
    public MetricSummary? CostPer1000Images { get; init; }

    /// <summary>Robust plans: the verdict at each uncertainty point evaluated (those the search needed, in evaluation order); empty otherwise.</summary>
    public IReadOnlyList<RobustPointVerdict> RobustPoints { get; init; } = [];

    /// <summary>Robust plans: how many uncertainty points must hold; 0 for a nominal plan.</summary>
    public int RobustRequired { get; init; }

    /// <summary>Whether every SLO is met with confidence in every case (and, for a robust plan, at the required number of uncertainty points).</summary>
    public bool Feasible => Checks.Count > 0 && Checks.All(c => c.Status == PlanStatus.Met)
        && (RobustRequired == 0 || RobustPoints.Count(p => p.Met) >= RobustRequired);

    /// <summary>The worst check that is not met (largest excess), or null when feasible: the nominal cases first, then the uncertainty points.</summary>
    public PlanCheck? WorstFailure => Worst(Checks) ?? (Feasible ? null : Worst(RobustPoints.SelectMany(p => p.Checks)));

    private static PlanCheck? Worst(IEnumerable<PlanCheck> checks) =>
        checks.Where(c => c.Status != PlanStatus.Met).OrderByDescending(c => c.Status == PlanStatus.Failed).ThenByDescending(c => c.Excess).FirstOrDefault();

    /// <summary>The candidate as parameters, e.g. <c>min 3, max 6, target 70%</c>.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"min_units {MinUnits}, max_units {MaxUnits}") + (Target is null ? "" : $", target {Target}")
        + (StartLeadS > 0 ? ", start lead " + Scenarios.ScenarioValues.FormatDuration(TimeSpan.FromSeconds(StartLeadS)) : "");
}

/// <summary>What the planner found.</summary>
public sealed record PlanOutcome
{
    /// <summary>The cheapest feasible candidate, or null when none is.</summary>
    public PlanCandidate? Answer { get; init; }

    /// <summary>The next cheapest feasible candidates (at most three).</summary>
    public required IReadOnlyList<PlanCandidate> RunnersUp { get; init; }

    /// <summary>Evaluated candidates cheaper than the answer (all, when there is none) that failed, most expensive first.</summary>
    public required IReadOnlyList<PlanCandidate> CheaperFailures { get; init; }

    /// <summary>The naive sizing, ceil(peak ÷ rated TPS) units fixed (min = max), as evaluated.</summary>
    public required PlanCandidate Naive { get; init; }

    /// <summary>ceil(peak calls/s ÷ rated TPS per unit).</summary>
    public required int NaiveUnits { get; init; }

    /// <summary>Every candidate, in evaluation order.</summary>
    public required IReadOnlyList<PlanCandidate> Candidates { get; init; }

    /// <summary>The request.</summary>
    public required PlanRequest Request { get; init; }

    /// <summary>The start lead the unit search ran with (the smallest that met the SLOs at the most units), seconds; 0 without a lead search.</summary>
    public double StartLeadS { get; init; }

    /// <summary>When there is no answer and more units did not help, why (one sentence); else null.</summary>
    public string? Why { get; init; }
}
