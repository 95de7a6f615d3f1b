namespace LookoutSim.Experiments.Bench;

/// <summary>Which side of its bound a figure must stay on.</summary>
public enum BenchComparison
{
    /// <summary>The figure must be at least the bound (speeds).</summary>
    AtLeast,

    /// <summary>The figure must be at most the bound (memory, allocation).</summary>
    AtMost,
}

/// <summary>One performance target: a named figure, its unit and the bound it must respect.</summary>
/// <param name="Name">The figure's key, as in the JSON report (e.g. <c>requests_per_s</c>, <c>memory.ratio</c>).</param>
/// <param name="Unit">Unit of the figure and the bound.</param>
/// <param name="Comparison">Which side of <paramref name="Bound"/> the figure must stay on.</param>
/// <param name="Bound">The bound.</param>
public sealed record BenchTarget(string Name, string Unit, BenchComparison Comparison, double Bound)
{
    /// <summary>
    /// The verdict for <paramref name="value"/>: met or not, or unknown (<c>null</c>) when the
    /// figure was not measured (null or NaN).
    /// </summary>
    public TargetVerdict Judge(double? value)
    {
        bool? met = value is double v && !double.IsNaN(v)
            ? Comparison == BenchComparison.AtLeast ? v >= Bound : v <= Bound
            : null;
        return new TargetVerdict(this, value is double d && double.IsNaN(d) ? null : value, met);
    }
}

/// <summary>A target with the figure measured against it.</summary>
/// <param name="Target">The target.</param>
/// <param name="Value">The figure, or null when it was not measured.</param>
/// <param name="Met">True when met, false when not, null when not measured.</param>
public sealed record TargetVerdict(BenchTarget Target, double? Value, bool? Met)
{
    /// <summary>Why a measured figure is not judged (e.g. <c>horizon too short</c>), or null.</summary>
    public string? NotJudged { get; init; }

    /// <summary><c>met</c>, <c>NOT met</c>, <c>n/a</c>, or <c>n/a: </c> and why it is not judged.</summary>
    public string Label => Met switch
    {
        true => "met",
        false => "NOT met",
        null => NotJudged is null ? "n/a" : "n/a: " + NotJudged,
    };
}

/// <summary>
/// Every performance target of LookoutSim in one place, as data: what <c>lookoutsim bench</c>
/// measures and judges. The targets hold on a 2-core machine, Release build, nothing else running;
/// they are never asserted in a test.
/// </summary>
public static class BenchTargets
{
    /// <summary>The engine on M/M/5: at least 10 M customers per second.</summary>
    public static readonly BenchTarget KernelCustomersPerS = new("customers_per_s", "customers/s", BenchComparison.AtLeast, 10_000_000);

    /// <summary>The engine's hot path allocates (next to) nothing: at most 16 bytes per customer.</summary>
    public static readonly BenchTarget KernelAllocBytesPerCustomer = new("alloc_bytes_per_customer", "B/customer", BenchComparison.AtMost, 16);

    /// <summary>The engine keeps at least 0.9 of a bare PriorityQueue loop's speed.</summary>
    public static readonly BenchTarget KernelRatioToFloor = new("ratio_to_floor", "×", BenchComparison.AtLeast, 0.9);

    /// <summary>
    /// <c>samples/bench.yaml</c>, single-threaded, at no less than 0.30 of the bare M/M/5 loop's
    /// customers per second measured in the same process (median of the runs' ratios): a ratio, so
    /// that it means the same on any machine.
    /// </summary>
    public static readonly BenchTarget ModelFloorRatio = new("floor_ratio", "×", BenchComparison.AtLeast, 0.30);

    /// <summary>Peak working set of a fresh process running the scenario at its horizon: at most 200 MB.</summary>
    public static readonly BenchTarget ModelPeakWorkingSetMb = new("memory.peak_working_set_mb", "MB", BenchComparison.AtMost, 200);

    /// <summary>Peak working set of a fresh process running the scenario at the long horizon: at most 200 MB.</summary>
    public static readonly BenchTarget ModelLongPeakWorkingSetMb = new("memory.long_peak_working_set_mb", "MB", BenchComparison.AtMost, 200);

    /// <summary>Memory flat in the horizon: the long horizon needs at most 1.2 × the memory of the scenario's horizon.</summary>
    public static readonly BenchTarget ModelMemoryRatio = new("memory.ratio", "×", BenchComparison.AtMost, 1.2);

    /// <summary>Replications scale with cores: at least 1.8 × with 2 threads.</summary>
    public static readonly BenchTarget ModelSpeedup = new("scaling.speedup", "×", BenchComparison.AtLeast, 1.8);

    /// <summary><c>plan samples/three-zones-outage.yaml</c> as shipped (7 days, 2 cores): at most 25 s of wall time (fastest of the runs).</summary>
    public static readonly BenchTarget PlanSeconds = new("plan.wall_s", "s", BenchComparison.AtMost, 25);

    /// <summary>The same plan with <c>--zone-loss</c>: at most 60 s of wall time (fastest of the runs).</summary>
    public static readonly BenchTarget PlanZoneLossSeconds = new("plan_zone_loss.wall_s", "s", BenchComparison.AtMost, 60);

    /// <summary>
    /// The horizon the model's speed, memory and scaling targets are meant for: the reference week of
    /// <c>samples/bench.yaml</c>. Over a shorter <c>--horizon</c> start-up and the first day's transient
    /// weigh more, so those figures are shown but not judged (<c>n/a: horizon too short</c>).
    /// </summary>
    public const double ReferenceHorizonS = 7 * 86400;

    /// <summary>The model targets judged only at <see cref="ReferenceHorizonS"/> or longer (the long-horizon peak is judged at any horizon).</summary>
    public static IReadOnlyList<BenchTarget> ForReferenceWeek { get; } = [ModelFloorRatio, ModelPeakWorkingSetMb, ModelMemoryRatio, ModelSpeedup];

    /// <summary>The kernel's targets, in report order.</summary>
    public static IReadOnlyList<BenchTarget> Kernel { get; } = [KernelCustomersPerS, KernelAllocBytesPerCustomer, KernelRatioToFloor];

    /// <summary>The model's targets, in report order.</summary>
    public static IReadOnlyList<BenchTarget> Model { get; } = [ModelFloorRatio, ModelPeakWorkingSetMb, ModelLongPeakWorkingSetMb, ModelMemoryRatio, ModelSpeedup];

    /// <summary>The kernel's figures judged against <see cref="Kernel"/>.</summary>
    public static IReadOnlyList<TargetVerdict> Judge(KernelBenchResult k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return
        [
            KernelCustomersPerS.Judge(k.CustomersPerS),
            KernelAllocBytesPerCustomer.Judge(k.AllocBytesPerCustomer),
            KernelRatioToFloor.Judge(k.RatioToFloor),
        ];
    }

    /// <summary>
    /// The model's figures judged against <see cref="Model"/>; a part that was skipped (memory,
    /// scaling) or could not be measured (a speed-up on one core) is <c>n/a</c>.
    /// </summary>
    public static IReadOnlyList<TargetVerdict> Judge(ModelBenchResult m)
    {
        ArgumentNullException.ThrowIfNull(m);
        bool shortHorizon = m.Speed.HorizonS < ReferenceHorizonS;
        TargetVerdict At(BenchTarget target, double? value) =>
            shortHorizon && ForReferenceWeek.Contains(target) && value is double d && !double.IsNaN(d)
                ? new TargetVerdict(target, d, null) { NotJudged = "horizon too short" }
                : target.Judge(value); // not measured (skipped): n/a as always
        return
        [
            At(ModelFloorRatio, m.Speed.FloorRatio),
            At(ModelPeakWorkingSetMb, m.Memory?.Horizon.PeakWorkingSetMb),
            At(ModelLongPeakWorkingSetMb, m.Memory?.LongHorizon.PeakWorkingSetMb),
            At(ModelMemoryRatio, m.Memory?.Ratio),
            At(ModelSpeedup, m.Scaling?.Speedup),
        ];
    }

    /// <summary>The plan's targets, in report order.</summary>
    public static IReadOnlyList<BenchTarget> Plan { get; } = [PlanSeconds, PlanZoneLossSeconds];

    /// <summary>The fastest plan runs judged against <see cref="Plan"/>; a case not run (skipped) is <c>n/a</c>.</summary>
    public static IReadOnlyList<TargetVerdict> Judge(PlanBenchResult p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return [PlanSeconds.Judge(p.Base?.FastestS), PlanZoneLossSeconds.Judge(p.ZoneLoss?.FastestS)];
    }

    /// <summary>True when every measured target is met (targets not measured do not count).</summary>
    public static bool AllMet(IEnumerable<TargetVerdict> verdicts) => verdicts.All(v => v.Met != false);
}
