using System.Globalization;
using LookoutSim.Engine;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>One value of an uncertain field at a point of the uncertainty box.</summary>
/// <param name="Path">Field path, as for <c>--set</c>.</param>
/// <param name="Value">The value, in scenario syntax.</param>
/// <param name="U">The point's coordinate of this field in the unit cube (0 = low end, 1 = high end).</param>
public sealed record UncertaintyValue(string Path, string Value, double U);

/// <summary>
/// One point of the uncertainty box: the values of the fields it sets (a field it does not list
/// keeps its nominal value). Applied by loading the scenario again with <see cref="Overrides"/>
/// appended after the user's own <c>--set</c>s; every point runs with the scenario's seed, so the
/// points share their random streams (common random numbers).
/// </summary>
/// <param name="Index">Number of the point, from 1.</param>
/// <param name="Values">The fields' values, in the spec's field order.</param>
public sealed record UncertaintyPoint(int Index, EquatableArray<UncertaintyValue> Values)
{
    /// <summary><c>path=value</c> for each value.</summary>
    public IReadOnlyList<string> Overrides => UncertaintyOverrides.For(Values.Select(v => (v.Path, v.Value)));

    /// <summary>The values as one line: <c>service.base=55ms autoscaling.target=72.5%</c>.</summary>
    public override string ToString() => string.Join(' ', Overrides);
}

/// <summary>Samples of the uncertainty box.</summary>
public static class UncertaintySample
{
    /// <summary>The name of the random stream the sample draws from (with the seed).</summary>
    public const string StreamName = "uncertainty-sample";

    /// <summary>
    /// A Latin hypercube of <paramref name="n"/> points over the spec's fields: each field's range
    /// is cut into n equal strata and every stratum is hit by exactly one point, at a uniform
    /// position within it; the strata are matched across fields by independent random
    /// permutations. Drawn from a stream keyed by <paramref name="seed"/> alone, so the sample is
    /// the same on every machine, thread count and shard.
    /// </summary>
    public static IReadOnlyList<UncertaintyPoint> LatinHypercube(UncertaintySpec spec, int n, long seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var stream = new RandomStream(RandomStreams.KeyOf(unchecked((ulong)seed), 0, StreamName));
        int k = spec.Fields.Length;
        var u = new double[k, n];
        for (int j = 0; j < k; j++)
        {
            int[] perm = Enumerable.Range(0, n).ToArray();
            for (int i = n - 1; i > 0; i--)
            {
                int r = stream.NextIndex(i + 1);
                (perm[i], perm[r]) = (perm[r], perm[i]);
            }

            for (int i = 0; i < n; i++)
            {
                u[j, i] = (perm[i] + stream.NextUnit()) / n;
            }
        }

        var points = new List<UncertaintyPoint>(n);
        for (int i = 0; i < n; i++)
        {
            var values = new UncertaintyValue[k];
            for (int j = 0; j < k; j++)
            {
                UncertainField f = spec.Fields[j];
                values[j] = new UncertaintyValue(f.Path, f.ValueAt(u[j, i]), u[j, i]);
            }

            points.Add(new UncertaintyPoint(i + 1, EquatableArray.From(values)));
        }

        return points;
    }

    /// <summary>
    /// One field at a time: for each field, a point with the field at its low end and one with it
    /// at its high end; the others keep their nominal values (the points list only the one field).
    /// Points are numbered 1, 2 for the first field, 3, 4 for the second, and so on.
    /// </summary>
    public static IReadOnlyList<(UncertainField Field, UncertaintyPoint Low, UncertaintyPoint High)> OneAtATime(UncertaintySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var list = new List<(UncertainField, UncertaintyPoint, UncertaintyPoint)>(spec.Fields.Length);
        for (int j = 0; j < spec.Fields.Length; j++)
        {
            UncertainField f = spec.Fields[j];
            list.Add((
                f,
                new UncertaintyPoint((2 * j) + 1, [new UncertaintyValue(f.Path, f.Low, 0)]),
                new UncertaintyPoint((2 * j) + 2, [new UncertaintyValue(f.Path, f.High, 1)])));
        }

        return list;
    }

    /// <summary>The stratum (0..n−1) a coordinate <paramref name="u"/> falls in.</summary>
    public static int Stratum(double u, int n) => Math.Min(n - 1, (int)Math.Floor(u * n));

    /// <summary>A short label of a point: <c>#3</c>.</summary>
    public static string Label(UncertaintyPoint point) => "#" + point.Index.ToString(CultureInfo.InvariantCulture);
}
