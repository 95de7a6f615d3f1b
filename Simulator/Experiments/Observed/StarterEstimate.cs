namespace LookoutSim.Experiments.Observed;

/// <summary>A value estimated from observed periods: its point value, its spread and how many periods it rests on.</summary>
/// <param name="Value">The median.</param>
/// <param name="Low">The 10th percentile.</param>
/// <param name="High">The 90th percentile.</param>
/// <param name="Periods">Periods it rests on.</param>
public readonly record struct SpreadEstimate(double Value, double Low, double High, int Periods)
{
    /// <summary>True when no period had a substantial share throttled: the estimate rests on periods throttled only in bursts.</summary>
    public bool OnlyBursts { get; init; }
}

/// <summary>
/// What a starter scenario takes from an observed window: the window, the unit bounds, a per-unit
/// TPS estimate from the periods in which units were saturated, and the demand trace.
/// </summary>
/// <remarks>
/// <para>Per-unit TPS: in a period in which at least <see cref="SaturatedShare"/> of the attempts
/// were throttled the units in service were turning calls away, so they ran at their limit;
/// successful calls ÷ (period × average units in service) is then what one unit carried. The
/// estimate is the median over those periods, with the 10th–90th percentiles as its spread. When
/// no period had that much throttling, every period with some is used and the estimate is marked
/// <see cref="SpreadEstimate.OnlyBursts"/>: throttling there came from bursts shorter than the
/// period, so the units carried less than their limit on average and the value is a lower bound.
/// None when nothing was throttled (the data cannot tell the units' limit).</para>
/// <para>Unit bounds: the median of <c>MinInferenceUnits</c> / <c>MaxInferenceUnits</c>
/// (rounded); without them, the fewest and most units seen in service.</para>
/// </remarks>
/// <param name="Data">The observed window.</param>
/// <param name="MaxAttempts">Attempts per request assumed by the demand estimate.</param>
/// <param name="Demand">Estimated first attempts per period, whole (<see cref="DemandEstimate.Rounded"/>).</param>
/// <param name="DemandTotal">Their sum.</param>
/// <param name="AttemptsTotal">Successful + throttled + server-error attempts observed.</param>
/// <param name="MinUnits">The minimum units and where they came from.</param>
/// <param name="MaxUnits">The maximum units and where they came from.</param>
/// <param name="TpsPerUnit">The per-unit TPS estimate, or null when no period was saturated.</param>
/// <param name="MeanLatencyS">The mean observed latency over periods with one, seconds, or NaN.</param>
public sealed record StarterEstimate(
    ObservedData Data,
    int MaxAttempts,
    long[] Demand,
    long DemandTotal,
    double AttemptsTotal,
    (int Value, string Source) MinUnits,
    (int Value, string Source) MaxUnits,
    SpreadEstimate? TpsPerUnit,
    double MeanLatencyS)
{
    /// <summary>The share of a period's attempts that must have been throttled for its units to count as saturated: 5%.</summary>
    public const double SaturatedShare = 0.05;

    /// <summary>Estimates the starter values from <paramref name="data"/> for clients making up to <paramref name="maxAttempts"/> attempts per request.</summary>
    public static StarterEstimate From(ObservedData data, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.PeriodCount;
        double[] estimate = DemandEstimate.PerPeriod(data, maxAttempts);
        long[] demand = DemandEstimate.Rounded(estimate);
        double attempts = (data.Find(ObservedKind.Successful)?.Total() ?? 0)
            + (data.Find(ObservedKind.Throttled)?.Total() ?? 0)
            + (data.Find(ObservedKind.Errors)?.Total() ?? 0);

        ObservedSeries? inService = data.Find(ObservedKind.InServiceUnits);
        (int, string) min = Bound(data.Find(ObservedKind.MinUnits), "MinInferenceUnits", inService, fewest: true);
        (int, string) max = Bound(data.Find(ObservedKind.MaxUnits), "MaxInferenceUnits", inService, fewest: false);
        if (max.Item1 < min.Item1)
        {
            max = (min.Item1, max.Item2 + $", raised to the minimum {min.Item1}");
        }

        SpreadEstimate? tps = null;
        if (inService is not null && data.Find(ObservedKind.Throttled) is { } throttled && data.Find(ObservedKind.Successful) is { } successful)
        {
            double[] s = successful.ByPeriod(data.PeriodS, n, 0);
            double[] t = throttled.ByPeriod(data.PeriodS, n, 0);
            double[] e = data.Find(ObservedKind.Errors)?.ByPeriod(data.PeriodS, n, 0) ?? new double[n];
            double[] u = inService.ByPeriod(data.PeriodS, n, double.NaN);
            var saturated = new List<double>();
            var anyThrottling = new List<double>();
            for (int i = 0; i < n; i++)
            {
                if (t[i] > 0 && s[i] > 0 && u[i] > 0)
                {
                    double perUnit = s[i] / (data.PeriodS * u[i]);
                    anyThrottling.Add(perUnit);
                    if (t[i] >= SaturatedShare * (s[i] + t[i] + e[i]))
                    {
                        saturated.Add(perUnit);
                    }
                }
            }

            bool weak = saturated.Count == 0;
            List<double> used = weak ? anyThrottling : saturated;
            if (used.Count > 0)
            {
                used.Sort();
                tps = new SpreadEstimate(Quantile(used, 0.5), Quantile(used, 0.1), Quantile(used, 0.9), used.Count) { OnlyBursts = weak };
            }
        }

        double latency = double.NaN;
        if (data.Find(ObservedKind.Latency) is { Points.Length: > 0 } lat)
        {
            latency = lat.Total() / lat.Points.Length;
        }

        return new StarterEstimate(data, maxAttempts, demand, demand.Sum(), attempts, min, max, tps, latency);
    }

    /// <summary>The <paramref name="q"/>-quantile of sorted <paramref name="sorted"/> (linear between order statistics).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static (int, string) Bound(ObservedSeries? bound, string name, ObservedSeries? inService, bool fewest)
    {
        if (bound is { Points.Length: > 0 })
        {
            var values = bound.Points.Select(p => p.Value).OrderBy(v => v).ToList();
            int median = Math.Max(1, (int)Math.Round(Quantile(values, 0.5)));
            string range = values[0] == values[^1]
                ? $"{Show(values[0])} throughout"
                : $"median of {Show(values[0])}..{Show(values[^1])}";
            return (median, $"observed {name}, {range}");
        }

        if (inService is { Points.Length: > 0 })
        {
            double v = fewest ? inService.Points.Min(p => p.Value) : inService.Points.Max(p => p.Value);
            int units = Math.Max(1, fewest ? (int)Math.Floor(v) : (int)Math.Ceiling(v));
            return (units, $"{name} not observed: the {(fewest ? "fewest" : "most")} units in service (InServiceInferenceUnits {Show(v)})");
        }

        return (1, $"{name} not observed, nor InServiceInferenceUnits: 1, a guess to replace");
    }

    private static string Show(double v) => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
