using System.Collections.Concurrent;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Experiments;

public sealed class SweepRunnerTests
{
    private static SweepTable RunAll(SweepDefinition def, SweepModel model, int parallel) =>
        SweepRunner.Run(def, model, [.. Enumerable.Range(0, def.Points.Count)], parallel, null, null, CancellationToken.None);

    private static IEnumerable<double> Values(SweepTableRow row) =>
        row.Metrics.Where(m => m.Name != "wall_s").SelectMany(m => new[] { m.Mean, m.Ci95Low, m.Ci95High, m.Min, m.Max });

    [Test]
    public void Run_TwoPointsWithTheSameConfiguration_GiveIdenticalResults()
    {
        // Given two points that differ only in id, between two other points (common random numbers)
        var model = new SweepTestModel(SweepTestSupport.SweepSpec(replications: 6));
        SweepDefinition def = model.Definition();
        SweepPoint twin = def.Points[2] with { Id = "twin" };
        def = def with { Points = [def.Points[0], def.Points[2], def.Points[5], twin] };

        // When
        SweepTable table = RunAll(def, model.Model(), parallel: 2);

        // Then: every measure's mean, CI, min and max match exactly; the noise is not zero
        Assert.That(Values(table.Rows[3]), Is.EqualTo(Values(table.Rows[1])));
        MetricSummary p99 = table.Rows[1].Metric("latency_p99_s")!;
        Assert.That(p99.Ci95High, Is.GreaterThan(p99.Ci95Low));
    }

    [Test]
    public void Run_ReplicationR_IsEvaluatedWithIndexRForEveryPoint()
    {
        // Given an evaluator that records what it was asked for
        var model = new SweepTestModel(SweepTestSupport.SweepSpec(replications: 3));
        SweepDefinition def = model.Definition();
        var calls = new ConcurrentBag<(string Id, int Replication)>();
        var recording = new SweepModel
        {
            Evaluate = (p, r, ct) =>
            {
                calls.Add((p.Id, r));
                return model.Evaluate(p, r, ct);
            },
            Summarize = Summaries.Summarize,
            BuildRunResult = SweepTestModel.RunResult,
        };

        // When
        RunAll(def, recording, parallel: 2);

        // Then: each point got replications 0, 1, 2 exactly once
        Assert.That(calls.OrderBy(c => c.Id).ThenBy(c => c.Replication),
            Is.EqualTo(def.Points.SelectMany(p => Enumerable.Range(0, 3).Select(r => (p.Id, r))).OrderBy(c => c.Id).ThenBy(c => c.r)));
    }

    [Test]
    public void Run_OneOrTwoThreads_SameTable()
    {
        // Given
        var model = new SweepTestModel(SweepTestSupport.SweepSpec(replications: 5));
        SweepDefinition def = model.Definition();

        // When
        SweepTable one = RunAll(def, model.Model(), 1);
        SweepTable two = RunAll(def, model.Model(), 2);

        // Then
        Assert.That(two.Rows.Select(r => r.Point.Id), Is.EqualTo(def.Points.Select(p => p.Id)));
        for (int i = 0; i < one.Rows.Count; i++)
        {
            Assert.That(Values(two.Rows[i]), Is.EqualTo(Values(one.Rows[i])), def.Points[i].Id);
        }
    }

    [Test]
    public void Run_EvaluatorReturnsAnotherReplication_Refuses()
    {
        // Given an evaluator that breaks common random numbers
        var model = new SweepTestModel(SweepTestSupport.SweepSpec(replications: 2));
        var broken = new SweepModel
        {
            Evaluate = (p, r, ct) => model.Evaluate(p, r + 1, ct),
            Summarize = Summaries.Summarize,
            BuildRunResult = SweepTestModel.RunResult,
        };

        // When / Then
        Assert.Throws<InvalidOperationException>(() => RunAll(model.Definition(), broken, 1));
    }

    [Test]
    public void IdentityHash_DependsOnPointsSeedAndReplicationsOnly()
    {
        // Given
        SweepDefinition def = new SweepTestModel(SweepTestSupport.SweepSpec()).Definition();

        // Then
        Assert.That(def.IdentityHash(), Is.EqualTo((def with { }).IdentityHash()));
        Assert.That((def with { Seed = 8 }).IdentityHash(), Is.Not.EqualTo(def.IdentityHash()));
        Assert.That((def with { Replications = 9 }).IdentityHash(), Is.Not.EqualTo(def.IdentityHash()));
        Assert.That((def with { Points = [.. def.Points.Skip(1)] }).IdentityHash(), Is.Not.EqualTo(def.IdentityHash()));
    }
}
