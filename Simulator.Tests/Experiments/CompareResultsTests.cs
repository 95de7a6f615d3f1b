using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Experiments;

public sealed class CompareResultsTests
{
    private static MetricSummary M(string name, double mean, double half) =>
        new(name, MeasureNames.UnitOf(name), mean, mean - half, mean + half, double.NaN, double.NaN);

    private static ResultsPoint P(string id, int minUnits, double cost, double availability, double wall = 10) =>
        new(id, [new("deployment.min_units", minUnits.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [M("cost", cost, 5), M("availability", availability, 0.0002), M("wall_s", wall, 1)]);

    [Test]
    public void Compare_Sweeps_MatchesPointsByIdAndReportsAddedAndRemoved()
    {
        // Given p1 only in the baseline, p4 only in the current folder, p2 regressed on availability
        var baseline = new ResultsSet("base", ResultsKind.Sweep, [P("p1", 2, 4480, 0.990), P("p2", 3, 6720, 0.9995), P("p3", 4, 8960, 0.9999)]);
        var current = new ResultsSet("cur", ResultsKind.Sweep, [P("p3", 4, 8960, 0.9999, wall: 99), P("p2", 3, 6720, 0.930), P("p4", 5, 11200, 0.99995)]);

        // When
        CompareReport report = CompareResults.Compare(baseline, current, CompareTolerances.Standard);

        // Then
        Assert.Multiple(() =>
        {
            Assert.That(report.Points.Select(p => p.Id), Is.EqualTo(new[] { "p2", "p3" }));
            Assert.That(report.PointsAdded, Is.EqualTo(new[] { "p4" }));
            Assert.That(report.PointsRemoved, Is.EqualTo(new[] { "p1" }));
            Assert.That(report.Regressions, Is.EqualTo(1));
            Assert.That(report.Points[0].Measures.Single(m => m.Measure == "availability").Verdict, Is.EqualTo(CompareVerdict.Regressed));
            Assert.That(report.Points.SelectMany(p => p.Measures).Select(m => m.Measure), Has.None.EqualTo("wall_s"));
        });
    }

    [Test]
    public void Compare_OnlyAddedAndRemovedPoints_NoRegression()
    {
        var baseline = new ResultsSet("base", ResultsKind.Sweep, [P("p1", 2, 4480, 0.990), P("p2", 3, 6720, 0.9995)]);
        var current = new ResultsSet("cur", ResultsKind.Sweep, [P("p2", 3, 6720, 0.9995), P("p3", 4, 8960, 0.9999)]);

        CompareReport report = CompareResults.Compare(baseline, current, CompareTolerances.Standard);

        Assert.That(report.HasRegression, Is.False);
        Assert.That(report.PointsAdded, Has.Count.EqualTo(1));
        Assert.That(report.PointsRemoved, Has.Count.EqualTo(1));
    }

    [Test]
    public void Compare_PointWithChangedParameters_ComparedByIdAndDifferenceReported()
    {
        var baseline = new ResultsSet("base", ResultsKind.Sweep, [P("p1", 2, 4480, 0.990)]);
        var current = new ResultsSet("cur", ResultsKind.Sweep, [P("p1", 3, 4480, 0.990)]);

        CompareReport report = CompareResults.Compare(baseline, current, CompareTolerances.Standard);

        Assert.That(report.Points[0].ParameterDifferences, Is.EqualTo(new[] { "deployment.min_units: 2 → 3" }));
    }

    [Test]
    public void Compare_MeasureOnOneSideOnly_ListedAndNotCompared()
    {
        var baseline = new ResultsSet("base", ResultsKind.Run, [new ResultsPoint("", [], [M("cost", 100, 1), M("retries", 5, 1)])]);
        var current = new ResultsSet("cur", ResultsKind.Run, [new ResultsPoint("", [], [M("cost", 100, 1), M("timeouts", 3, 1)])]);

        CompareReport report = CompareResults.Compare(baseline, current, CompareTolerances.Standard);

        Assert.Multiple(() =>
        {
            Assert.That(report.MeasuresOnlyInBaseline, Is.EqualTo(new[] { "retries" }));
            Assert.That(report.MeasuresOnlyInCurrent, Is.EqualTo(new[] { "timeouts" }));
            Assert.That(report.Points[0].Measures.Select(m => m.Measure), Is.EqualTo(new[] { "cost" }));
        });
    }

    [Test]
    public void Compare_RunAgainstSweep_Refused()
    {
        var run = new ResultsSet("a", ResultsKind.Run, []);
        var sweep = new ResultsSet("b", ResultsKind.Sweep, []);

        Assert.Throws<ArgumentException>(() => CompareResults.Compare(run, sweep, CompareTolerances.Standard));
    }
}
