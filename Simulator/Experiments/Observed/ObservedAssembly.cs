using System.Collections.Immutable;
using System.Globalization;

namespace LookoutSim.Experiments.Observed;

/// <summary>A problem with the series read, at a place in a file.</summary>
/// <param name="Place">Where (file, JSON path, line, column).</param>
/// <param name="Message">What is wrong, with the value seen.</param>
public sealed record ObservedProblem(JsonPlace Place, string Message);

/// <summary>What assembling the series gave: the observed data (null when there were problems), the problems, and notes for the user.</summary>
/// <param name="Data">The observed window, or null.</param>
/// <param name="Problems">Why not (empty when <paramref name="Data"/> is set).</param>
/// <param name="Warnings">Gaps, duplicates merged, series ignored.</param>
public sealed record ObservedAssemblyResult(ObservedData? Data, IReadOnlyList<ObservedProblem> Problems, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns the series entries of one or more CloudWatch files into one observed window: each entry
/// recognised as a metric (by <c>--map</c>, then its <c>Label</c>, then its <c>Id</c>,
/// case-insensitive), pages of a series merged, the value taken from the statistic the metric is
/// read by, latency converted to seconds, and the period inferred and checked.
/// </summary>
/// <remarks>
/// <para>Period: the most common step between two timestamps of a series, over all series; every
/// timestamp must lie a whole number of periods after the window start (the earliest timestamp),
/// and a series of three or more points whose steps are all multiples of a longer period was
/// fetched with another period — both are "mixed periods" errors.</para>
/// <para>Gaps (periods without a datapoint between a series' first and last) are reported, not
/// filled: CloudWatch publishes no count datapoint for a period without calls, so a gap in a count
/// reads as 0 calls and a gap in a unit series as not observed. Two datapoints of one series at
/// the same time (overlapping pages) are kept once when equal and an error when not.</para>
/// </remarks>
public static class ObservedAssembly
{
    /// <summary>Assembles <paramref name="parts"/>.</summary>
    /// <param name="parts">Every series entry of every file, in the order given.</param>
    /// <param name="map">Labels (or ids) mapped to metric names (<c>--map LABEL=METRIC</c>), case-insensitive.</param>
    /// <param name="ns">The namespace (<c>--namespace</c>), or null to infer it from the metric names.</param>
    /// <param name="evaluationS">The autoscaler's evaluation period, seconds: the shortest window accepted.</param>
    public static ObservedAssemblyResult Assemble(
        IReadOnlyList<CloudWatchSeriesPart> parts, IReadOnlyDictionary<string, string> map, string? ns, double evaluationS)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(map);
        var problems = new List<ObservedProblem>();
        var warnings = new List<string>();

        // 1. Which metric each entry is.
        var named = new List<(CloudWatchSeriesPart Part, string Name)>();
        foreach (CloudWatchSeriesPart part in parts)
        {
            string? name = Mapped(part.Label, map) ?? Mapped(part.Id, map)
                ?? Known(part.Label, ns) ?? Known(part.Id, ns);
            if (name is null)
            {
                warnings.Add($"{part.Place}: '{part.Shown}' is not a metric LookoutSim reads{(ns is null ? "" : " in " + ns)}: ignored (name it with --map '{part.Shown}=METRIC')");
                continue;
            }

            named.Add((part, name));
        }

        string? space = ns ?? CloudWatchMetrics.NamespaceOf(named.Select(n => n.Name));
        if (ns is null && space is null && named.Any(n => CloudWatchMetrics.Find(n.Name, CloudWatchMetrics.LookoutVision) is null))
        {
            JsonPlace at = named.First(n => CloudWatchMetrics.Find(n.Name, CloudWatchMetrics.LookoutVision) is null).Part.Place;
            problems.Add(new ObservedProblem(at, $"metrics of both namespaces ({string.Join(", ", named.Select(n => n.Name).Distinct(StringComparer.OrdinalIgnoreCase))}): import one model's metrics, or give --namespace"));
        }

        space ??= CloudWatchMetrics.LookoutVision; // the names are shared by both: either reads the same
        if (named.Count == 0)
        {
            JsonPlace at = parts.Count > 0 ? parts[0].Place : new JsonPlace("", "$", 0, 0);
            problems.Add(new ObservedProblem(at, $"no metric LookoutSim reads: expected series labelled {string.Join(", ", CloudWatchMetrics.In(space).Select(m => m.Name))} (or --map LABEL=METRIC)"));
            return new ObservedAssemblyResult(null, problems, warnings);
        }

        // 2. Each series' datapoints from all its entries, in the metric's statistic and unit.
        var series = new Dictionary<string, (CloudWatchMetric Metric, List<Point> Points, JsonPlace First)>(StringComparer.OrdinalIgnoreCase);
        var partList = new List<CloudWatchSeriesPart>();
        foreach ((CloudWatchSeriesPart part, string name) in named)
        {
            int partIndex = partList.Count;
            partList.Add(part);
            CloudWatchMetric metric = CloudWatchMetrics.Find(name, space) ?? CloudWatchMetrics.Find(name)!;
            if (!series.TryGetValue(metric.Name, out var entry))
            {
                entry = (metric, [], part.Place);
                series[metric.Name] = entry;
            }

            entry.Points.Capacity = Math.Max(entry.Points.Capacity, entry.Points.Count + part.Points.Count);
            for (int k = 0; k < part.Points.Count; k++)
            {
                CloudWatchDatapoint p = part.Points[k];
                double value = ValueOf(metric, part, k, problems);
                if (!double.IsNaN(value))
                {
                    entry.Points.Add(new Point(p.UtcTicks, value, partIndex, k));
                }
            }
        }

        foreach ((CloudWatchMetric metric, var points, JsonPlace first) in series.Values)
        {
            if (points.Count == 0)
            {
                problems.Add(new ObservedProblem(first, $"{metric.Name} has no datapoints: nothing to import for it (CloudWatch returns none for a metric that was 0 or not published in the window; leave it out of the query, or widen --start-time/--end-time)"));
            }
        }

        if (problems.Count > 0)
        {
            return new ObservedAssemblyResult(null, problems, warnings);
        }

        // 3. Sort, merge duplicates.
        var sorted = new Dictionary<string, List<Point>>(StringComparer.Ordinal);
        JsonPlace Where(Point p) => Place(partList[p.Part], p.Index);
        foreach ((CloudWatchMetric metric, var points, _) in series.Values)
        {
            points.Sort((a, b) => a.Ticks.CompareTo(b.Ticks)); // stable enough: equal times are merged or refused below
            var kept = new List<Point>(points.Count);
            int merged = 0;
            foreach (Point p in points)
            {
                if (kept.Count > 0 && kept[^1].Ticks == p.Ticks)
                {
                    Point q = kept[^1];
                    if (Math.Abs(q.Value - p.Value) <= 1e-9 * Math.Max(1, Math.Abs(p.Value)))
                    {
                        merged++;
                        continue;
                    }

                    problems.Add(new ObservedProblem(Where(p), string.Create(CultureInfo.InvariantCulture,
                        $"{metric.Name} at {Stamp(p.Time)}: {Show(p.Value)} here and {Show(q.Value)} at {Where(q)}: two different datapoints for one period")));
                    continue;
                }

                kept.Add(p);
            }

            points.Clear();
            points.TrimExcess();

            if (merged > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{metric.Name}: {merged} datapoint{(merged == 1 ? "" : "s")} given twice with the same value (overlapping pages): kept once"));
            }

            sorted[metric.Name] = kept;
        }

        if (problems.Count > 0)
        {
            return new ObservedAssemblyResult(null, problems, warnings);
        }

        // 4. The period and the window.
        DateTimeOffset start = sorted.Values.Min(p => p[0].Time);
        var steps = new Dictionary<long, int>();
        foreach (var points in sorted.Values)
        {
            for (int i = 1; i < points.Count; i++)
            {
                long step = (long)Math.Round((points[i].Time - points[i - 1].Time).TotalSeconds);
                steps[step] = steps.GetValueOrDefault(step) + 1;
            }
        }

        // The most common step (the smaller on a tie): a stray timestamp does not halve the period.
        long period = steps.Count == 0 ? long.MaxValue : steps.OrderByDescending(s => s.Value).ThenBy(s => s.Key).First().Key;

        if (period == long.MaxValue || period <= 0)
        {
            var only = sorted.First();
            JsonPlace at = Where(only.Value[0]);
            problems.Add(new ObservedProblem(at, string.Create(CultureInfo.InvariantCulture,
                $"the window is one period ({Stamp(start)}): shorter than one evaluation period of the autoscaler ({Show(evaluationS)} s) plus one period; nothing can be inferred or compared")));
            return new ObservedAssemblyResult(null, problems, warnings);
        }

        foreach ((string name, var points) in sorted)
        {
            long gcd = 0;
            for (int i = 0; i < points.Count; i++)
            {
                double offset = (points[i].Time - start).TotalSeconds;
                long k = (long)Math.Round(offset / period);
                if (Math.Abs(offset - (k * period)) > 1e-3)
                {
                    problems.Add(new ObservedProblem(Where(points[i]), string.Create(CultureInfo.InvariantCulture,
                        $"{name} at {Stamp(points[i].Time)} is not a whole number of {period} s periods after the window start {Stamp(start)}: mixed periods (fetch every metric with the same --period / Period)")));
                    break;
                }

                if (i > 0)
                {
                    gcd = Gcd(gcd, (long)Math.Round((points[i].Time - points[i - 1].Time).TotalSeconds));
                }
            }

            if (points.Count >= 3 && gcd > period)
            {
                problems.Add(new ObservedProblem(partList[points[0].Part].Place, string.Create(CultureInfo.InvariantCulture,
                    $"{name} has a datapoint every {gcd} s, other series every {period} s: mixed periods (fetch every metric with the same Period)")));
            }
        }

        if (problems.Count > 0)
        {
            return new ObservedAssemblyResult(null, problems, warnings);
        }

        DateTimeOffset end = sorted.Values.Max(p => p[^1].Time);
        int count = (int)Math.Round((end - start).TotalSeconds / period) + 1;
        if (count * (double)period < evaluationS + period)
        {
            var first = sorted.First();
            problems.Add(new ObservedProblem(partList[first.Value[0].Part].Place, string.Create(CultureInfo.InvariantCulture,
                $"the window is {count} period{(count == 1 ? "" : "s")} of {period} s ({Stamp(start)} to {Stamp(end.AddSeconds(period))}): shorter than one evaluation period of the autoscaler ({Show(evaluationS)} s) plus one period")));
            return new ObservedAssemblyResult(null, problems, warnings);
        }

        // 5. Gaps, reported.
        var result = ImmutableArray.CreateBuilder<ObservedSeries>();
        foreach (CloudWatchMetric metric in CloudWatchMetrics.In(space).Concat(CloudWatchMetrics.LookoutVisionMetrics).Concat(CloudWatchMetrics.RekognitionMetrics))
        {
            if (!sorted.Remove(metric.Name, out var points))
            {
                continue;
            }

            var builder = ImmutableArray.CreateBuilder<ObservedPoint>(points.Count);
            foreach (Point p in points)
            {
                builder.Add(new ObservedPoint(Math.Round((p.Time - start).TotalSeconds), p.Value));
            }

            long missing = count - points.Count;
            if (missing > 0)
            {
                DateTimeOffset firstGap = FirstGap(points, start, period);
                string meaning = metric.IsCount
                    ? "CloudWatch publishes no count for a period without calls: read as 0"
                    : "not observed there (the model was stopped, or no data): left out of comparisons";
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{metric.Name}: {missing} of {count} periods have no datapoint (the first at {Stamp(firstGap)}): {meaning}"));
            }

            result.Add(new ObservedSeries(metric.Name, metric.Kind, builder.MoveToImmutable()));
        }

        return new ObservedAssemblyResult(new ObservedData(start, period, result.ToImmutable()), problems, warnings);
    }

    private static double ValueOf(CloudWatchMetric metric, CloudWatchSeriesPart part, int index, List<ObservedProblem> problems)
    {
        double value;
        CloudWatchStatistics p = part.FromStatistics ? part.Statistics[index] : new(double.NaN, double.NaN, double.NaN, double.NaN, null);
        string? unit = p.Unit;
        if (!part.FromStatistics)
        {
            value = part.Points[index].Value;
        }
        else if (metric.IsCount)
        {
            value = !double.IsNaN(p.Sum) ? p.Sum
                : !double.IsNaN(p.Average) && !double.IsNaN(p.SampleCount) ? p.Average * p.SampleCount
                : double.NaN;
            if (double.IsNaN(value))
            {
                problems.Add(new ObservedProblem(Place(part, index), $"{metric.Name}: the datapoint has no Sum (nor Average and SampleCount): fetch it with --statistics Sum"));
                return double.NaN;
            }
        }
        else
        {
            value = p.Average;
            if (double.IsNaN(value))
            {
                problems.Add(new ObservedProblem(Place(part, index), $"{metric.Name}: the datapoint has no Average: fetch it with --statistics Average"));
                return double.NaN;
            }
        }

        if (metric.Kind == ObservedKind.Latency)
        {
            double seconds = CloudWatchMetrics.ToSeconds(value, unit);
            if (double.IsNaN(seconds))
            {
                problems.Add(new ObservedProblem(Place(part, index), $"{metric.Name}: Unit '{unit}' is not a time (expected Milliseconds, Microseconds or Seconds)"));
            }

            return seconds;
        }

        return value;
    }

    private static JsonPlace Place(CloudWatchSeriesPart part, int index) =>
        part.Place with { JsonPath = part.ValuePath(part.Points[index].Index), Line = part.Points[index].Line, Column = 0 };

    private static DateTimeOffset FirstGap(List<Point> points, DateTimeOffset start, long period)
    {
        DateTimeOffset expected = start;
        foreach (Point p in points)
        {
            if (p.Time != expected)
            {
                return expected;
            }

            expected = expected.AddSeconds(period);
        }

        return expected;
    }

    /// <summary>One datapoint of a series being assembled: UTC ticks, value, and where it came from (part, datapoint index).</summary>
    private readonly record struct Point(long Ticks, double Value, int Part, int Index)
    {
        public DateTimeOffset Time => new(Ticks, TimeSpan.Zero);
    }

    private static string? Mapped(string? label, IReadOnlyDictionary<string, string> map) =>
        label is not null && map.TryGetValue(label, out string? name) ? name : null;

    private static string? Known(string? label, string? ns) =>
        label is null ? null : CloudWatchMetrics.Find(label, ns)?.Name;

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return Math.Abs(a);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Show(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
