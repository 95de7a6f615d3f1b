using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// <c>plan --zone-loss</c> with the zone-loss cases forked from one run of their base case up to the
/// loss (<see cref="PlanRequest.ForkZoneLoss"/>) gives the same plan — answer, candidates, verdicts,
/// bounds, <c>plan.csv</c> — as with every case run from time 0, whatever the number of workers and
/// whether the cases start from a prefix of their own or from the state the base case's replication kept.
/// Horizons are cut to a few hours to keep the test cheap.
/// </summary>
public sealed class PlanForkTests
{
    private static (string Json, string Csv, int Forked, int Reused, int PeakKept) Plan(string sample, bool fork, bool keep, int parallel, params string[] sets)
    {
        string file = Path.Combine(LayeringTests.RepositoryRoot(), "samples", sample);
        SweepSetup setup = ScenarioSweep.Resolve(file, new SweepOverrides(null, null, [.. sets]));
        PlanInputs inputs = setup.Plan!;
        int forked = 0, reused = 0;
        Func<SweepPoint, IReadOnlyList<SweepPoint>, int, ZoneLossFork.Prefix?, CancellationToken, IReadOnlyList<ReplicationResult>> evaluateZoneLoss = setup.Model.EvaluateZoneLoss!;
        var model = new SweepModel
        {
            Evaluate = setup.Model.Evaluate,
            EvaluateZoneLoss = (b, cases, r, kept, ct) =>
            {
                Interlocked.Increment(ref forked);
                if (kept is not null)
                {
                    Interlocked.Increment(ref reused);
                }

                return evaluateZoneLoss(b, cases, r, kept, ct);
            },
            EvaluateKeeping = keep ? setup.Model.EvaluateKeeping : null,
            Summarize = setup.Model.Summarize,
            Verdicts = setup.Model.Verdicts,
            BuildRunResult = setup.Model.BuildRunResult,
        };
        PlanRequest request = SamplePlanRequests.From(inputs, zoneLoss: true, parallel, shortcuts: true, forkZoneLoss: fork);
        var planner = new Planner(request, model);
        PlanOutcome outcome = planner.Run(CancellationToken.None);
        return (JsonSerializer.Serialize(PlanCommand.ToJson(outcome, sample, inputs.Currency, "out")), SweepPlanFolder.Csv(outcome), forked, reused, planner.PeakKeptStates);
    }

    [TestCase("three-zones-outage.yaml", "horizon=3h", "start=2024-01-01T12:00:00Z", "traffic[camera].rate=3/s")]
    [TestCase("trace-replay.yaml", "horizon=10h", "traffic[line-2].scale=0.5")]
    public void ForkZoneLoss_Sample_SamePlanAsEveryCaseFromTimeZero(string sample, params string[] sets)
    {
        // Given: every zone-loss case run from time 0, on one worker
        (string json, string csv, int forked, _, int peakOff) = Plan(sample, fork: false, keep: false, parallel: 1, sets);

        // When: forked from one run of the base case up to the loss per replication (on two workers), and
        // from the state the base case's own replication kept (on one and on two workers)
        (string prefixJson, string prefixCsv, int prefixForked, int prefixReused, int peakPrefix) = Plan(sample, fork: true, keep: false, parallel: 2, sets);
        (string oneJson, string oneCsv, int oneForked, int oneReused, int peakOne) = Plan(sample, fork: true, keep: true, parallel: 1, sets);
        (string twoJson, string twoCsv, int twoForked, int twoReused, _) = Plan(sample, fork: true, keep: true, parallel: 2, sets);

        // Then: the same plan, byte for byte; and the fork was taken
        Assert.That(forked, Is.Zero, "fork off runs every case on its own");
        Assert.That(prefixForked, Is.GreaterThan(0), "zone-loss cases were forked");
        Assert.That(prefixReused, Is.Zero, "without kept states each job runs its prefix");
        Assert.That(oneReused, Is.GreaterThan(0).And.LessThanOrEqualTo(oneForked), "one worker: zone-loss jobs started from kept states (those past the base case's replications run their own prefix)");
        Assert.That(twoReused, Is.GreaterThan(0), "two workers: kept states were used");
        Assert.That((peakOff, peakPrefix), Is.EqualTo((0, 0)), "no state is kept without a keeping evaluator");
        Assert.That(peakOne, Is.InRange(1, 7), "one worker keeps at most the current candidate's base replications (7 at most here)");
        Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("candidates").EnumerateArray()
            .Any(c => c.GetRawText().Contains("zone_loss:", StringComparison.Ordinal)), Is.True, "some candidate was judged with a zone lost");
        Assert.That(prefixJson, Is.EqualTo(json), "one prefix per replication");
        Assert.That(prefixCsv, Is.EqualTo(csv), "one prefix per replication: plan.csv");
        Assert.That(oneJson, Is.EqualTo(json), "one worker");
        Assert.That(oneCsv, Is.EqualTo(csv), "one worker: plan.csv");
        Assert.That(twoJson, Is.EqualTo(json), "two workers");
        Assert.That(twoCsv, Is.EqualTo(csv), "two workers: plan.csv");
    }
}
