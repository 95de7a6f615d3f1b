namespace LookoutSim.Metrics;

/// <summary>One measure across replications: a row of <c>summary.csv</c> and an entry of
/// <c>summary.json</c>'s <c>metrics</c>.</summary>
/// <param name="Name">Measure name (<see cref="MeasureNames"/>).</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Mean">Mean over replications (NaN when no replication has a value).</param>
/// <param name="Ci95Low">Lower end of the 95% Student-t confidence interval of the mean.</param>
/// <param name="Ci95High">Upper end of it.</param>
/// <param name="Min">Smallest replication value.</param>
/// <param name="Max">Largest replication value.</param>
public sealed record MetricSummary(string Name, string Unit, double Mean, double Ci95Low, double Ci95High, double Min, double Max);

/// <summary>One SLO's verdict across replications.</summary>
/// <param name="Name"><c>latency_p99</c>, <c>max_failed</c> or <c>availability</c>.</param>
/// <param name="Target">Target value (seconds for latency, a ratio for the others).</param>
/// <param name="MetReplications">Replications in which it held.</param>
/// <param name="Met">Whether it holds overall: <see cref="Bound"/> is on the right side of <see cref="Target"/>.</param>
/// <param name="Mean">The measure's mean over the replications.</param>
/// <param name="Bound">The value judged (<see cref="Rule"/>): the 95% confidence bound on the far side (upper for latency and the failed share, lower for availability), or the mean when there is no interval (one replication).</param>
/// <param name="Rule">How it was judged, in words: <see cref="UpperBoundRule"/>, <see cref="LowerBoundRule"/> or <see cref="MeanRule"/>.</param>
public sealed record SloVerdict(string Name, double Target, int MetReplications, bool Met, double Mean = double.NaN, double Bound = double.NaN, string Rule = "")
{
    /// <summary>The rule of an SLO that caps a measure.</summary>
    public const string UpperBoundRule = "95% upper bound";

    /// <summary>The rule of an SLO that floors a measure (availability).</summary>
    public const string LowerBoundRule = "95% lower bound";

    /// <summary>The rule when there is no interval: one replication's value.</summary>
    public const string MeanRule = "mean (one replication: no interval)";

    /// <summary>True when the SLO caps its measure (latency, failed share), false when it floors it (availability).</summary>
    public bool Upper => Name != "availability";

    /// <summary>How far <see cref="Bound"/> is inside the target (positive: met with room to spare; negative: missed by that much), in the measure's unit; NaN without a bound.</summary>
    public double Margin => Upper ? Target - Bound : Bound - Target;
}
