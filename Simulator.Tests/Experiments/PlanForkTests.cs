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
/// bounds, <c>plan.csv</c> — as with every case run from time 0, whatever the number of workers.
/// Horizons are cut to a few hours to keep the test cheap.
/// </summary>
public sealed class PlanForkTests
{
    private static (string Json, string Csv, int Forked) Plan(string sample, bool fork, int parallel, params string[] sets)
    {
        string file = Path.Combine(LayeringTests.RepositoryRoot(), "samples", sample);
        SweepSetup setup = ScenarioSweep.Resolve(file, new SweepOverrides(null, null, [.. sets]));
        PlanInputs inputs = setup.Plan!;
        int forked = 0;
        Func<SweepPoint, IReadOnlyList<SweepPoint>, int, CancellationToken, IReadOnlyList<ReplicationResult>> evaluateZoneLoss = setup.Model.EvaluateZoneLoss!;
        var model = new SweepModel
        {
            Evaluate = setup.Model.Evaluate,
            EvaluateZoneLoss = (b, cases, r, ct) =>
            {
                Interlocked.Increment(ref forked);
                return evaluateZoneLoss(b, cases, r, ct);
            },
            Summarize = setup.Model.Summarize,
            Verdicts = setup.Model.Verdicts,
            BuildRunResult = setup.Model.BuildRunResult,
        };
        var request = new PlanRequest
        {
            Base = inputs.Base,
            Slo = inputs.Slo,
            PeakTps = inputs.PeakTps,
            RatedTpsPerUnit = inputs.RatedTpsPerUnit,
            Zones = inputs.Zones,
            ZoneLoss = true,
            BusiestHourS = inputs.BusiestHourS,
            Schedule = inputs.Schedule,
            StartLeadLimitS = inputs.StartLeadLimitS,
            StartReplications = 3,
            StepReplications = 2,
            MaxReplications = 7,
            Parallel = parallel,
            Shortcuts = true,
            ForkZoneLoss = fork,
        };
        PlanOutcome outcome = new Planner(request, model).Run(CancellationToken.None);
        return (JsonSerializer.Serialize(PlanCommand.ToJson(outcome, sample, inputs.Currency, "out")), SweepPlanFolder.Csv(outcome), forked);
    }

    [TestCase("three-zones-outage.yaml", "horizon=4h", "start=2024-01-01T11:00:00Z", "traffic[camera].rate=3/s")]
    [TestCase("trace-replay.yaml", "horizon=10h", "traffic[line-2].scale=0.5")]
    public void ForkZoneLoss_Sample_SamePlanAsEveryCaseFromTimeZero(string sample, params string[] sets)
    {
        // Given: every zone-loss case run from time 0, on one worker
        (string json, string csv, int forked) = Plan(sample, fork: false, parallel: 1, sets);

        // When: forked from one run of the base case per replication, on one and on two workers
        (string oneJson, string oneCsv, int oneForked) = Plan(sample, fork: true, parallel: 1, sets);
        (string twoJson, string twoCsv, int twoForked) = Plan(sample, fork: true, parallel: 2, sets);

        // Then: the same plan, byte for byte; and the fork was taken
        Assert.That(forked, Is.Zero, "fork off runs every case on its own");
        Assert.That(oneForked, Is.GreaterThan(0), "zone-loss cases were forked");
        Assert.That(twoForked, Is.GreaterThan(0), "zone-loss cases were forked");
        Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("candidates").EnumerateArray()
            .Any(c => c.GetRawText().Contains("zone_loss:", StringComparison.Ordinal)), Is.True, "some candidate was judged with a zone lost");
        Assert.That(oneJson, Is.EqualTo(json), "one worker");
        Assert.That(oneCsv, Is.EqualTo(csv), "one worker: plan.csv");
        Assert.That(twoJson, Is.EqualTo(json), "two workers");
        Assert.That(twoCsv, Is.EqualTo(csv), "two workers: plan.csv");
    }
}
