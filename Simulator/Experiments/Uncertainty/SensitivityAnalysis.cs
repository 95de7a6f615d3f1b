using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// The answer of a <c>sensitivity</c> run, drawn from its <see cref="SensitivityData"/>: for each
/// key measure, each field's mean at its low end, at nominal and at its high end with 95%
/// confidence intervals, and its swing, ranked; and the sample's measures point by point.
/// </summary>
/// <remarks>
/// The swing is the mean over replications of the paired difference (measure at the high end −
/// measure at the low end, same replication, so same random streams), with the 95% Student-t
/// interval of those differences: the noise the two ends share cancels, so the interval is much
/// narrower than the two ends' own intervals suggest. Replications where either end has no value
/// are left out of the pairs. Fields are ranked by the size of the swing, largest first (ties,
/// and swings without a value, in the spec's order after the others).
/// </remarks>
public static class SensitivityAnalysis
{
    /// <summary>Analyses the whole run's data.</summary>
    /// <exception cref="ArgumentException">When a point of the design is missing.</exception>
    public static SensitivityResult Analyze(SensitivityData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var byIndex = data.Points.ToDictionary(p => p.Index);
        SensitivityPoint At(int index) => byIndex.TryGetValue(index, out SensitivityPoint? p) ? p : throw new ArgumentException($"point {index} is missing", nameof(data));

        SensitivityPoint nominal = At(0);
        var rows = new List<SensitivityRow>();
        var nominals = new List<MetricSummary>();
        for (int m = 0; m < data.Measures.Count; m++)
        {
            string name = data.Measures[m];
            string unit = MeasureNames.UnitOf(name);
            MetricSummary atNominal = Summarize(name, unit, nominal.Replications[m]);
            nominals.Add(atNominal);
            var measureRows = new List<SensitivityRow>();
            for (int f = 0; f < data.Fields.Count; f++)
            {
                double[] low = At(SensitivityDesign.LowIndex(f)).Replications[m];
                double[] high = At(SensitivityDesign.HighIndex(f)).Replications[m];
                double[] mid = nominal.Replications[m];
                measureRows.Add(new SensitivityRow(
                    data.Fields[f],
                    name,
                    Summarize(name, unit, low),
                    atNominal,
                    Summarize(name, unit, high),
                    Paired(name, unit, high, low),
                    0)
                {
                    LowFromNominal = Paired(name, unit, low, mid),
                    HighFromNominal = Paired(name, unit, high, mid),
                });
            }

            int rank = 1;
            rows.AddRange(measureRows
                .Select((row, f) => (Row: row, Field: f))
                .OrderBy(x => double.IsNaN(x.Row.Swing.Mean) ? 1 : 0)
                .ThenByDescending(x => double.IsNaN(x.Row.Swing.Mean) ? 0 : Math.Abs(x.Row.Swing.Mean))
                .ThenBy(x => x.Field)
                .Select(x => x.Row with { Rank = rank++ }));
        }

        var sample = new List<SensitivitySampleRow>();
        for (int k = 0; k < data.Samples; k++)
        {
            SensitivityPoint p = At(SensitivityDesign.SampleIndex(data.Fields.Count, k));
            sample.Add(new SensitivitySampleRow(
                k + 1,
                [.. data.Fields.Select(f => p.Values.FirstOrDefault(v => v.Path == f.Path)?.Value ?? f.Nominal)],
                [.. data.Measures.Select((name, m) => Summarize(name, MeasureNames.UnitOf(name), p.Replications[m]))]));
        }

        return new SensitivityResult(data, rows, nominals, sample);
    }

    /// <summary>Mean and 95% interval of <paramref name="a"/>[r] − <paramref name="b"/>[r] over the replications where both have a value.</summary>
    private static MetricSummary Paired(string name, string unit, double[] a, double[] b)
    {
        var diffs = new List<double>();
        for (int r = 0; r < Math.Min(a.Length, b.Length); r++)
        {
            if (!double.IsNaN(a[r]) && !double.IsNaN(b[r]))
            {
                diffs.Add(a[r] - b[r]);
            }
        }

        return Summaries.SummarizeDifferences(name, unit, diffs);
    }

    private static MetricSummary Summarize(string name, string unit, double[] values) =>
        Summaries.Summarize(name, unit, [.. values.Where(v => !double.IsNaN(v))]);
}

/// <summary>The answer of a <c>sensitivity</c> run.</summary>
/// <param name="Data">What was measured.</param>
/// <param name="Rows">One row per (measure, field): measures in <see cref="SensitivityData.Measures"/> order, fields by rank within each.</param>
/// <param name="Nominal">Each measure at the nominal point, in <see cref="SensitivityData.Measures"/> order.</param>
/// <param name="Sample">The sample points, in order.</param>
public sealed record SensitivityResult(SensitivityData Data, IReadOnlyList<SensitivityRow> Rows, IReadOnlyList<MetricSummary> Nominal, IReadOnlyList<SensitivitySampleRow> Sample)
{
    /// <summary>The rows of one measure, by rank.</summary>
    public IReadOnlyList<SensitivityRow> Of(string measure) => [.. Rows.Where(r => r.Measure == measure)];
}

/// <summary>One field's effect on one measure.</summary>
/// <param name="Field">The field.</param>
/// <param name="Measure">Measure name.</param>
/// <param name="AtLow">The measure with the field at its low end (the others nominal).</param>
/// <param name="Nominal">The measure at the nominal point.</param>
/// <param name="AtHigh">The measure with the field at its high end.</param>
/// <param name="Swing">Mean and 95% interval of the paired difference high − low over replications.</param>
/// <param name="Rank">1 for the field with the largest swing.</param>
public sealed record SensitivityRow(SensitivityField Field, string Measure, MetricSummary AtLow, MetricSummary Nominal, MetricSummary AtHigh, MetricSummary Swing, int Rank)
{
    /// <summary>The paired difference low end − nominal (mean, 95% interval): how sure the low bar of a tornado chart is.</summary>
    public MetricSummary? LowFromNominal { get; init; }

    /// <summary>The paired difference high end − nominal (mean, 95% interval).</summary>
    public MetricSummary? HighFromNominal { get; init; }

    /// <summary>Whether neither end moved the measure at all, in any replication (the same value as nominal throughout).</summary>
    public bool NoChange =>
        Swing is { Mean: 0, Ci95Low: 0, Ci95High: 0 }
        && LowFromNominal is null or { Mean: 0, Ci95Low: 0, Ci95High: 0 }
        && HighFromNominal is null or { Mean: 0, Ci95Low: 0, Ci95High: 0 };

    /// <summary>How a row is marked when its swing is not significant: <c>no change</c> or <c>within noise</c>; empty when significant.</summary>
    public string Mark => Significant ? "" : NoChange ? "no change" : "within noise";

    /// <summary>Whether the swing's 95% interval leaves out 0 (the field moves the measure beyond the noise).</summary>
    public bool Significant => Swing.Ci95Low > 0 || Swing.Ci95High < 0;
}

/// <summary>One sample point's values and measures.</summary>
/// <param name="Index">1-based.</param>
/// <param name="Values">Each field's value, in the fields' order.</param>
/// <param name="Measures">Each measure across replications, in <see cref="SensitivityData.Measures"/> order.</param>
public sealed record SensitivitySampleRow(int Index, IReadOnlyList<string> Values, IReadOnlyList<MetricSummary> Measures);
