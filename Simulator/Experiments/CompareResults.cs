using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// Compares two results folders (as read into <see cref="ResultsSet"/>s): points are matched by
/// id (a run is one point), measures by name, and each pair is judged by <see cref="CompareRules"/>.
/// Pure: no file I/O.
/// </summary>
public static class CompareResults
{
    /// <summary>Compares <paramref name="current"/> against <paramref name="baseline"/>.</summary>
    /// <exception cref="ArgumentException">One is a run and the other a sweep.</exception>
    public static CompareReport Compare(ResultsSet baseline, ResultsSet current, CompareTolerances tolerances)
    {
        if (baseline.Kind != current.Kind)
        {
            throw new ArgumentException(
                $"cannot compare a {KindName(baseline.Kind)} folder ({baseline.Path}) with a {KindName(current.Kind)} folder ({current.Path})");
        }

        List<string> baseMeasures = MeasureOrder(baseline);
        List<string> curMeasures = MeasureOrder(current);
        var curSet = curMeasures.ToHashSet(StringComparer.Ordinal);
        var baseSet = baseMeasures.ToHashSet(StringComparer.Ordinal);
        List<string> shared = baseMeasures.Where(curSet.Contains).ToList();

        var curById = new Dictionary<string, ResultsPoint>(StringComparer.Ordinal);
        foreach (ResultsPoint p in current.Points)
        {
            curById.TryAdd(p.Id, p);
        }

        var baseIds = baseline.Points.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var points = new List<PointComparison>();
        var removed = new List<string>();
        foreach (ResultsPoint b in baseline.Points)
        {
            if (!curById.TryGetValue(b.Id, out ResultsPoint? c))
            {
                removed.Add(b.Id);
                continue;
            }

            points.Add(ComparePoint(b, c, shared, tolerances));
        }

        return new CompareReport(
            baseline,
            current,
            tolerances,
            points,
            current.Points.Select(p => p.Id).Where(id => !baseIds.Contains(id)).Distinct(StringComparer.Ordinal).ToList(),
            removed,
            baseMeasures.Where(m => !curSet.Contains(m)).ToList(),
            curMeasures.Where(m => !baseSet.Contains(m)).ToList());
    }

    /// <summary>Compares one point's measures named in <paramref name="measures"/>.</summary>
    public static PointComparison ComparePoint(ResultsPoint baseline, ResultsPoint current, IReadOnlyList<string> measures, CompareTolerances tolerances)
    {
        Dictionary<string, MetricSummary> b = ByName(baseline);
        Dictionary<string, MetricSummary> c = ByName(current);
        var rows = new List<MeasureComparison>(measures.Count);
        foreach (string name in measures)
        {
            b.TryGetValue(name, out MetricSummary? bv);
            c.TryGetValue(name, out MetricSummary? cv);
            MeasureDirection direction = CompareRules.DirectionOf(name);
            double tolerance = tolerances.For(name);
            (double change, CompareVerdict verdict) = CompareRules.Judge(bv, cv, tolerance, direction);
            string unit = bv?.Unit is { Length: > 0 } u ? u : cv?.Unit is { Length: > 0 } u2 ? u2 : MeasureNames.UnitOf(name);
            rows.Add(new MeasureComparison(name, unit, bv, cv, change, tolerance, direction, verdict));
        }

        return new PointComparison(current.Id, current.Parameters, ParameterDifferences(baseline, current), rows);
    }

    private static List<string> ParameterDifferences(ResultsPoint baseline, ResultsPoint current)
    {
        var diffs = new List<string>();
        var cur = current.Parameters.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach ((string name, string value) in baseline.Parameters)
        {
            if (!cur.TryGetValue(name, out string? now))
            {
                diffs.Add($"{name}: {value} → (absent)");
            }
            else if (!string.Equals(value, now, StringComparison.Ordinal))
            {
                diffs.Add($"{name}: {value} → {now}");
            }
        }

        var baseNames = baseline.Parameters.Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        foreach ((string name, string value) in current.Parameters)
        {
            if (!baseNames.Contains(name))
            {
                diffs.Add($"{name}: (absent) → {value}");
            }
        }

        return diffs;
    }

    private static List<string> MeasureOrder(ResultsSet set)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (ResultsPoint p in set.Points)
        {
            foreach (MetricSummary m in p.Metrics)
            {
                if (!CompareRules.IsExcluded(m.Name) && seen.Add(m.Name))
                {
                    order.Add(m.Name);
                }
            }
        }

        return order;
    }

    private static Dictionary<string, MetricSummary> ByName(ResultsPoint point)
    {
        var d = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (MetricSummary m in point.Metrics)
        {
            d.TryAdd(m.Name, m);
        }

        return d;
    }

    private static string KindName(ResultsKind kind) => kind == ResultsKind.Run ? "run" : "sweep";
}
