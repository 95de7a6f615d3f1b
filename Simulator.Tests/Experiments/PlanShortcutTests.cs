using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// The planner's shortcuts (replications run ahead on idle workers, see <see cref="PlanRequest.Shortcuts"/>)
/// change how long a plan takes, never what it says: on every sample that <c>plan</c> accepts, the
/// plan with shortcuts on and two or three workers is the same, candidate by candidate and verdict
/// by verdict, as the plan with shortcuts off on one worker (the search as written, one replication
/// at a time). Horizons are cut to a few hours to keep the test cheap; candidates start with an odd
/// number of replications so that two workers have an idle turn, and the shortcut is checked to
/// have been taken.
/// </summary>
public sealed class PlanShortcutTests
{
    private static readonly string[] Samples =
        ["spec-example.yaml", "steady.yaml", "sweep-units.yaml", "three-zones-outage.yaml", "trace-replay.yaml", "weekday-shifts.yaml", "bench.yaml"];

    private static (string Json, Planner Planner) Plan(string sample, bool shortcuts, int parallel, bool zoneLoss)
    {
        string file = Path.Combine(LayeringTests.RepositoryRoot(), "samples", sample);
        SweepSetup setup = ScenarioSweep.Resolve(file, new SweepOverrides(null, null, ["horizon=4h", "warmup=10m"]));
        PlanInputs inputs = setup.Plan!;
        PlanRequest request = SamplePlanRequests.From(inputs, zoneLoss, parallel, shortcuts);
        var planner = new Planner(request, setup.Model);
        PlanOutcome outcome = planner.Run(CancellationToken.None);
        return (JsonSerializer.Serialize(PlanCommand.ToJson(outcome, sample, inputs.Currency, "out")), planner);
    }

    [Test]
    public void Shortcuts_EverySample_SamePlanAsTheFullSearch([ValueSource(nameof(Samples))] string sample)
    {
        // Given: the search as written, one replication at a time
        (string full, Planner reference) = Plan(sample, shortcuts: false, parallel: 1, zoneLoss: false);

        // When: with replications run ahead, on two and on three workers
        (string two, Planner fast) = Plan(sample, shortcuts: true, parallel: 2, zoneLoss: false);
        (string three, _) = Plan(sample, shortcuts: true, parallel: 3, zoneLoss: false);

        // Then: the same candidates, verdicts, bounds and answer, byte for byte; and the shortcut was taken
        Assert.That(reference.RanAhead, Is.Zero, "shortcuts off runs nothing ahead");
        Assert.That(two, Is.EqualTo(full), "two workers with shortcuts");
        Assert.That(three, Is.EqualTo(full), "three workers with shortcuts");
        Assert.That(fast.RanAhead, Is.GreaterThan(0), "idle workers ran replications ahead");
        if (JsonDocument.Parse(full).RootElement.GetProperty("candidates").GetArrayLength() > 1)
        {
            Assert.That(fast.UsedAhead, Is.GreaterThan(0), "some of them were then asked for");
        }
    }

    [Test]
    public void Shortcuts_ZoneLoss_SamePlanAsTheFullSearch()
    {
        // When: the zone-loss cases of three-zones-outage (run on demand, after the base case's replications run ahead)
        (string full, _) = Plan("three-zones-outage.yaml", shortcuts: false, parallel: 1, zoneLoss: true);
        (string fast, Planner planner) = Plan("three-zones-outage.yaml", shortcuts: true, parallel: 2, zoneLoss: true);

        // Then
        Assert.That(fast, Is.EqualTo(full));
        Assert.That(planner.RanAhead, Is.GreaterThan(0));
    }
}
