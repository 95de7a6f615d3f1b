using LookoutSim.Experiments;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// What the planner offers idle workers while it judges a candidate (see
/// <see cref="PlanRequest.Shortcuts"/>): the order decides which replications fill a turn that would
/// otherwise be idle. That the plan stays the same whatever is run ahead is
/// <see cref="PlanShortcutTests"/>' business; these check what is offered, and in which order.
/// </summary>
public sealed class PlanAheadTests
{
    private static Planner Planner(bool zoneLoss, bool shortcuts = true, int parallel = 2)
    {
        SweepTestSpec spec = SweepTestSupport.PlanSpec();
        var model = new SweepTestModel(spec);
        var request = new PlanRequest
        {
            Base = model.BasePoint(),
            Slo = spec.Slo,
            PeakTps = spec.PeakTps,
            RatedTpsPerUnit = spec.TpsPerUnit,
            Targets = ["50%"],
            ZoneLoss = zoneLoss,
            Zones = spec.Zones,
            BusiestHourS = spec.BusiestHourS,
            StartReplications = 3,
            StepReplications = 2,
            MaxReplications = 7,
            Parallel = parallel,
            Shortcuts = shortcuts,
        };
        return new Planner(request, model.Model());
    }

    private static string[] Shown(IReadOnlyList<(SweepPoint Point, int Replication)> jobs) =>
        [.. jobs.Select(j => j.Point.Id + "#" + j.Replication)];

    [Test]
    public void Ahead_BasePhaseWithZoneLoss_OffersTheZoneLossCasesBeforeTheNextCandidates()
    {
        // Given: the naive fixed deployment, about to ask for its base case's first 3 replications
        Planner planner = Planner(zoneLoss: true);
        int naive = (int)Math.Ceiling(SweepTestSupport.PlanSpec().PeakTps / SweepTestSupport.PlanSpec().TpsPerUnit);
        string id = $"min{naive}-max{naive}";

        // When
        string[] jobs = Shown(planner.AheadOfFirst(naive, naive, zonePhase: false, have: 0, asked: 3));

        // Then: its own 3, then every zone's first 3 (by replication), then the next candidates, then its next step
        string[] zones = [.. SweepTestSupport.PlanSpec().Zones];
        Assert.That(jobs[..3], Is.EqualTo(new[] { id + "#0", id + "#1", id + "#2" }));
        Assert.That(jobs[3..(3 + (3 * zones.Length))], Is.EqualTo(
            Enumerable.Range(0, 3).SelectMany(r => zones.Select(z => $"{id}-loss-{z}#{r}")).ToArray()));
        string[] rest = jobs[(3 + (3 * zones.Length))..];
        Assert.That(rest[^2..], Is.EqualTo(new[] { id + "#3", id + "#4" }), "the next step last, when no verdict was too close yet");
        Assert.That(rest[..^2], Is.Not.Empty.And.All.Not.StartWith(id), "the next candidates' first replications in between");
    }

    [Test]
    public void Ahead_AfterAVerdictTooClose_OffersTheNextStepBeforeTheNextCandidates()
    {
        // Given: the base case already stepped once (3 handed out, 5 asked)
        Planner planner = Planner(zoneLoss: true);
        int naive = (int)Math.Ceiling(SweepTestSupport.PlanSpec().PeakTps / SweepTestSupport.PlanSpec().TpsPerUnit);
        string id = $"min{naive}-max{naive}";
        string[] zones = [.. SweepTestSupport.PlanSpec().Zones];

        // When
        string[] jobs = Shown(planner.AheadOfFirst(naive, naive, zonePhase: false, have: 3, asked: 5));

        // Then: not those handed out (they would run again); its next step before the zone-loss cases
        // (wasted if the base case ends failing) and the next candidates
        Assert.That(jobs[..4], Is.EqualTo(Enumerable.Range(3, 4).Select(r => $"{id}#{r}").ToArray()));
        Assert.That(jobs[4..(4 + (3 * zones.Length))], Is.EqualTo(
            Enumerable.Range(0, 3).SelectMany(r => zones.Select(z => $"{id}-loss-{z}#{r}")).ToArray()));
        Assert.That(jobs[(4 + (3 * zones.Length))..], Is.Not.Empty.And.All.Not.StartWith(id));
    }

    [Test]
    public void Ahead_ZonePhase_OffersTheZoneLossCasesThenTheNextCandidatesThenTheirNextStep()
    {
        // Given
        Planner planner = Planner(zoneLoss: true);
        int naive = (int)Math.Ceiling(SweepTestSupport.PlanSpec().PeakTps / SweepTestSupport.PlanSpec().TpsPerUnit);
        string id = $"min{naive}-max{naive}";
        string[] zones = [.. SweepTestSupport.PlanSpec().Zones];

        // When
        string[] jobs = Shown(planner.AheadOfFirst(naive, naive, zonePhase: true, have: 0, asked: 3));

        // Then: no base replication (its verdict is in), the zone-loss cases' next step last
        int n = zones.Length;
        Assert.That(jobs[..(3 * n)], Is.EqualTo(Enumerable.Range(0, 3).SelectMany(r => zones.Select(z => $"{id}-loss-{z}#{r}")).ToArray()));
        Assert.That(jobs[^(2 * n)..], Is.EqualTo(Enumerable.Range(3, 2).SelectMany(r => zones.Select(z => $"{id}-loss-{z}#{r}")).ToArray()));
        Assert.That(jobs[(3 * n)..^(2 * n)], Is.Not.Empty.And.All.Not.StartWith(id));
    }

    [Test]
    public void Run_NothingAhead_CountsEveryReplicationTheSearchAskedFor()
    {
        // Given: one worker, nothing run ahead
        Planner planner = Planner(zoneLoss: false, shortcuts: false, parallel: 1);

        // When
        PlanOutcome outcome = planner.Run(CancellationToken.None);

        // Then: every replication run was asked for, and the search line says so
        Assert.That(planner.Replications, Is.EqualTo(outcome.Candidates.Sum(c => c.Replications)));
        Assert.That((planner.RanAhead, planner.UsedAhead), Is.EqualTo((0, 0)));
        Assert.That(planner.UnusedSeconds, Is.EqualTo(0).Within(1e-9));
        Assert.That(planner.BusySeconds, Is.GreaterThan(0));
        Assert.That(LookoutSim.Cli.PlanCommand.SearchLine(planner, 1, 10), Does.StartWith(
            $"plan: search: {planner.Replications} replications on 1 workers in 10.0 s, 0 run ahead (0 used); workers busy "));
    }
}
