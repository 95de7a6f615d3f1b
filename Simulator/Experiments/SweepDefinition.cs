using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// What a sweep runs: the scenario's identity, the seed and replication count every point shares,
/// the swept fields (the columns of <c>sweep.csv</c>) and the points in sweep order.
/// </summary>
public sealed record SweepDefinition
{
    /// <summary>Scenario name (the sweep folder's default name).</summary>
    public required string Name { get; init; }

    /// <summary>SHA-256 of the scenario file's bytes, lower-case hex (part of the sweep identity).</summary>
    public required string ScenarioSha256 { get; init; }

    /// <summary>Master seed; replication r of every point uses the streams of (seed, r).</summary>
    public required ulong Seed { get; init; }

    /// <summary>Replications per point.</summary>
    public required int Replications { get; init; }

    /// <summary>Swept field paths in the sweep's order: one <c>sweep.csv</c> column each.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>Every point, in sweep order (the order of <c>sweep.csv</c> rows and of shard assignment).</summary>
    public required IReadOnlyList<SweepPoint> Points { get; init; }

    /// <summary>Simulated horizon, seconds (provenance for each point's results).</summary>
    public double HorizonS { get; init; }

    /// <summary>Warm-up, seconds.</summary>
    public double WarmupS { get; init; }

    /// <summary>The scenario's SLOs (none set: every point meets them).</summary>
    public SloTargets Slo { get; init; } = SloTargets.None;

    /// <summary>Currency of every cost.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>
    /// The sweep's identity: SHA-256 (hex) of the scenario hash, seed, replications, fields and
    /// every point's id and parameters. Two shard folders belong to the same sweep exactly when
    /// their identities are equal; the thread count and the shard split are not part of it.
    /// </summary>
    public string IdentityHash()
    {
        var sb = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        sb.Append("lookoutsim-sweep/1\n");
        sb.Append(c, $"name={Name}\nscenario={ScenarioSha256}\nseed={Seed}\nreplications={Replications}\n");
        sb.Append(c, $"horizon_s={HorizonS:R}\nwarmup_s={WarmupS:R}\n");
        sb.Append("fields=").Append(string.Join('\u001f', Fields)).Append('\n');
        foreach (SweepPoint p in Points)
        {
            sb.Append("point=").Append(p.Id);
            foreach (KeyValuePair<string, string> kv in p.Parameters)
            {
                sb.Append('\u001f').Append(kv.Key).Append('=').Append(kv.Value);
            }

            sb.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}

/// <summary>
/// The model side of a sweep, as delegates the caller wires to the real model (scenario → model
/// config → replication runner) or, in tests, to a closed-form evaluator.
/// </summary>
public sealed class SweepModel
{
    /// <summary>
    /// Runs replication <c>r</c> of a point. Must be a pure function of (point, r) and the sweep's
    /// seed: replication r of every point uses the random streams of (seed, r) — common random numbers.
    /// Called concurrently from several worker threads.
    /// </summary>
    public required Func<SweepPoint, int, CancellationToken, ReplicationResult> Evaluate { get; init; }

    /// <summary>
    /// Optional: replication <c>r</c> of zone-loss cases of one base point (each the base with one zone
    /// lost at the same time, <see cref="SweepPoint.ZoneLossParameter"/>) together, results in the
    /// order of the cases: each the same as <see cref="Evaluate"/> of the case except <c>wall_s</c>
    /// (the simulator runs the base once up to the loss and each case from a copy, <see cref="ZoneLossFork"/>).
    /// The fourth argument, when not null, is the base's state at the loss kept by
    /// <see cref="EvaluateKeeping"/> for replication <c>r</c>: the cases start from copies of it (it is
    /// not changed). Null: the planner evaluates each case on its own.
    /// </summary>
    public Func<SweepPoint, IReadOnlyList<SweepPoint>, int, ZoneLossFork.Prefix?, CancellationToken, IReadOnlyList<ReplicationResult>>? EvaluateZoneLoss { get; init; }

    /// <summary>
    /// Optional: <see cref="Evaluate"/> of a base point that also keeps a copy of its state just before
    /// the given time (the loss time of its zone-loss cases), for <see cref="EvaluateZoneLoss"/>. The
    /// result is the same as <see cref="Evaluate"/>'s except <c>wall_s</c> (which includes the copy).
    /// </summary>
    public Func<SweepPoint, int, double, CancellationToken, (ReplicationResult Result, ZoneLossFork.Prefix? State)>? EvaluateKeeping { get; init; }

    /// <summary>Every measure across replications (mean, Student-t 95% CI, min, max), in <see cref="MeasureNames.All"/> order.</summary>
    public required Func<IReadOnlyList<ReplicationResult>, IReadOnlyList<MetricSummary>> Summarize { get; init; }

    /// <summary>SLO verdicts of a point; null: <see cref="Summaries.Verdicts"/> of the definition's targets.</summary>
    public Func<SweepPoint, IReadOnlyList<ReplicationResult>, IReadOnlyList<MetricSummary>, IReadOnlyList<SloVerdict>>? Verdicts { get; init; }

    /// <summary>Builds a point's <see cref="RunResult"/> (for its folder under <c>points/</c>) from its replications, summary and verdicts.</summary>
    public required Func<SweepDefinition, SweepPoint, IReadOnlyList<ReplicationResult>, IReadOnlyList<MetricSummary>, IReadOnlyList<SloVerdict>, RunResult> BuildRunResult { get; init; }

    /// <summary>Summarizes, judges and packages one point's replications.</summary>
    public RunResult Package(SweepDefinition definition, SweepPoint point, IReadOnlyList<ReplicationResult> replications)
    {
        ArgumentNullException.ThrowIfNull(definition);
        IReadOnlyList<MetricSummary> summary = Summarize(replications);
        IReadOnlyList<SloVerdict> verdicts = Verdicts is null
            ? Summaries.Verdicts(replications, definition.Slo)
            : Verdicts(point, replications, summary);
        return BuildRunResult(definition, point, replications, summary, verdicts);
    }
}
