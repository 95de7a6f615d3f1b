using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Experiments;

/// <summary>The ranking and paired swings of <see cref="SensitivityAnalysis"/> on data made by hand.</summary>
public sealed class SensitivityAnalysisTests
{
    private static SensitivityData Data(params (double[] Low, double[] High)[] fields)
    {
        double[] nominal = [2, 3, 4];
        var points = new List<SensitivityPoint> { Point(0, "nominal", nominal) };
        for (int f = 0; f < fields.Length; f++)
        {
            points.Add(Point(SensitivityDesign.LowIndex(f), $"low-{f + 1}", fields[f].Low));
            points.Add(Point(SensitivityDesign.HighIndex(f), $"high-{f + 1}", fields[f].High));
        }

        return new SensitivityData
        {
            Scenario = "hand",
            ScenarioSha256 = "0",
            Seed = 1,
            Replications = 3,
            Samples = 0,
            Currency = "USD",
            Slo = SloTargets.None,
            Fields = [.. fields.Select((_, f) => new SensitivityField($"f{f + 1}", "1", "0", "2", "assumption"))],
            Measures = [Measure.LatencyP99S.Name],
            Points = points,
        };
    }

    private static SensitivityPoint Point(int index, string id, double[] values) => new(index, id, [], [values]);

    [Test]
    public void Analyze_Fields_RankedBySizeOfSwingWhateverItsSign()
    {
        // Given f1 lowering the measure by 3 and f2 raising it by 2, both exactly in every replication
        SensitivityData data = Data(([4, 5, 6], [1, 2, 3]), ([1, 2, 3], [3, 4, 5]));

        // When analysed
        IReadOnlyList<SensitivityRow> rows = SensitivityAnalysis.Analyze(data).Of(Measure.LatencyP99S.Name);

        // Then f1 (swing −3) ranks before f2 (+2), each with a zero-width paired interval
        Assert.That(rows.Select(r => (r.Field.Path, r.Rank)), Is.EqualTo(new[] { ("f1", 1), ("f2", 2) }));
        Assert.That(rows[0].Swing.Mean, Is.EqualTo(-3).Within(1e-12));
        Assert.That(rows[0].Swing.Ci95High, Is.EqualTo(-3).Within(1e-12));
        Assert.That(rows[1].Swing.Mean, Is.EqualTo(2).Within(1e-12));
        Assert.That(rows.All(r => r.Significant), Is.True);
    }

    [Test]
    public void Analyze_PairsWithAMissingValue_AreLeftOut()
    {
        // Given a field whose low end has no value in replication 0
        SensitivityData data = Data(([double.NaN, 1, 1], [5, 1, 2]));

        // When analysed
        SensitivityRow row = SensitivityAnalysis.Analyze(data).Of(Measure.LatencyP99S.Name).Single();

        // Then the swing is the mean of the two complete pairs (0 and 1), and the ends' means use every value they have
        Assert.That(row.Swing.Mean, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(row.AtLow.Mean, Is.EqualTo(1).Within(1e-12));
        Assert.That(row.AtHigh.Mean, Is.EqualTo(8.0 / 3).Within(1e-12));
        Assert.That(row.Swing.Ci95Low, Is.LessThan(0), "two pairs 0 and 1: the interval holds 0");
        Assert.That(row.Significant, Is.False);
    }

    [Test]
    public void Analyze_NoisyDifferences_IntervalIsTheDifferencesStudentT()
    {
        // Given paired differences 1, 2, 3
        SensitivityData data = Data(([0, 0, 0], [1, 2, 3]));

        // When analysed
        SensitivityRow row = SensitivityAnalysis.Analyze(data).Of(Measure.LatencyP99S.Name).Single();

        // Then mean 2 ± t(0.975, 2) × 1 / √3 = 2 ± 2.4841
        Assert.That(row.Swing.Mean, Is.EqualTo(2).Within(1e-12));
        Assert.That(row.Swing.Ci95High - row.Swing.Mean, Is.EqualTo(4.302652729749464 / Math.Sqrt(3)).Within(1e-9));
        Assert.That(row.Nominal.Mean, Is.EqualTo(3).Within(1e-12));
        Assert.That(row.HighFromNominal!.Mean, Is.EqualTo(-1).Within(1e-12));
    }

    [Test]
    public void Analyze_MissingPoint_Throws()
    {
        // Given data without the high end of its field
        SensitivityData data = Data(([0, 0, 0], [1, 2, 3]));
        data = data with { Points = [.. data.Points.Take(2)] };

        // When analysed / Then it says a point is missing
        Assert.That(() => SensitivityAnalysis.Analyze(data), Throws.ArgumentException.With.Message.Contains("point 2 is missing"));
    }
}
