namespace LookoutSim.Experiments.Bench;

/// <summary>Timed runs of one plan command.</summary>
/// <param name="Arguments">The command as run (after <c>lookoutsim</c>, without the output folder).</param>
/// <param name="WallS">Wall time of each run, seconds, in run order.</param>
/// <param name="Answer">What the plan answered (the same every run: a plan is a pure function of its inputs).</param>
/// <param name="Candidates">Candidates the search evaluated.</param>
/// <param name="Search">How each run's search used its workers (the plan's <c>plan: search:</c> line, without the prefix), in run order.</param>
public sealed record PlanCaseResult(string Arguments, IReadOnlyList<double> WallS, string Answer, int Candidates, IReadOnlyList<string> Search)
{
    /// <summary>The fastest run, seconds: on a shared machine the least disturbed one.</summary>
    public double FastestS => WallS.Min();
}

/// <summary>The plan benchmark: the plan of a scenario, and the same with <c>--zone-loss</c> (null when skipped).</summary>
/// <param name="Scenario">The scenario file.</param>
/// <param name="Parallel">Worker threads the plans ran with.</param>
/// <param name="Base">The plan as shipped.</param>
/// <param name="ZoneLoss">The plan with <c>--zone-loss</c>, or null when skipped.</param>
public sealed record PlanBenchResult(string Scenario, int Parallel, PlanCaseResult? Base, PlanCaseResult? ZoneLoss);
