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
/// <param name="Met">Whether it holds overall: the mean meets the target (see the docs for the rule).</param>
public sealed record SloVerdict(string Name, double Target, int MetReplications, bool Met);
