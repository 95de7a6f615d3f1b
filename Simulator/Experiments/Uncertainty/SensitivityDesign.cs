using System.Globalization;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>
/// The points <c>sensitivity</c> runs, as a sweep: the nominal scenario first, then every
/// uncertain field at its low and at its high end with the others at their nominal value (one at
/// a time), then a Latin-hypercube sample of the whole box. Every point runs replication r with
/// the streams of (seed, r): common random numbers, so the difference between two points is the
/// fields' and not the noise's.
/// </summary>
/// <remarks>
/// Point order (the sweep order, the order of shard assignment): <c>nominal</c>; for field i
/// (1-based, the spec's order) <c>low-i</c> then <c>high-i</c>; then <c>sample-k</c>, k = 1 … N.
/// A one-at-a-time point sets only its field (the rest is the scenario as written); a sample point
/// sets every field.
/// </remarks>
public sealed record SensitivityDesign
{
    /// <summary>The id of the nominal point.</summary>
    public const string NominalId = "nominal";

    /// <summary>The points as a sweep (fields: the uncertain field paths).</summary>
    public required SweepDefinition Definition { get; init; }

    /// <summary>The uncertain fields, in the spec's order.</summary>
    public required IReadOnlyList<UncertainField> Fields { get; init; }

    /// <summary>The Latin-hypercube sample, in its order.</summary>
    public required IReadOnlyList<UncertaintyPoint> Sample { get; init; }

    /// <summary>Position of the low end of field <paramref name="field"/> (0-based) in the points.</summary>
    public static int LowIndex(int field) => 1 + (2 * field);

    /// <summary>Position of the high end of field <paramref name="field"/> (0-based) in the points.</summary>
    public static int HighIndex(int field) => 2 + (2 * field);

    /// <summary>Position of sample point <paramref name="k"/> (0-based) among <paramref name="fields"/> fields' points.</summary>
    public static int SampleIndex(int fields, int k) => 1 + (2 * fields) + k;

    /// <summary>Number of points for <paramref name="fields"/> fields and <paramref name="samples"/> sample points.</summary>
    public static int PointCount(int fields, int samples) => 1 + (2 * fields) + samples;

    /// <summary>The point ids of a design, by index.</summary>
    public static IReadOnlyList<string> PointIds(int fields, int samples)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var ids = new List<string>(PointCount(fields, samples)) { NominalId };
        for (int i = 1; i <= fields; i++)
        {
            ids.Add(string.Create(c, $"low-{i}"));
            ids.Add(string.Create(c, $"high-{i}"));
        }

        for (int k = 1; k <= samples; k++)
        {
            ids.Add(string.Create(c, $"sample-{k}"));
        }

        return ids;
    }

    /// <summary>
    /// The design of <paramref name="spec"/> over the scenario sweep <paramref name="nominal"/>
    /// (a single point without parameters), with <paramref name="samples"/> sample points drawn
    /// with <paramref name="sampleSeed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The spec has no field, or the sweep is not one plain point.</exception>
    public static SensitivityDesign Create(SweepDefinition nominal, UncertaintySpec spec, int samples, long sampleSeed)
    {
        ArgumentNullException.ThrowIfNull(nominal);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        if (spec.Fields.IsEmpty)
        {
            throw new ArgumentException("no uncertain field", nameof(spec));
        }

        if (nominal.Points.Count != 1 || nominal.Points[0].Parameters.Count != 0)
        {
            throw new ArgumentException("the nominal sweep must be one point without parameters", nameof(nominal));
        }

        IReadOnlyList<string> ids = PointIds(spec.Fields.Length, samples);
        var points = new List<SweepPoint> { new(ids[0], []) };
        IReadOnlyList<(UncertainField Field, UncertaintyPoint Low, UncertaintyPoint High)> ends = UncertaintySample.OneAtATime(spec);
        for (int i = 0; i < ends.Count; i++)
        {
            (UncertainField field, UncertaintyPoint low, UncertaintyPoint high) = ends[i];
            points.Add(new SweepPoint(ids[LowIndex(i)], [new(field.Path, ValueOf(low, field))]));
            points.Add(new SweepPoint(ids[HighIndex(i)], [new(field.Path, ValueOf(high, field))]));
        }

        IReadOnlyList<UncertaintyPoint> sample = samples == 0 ? [] : UncertaintySample.LatinHypercube(spec, samples, sampleSeed);
        for (int k = 0; k < sample.Count; k++)
        {
            points.Add(new SweepPoint(ids[SampleIndex(ends.Count, k)], [.. sample[k].Values.Select(v => new KeyValuePair<string, string>(v.Path, v.Value))]));
        }

        return new SensitivityDesign
        {
            Definition = nominal with { Fields = [.. spec.Fields.Select(f => f.Path)], Points = points },
            Fields = [.. spec.Fields],
            Sample = sample,
        };
    }

    /// <summary>The value a one-at-a-time point gives its own field (the other fields stay as the scenario has them).</summary>
    private static string ValueOf(UncertaintyPoint point, UncertainField field) =>
        point.Values.First(v => v.Path == field.Path).Value;
}
