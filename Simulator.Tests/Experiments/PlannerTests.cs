using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// The planner on the test evaluator, whose answers follow from its closed form:
/// at 20 calls/s and 5 calls/s per unit, p99 ≤ 0.5 s needs 7 servers (Erlang C: 6 give 0.535 s,
/// 7 give 0.369 s); at target 50% the autoscaler holds ceil(20 / 2.5) = 8 units, capped by max_units;
/// the ramp's failures (600 s on min_units alone) stay under 0.1% only from min_units = 4
/// (3 units fail 3,000 of 921,600 calls). So the answer is min 4, max 7 at 50%, costing
/// (7 × 8 h + 4 × 16 h) × 4 = 480. Losing a zone (units round robin over three zones) leaves
/// c − ceil(c/3) units, at least 7 only from c = 11, and the autoscaler does not replace them:
/// the answer with --zone-loss is 11 units fixed, 1056.
/// </summary>
public sealed class PlannerTests
{
    private static PlanOutcome Plan(SweepTestSpec spec, bool zoneLoss, IReadOnlyList<string>? targets = null)
    {
        var model = new SweepTestModel(spec);
        var request = new PlanRequest
        {
            Base = model.BasePoint(),
            Slo = spec.Slo,
            PeakTps = spec.PeakTps,
            RatedTpsPerUnit = spec.TpsPerUnit,
            Targets = targets ?? ["50%"],
            ZoneLoss = zoneLoss,
            Zones = spec.Zones,
            BusiestHourS = spec.BusiestHourS,
            Parallel = 2,
        };
        return new Planner(request, model.Model()).Run(CancellationToken.None);
    }

    [Test]
    public void Run_KnownCase_FindsTheCheapestDeployment()
    {
        // When
        PlanOutcome outcome = Plan(SweepTestSupport.PlanSpec(), zoneLoss: false);

        // Then
        Assert.That(outcome.Answer, Is.Not.Null);
        Assert.That((outcome.Answer!.MinUnits, outcome.Answer.MaxUnits, outcome.Answer.Target), Is.EqualTo((4, 7, "50%")));
        Assert.That(outcome.Answer.Cost.Mean, Is.EqualTo(480).Within(2));
        Assert.That(outcome.NaiveUnits, Is.EqualTo(4));
        Assert.That(outcome.Naive.Feasible, Is.False, "4 units fixed cannot carry 20 calls/s of 5 calls/s units");
        Assert.That(outcome.Candidates, Has.Count.LessThanOrEqualTo(12), "the search stays small");
    }

    [Test]
    public void Run_KnownCase_ExplainsWhyCheaperCandidatesFail()
    {
        // When
        PlanOutcome outcome = Plan(SweepTestSupport.PlanSpec(), zoneLoss: false);

        // Then: min 3 fails the failed-share SLO, fixed 6 fails p99
        PlanCandidate min3 = outcome.CheaperFailures.Single(c => c.MinUnits == 3 && c.MaxUnits == 7);
        Assert.That(min3.WorstFailure!.Slo, Is.AnyOf("max_failed", "availability"));
        Assert.That(min3.WorstFailure.Describe(), Does.Contain("missed"));
        PlanCandidate fixed6 = outcome.Candidates.Single(c => c.MinUnits == 6 && c.MaxUnits == 6);
        Assert.That(fixed6.WorstFailure!.Slo, Is.EqualTo("latency_p99"));
        Assert.That(outcome.CheaperFailures, Is.All.Matches<PlanCandidate>(c => c.Cost.Mean < outcome.Answer!.Cost.Mean));
    }

    [Test]
    public void Run_ZoneLoss_BuysALargerDeploymentThatSurvivesEachZone()
    {
        // When
        PlanOutcome outcome = Plan(SweepTestSupport.PlanSpec(), zoneLoss: true);

        // Then
        Assert.That(outcome.Answer, Is.Not.Null);
        Assert.That((outcome.Answer!.MinUnits, outcome.Answer.MaxUnits), Is.EqualTo((11, 11)));
        Assert.That(outcome.Answer.Cost.Mean, Is.EqualTo(11 * 24 * 4).Within(5));
        Assert.That(outcome.Answer.Checks.Select(c => c.Case).Distinct(), Is.EquivalentTo(new[] { "base", "zone_loss:az1", "zone_loss:az2", "zone_loss:az3" }));
        PlanCandidate ten = outcome.Candidates.Single(c => c.MinUnits == 10 && c.MaxUnits == 10);
        Assert.That(ten.WorstFailure!.Case, Does.StartWith("zone_loss:"));
    }

    [Test]
    public void Run_NothingFeasible_NoAnswerAndEveryCandidateExplained()
    {
        // Given a p99 target below the service time itself (0.2 s)
        SweepTestSpec spec = SweepTestSupport.PlanSpec() with { Slo = new SloTargets(0.1) };

        // When
        PlanOutcome outcome = Plan(spec, zoneLoss: false);

        // Then
        Assert.That(outcome.Answer, Is.Null);
        Assert.That(outcome.CheaperFailures, Has.Count.EqualTo(outcome.Candidates.Count));
    }

    [Test]
    public void Run_VerdictTooCloseToCall_AddsReplicationsUpToTheMaximum()
    {
        // Given a p99 target at the 6-server value itself (0.535 s): its CI straddles it
        SweepTestSpec spec = SweepTestSupport.PlanSpec() with { Slo = new SloTargets(0.5352) };

        // When
        PlanOutcome outcome = Plan(spec, zoneLoss: false);

        // Then
        PlanCandidate six = outcome.Candidates.Single(c => c.MinUnits == 6 && c.MaxUnits == 6);
        Assert.That(six.Replications, Is.EqualTo(30));
        Assert.That(six.WorstFailure!.Status, Is.EqualTo(PlanStatus.TooClose));
        Assert.That(outcome.Candidates.Single(c => c.MinUnits == 4 && c.MaxUnits == 4).Replications, Is.EqualTo(5), "a clear failure stops at the first 5");
    }
}
