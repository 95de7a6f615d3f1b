using System.Diagnostics;
using LookoutSim.Engine;
using LookoutSim.Metrics;

namespace LookoutSim.Experiments.Bench;

/// <summary>
/// What <c>lookoutsim bench kernel</c> measured: timed pairs of the engine and a bare loop doing the
/// same per-customer work — the judged pair with the model's kind of work (<see cref="QueueKernel"/>
/// against <see cref="BareLoop.MmckPooledMeanWait"/>), and the lean pair with the least work
/// (<see cref="EngineMmc"/> against <see cref="BareLoop.MmcMeanWait"/>).
/// </summary>
/// <param name="Customers">Customers simulated in each timed run.</param>
/// <param name="CustomersPerSRuns">Engine (<see cref="QueueKernel"/>) customers per wall-clock second, one per pair, in pair order.</param>
/// <param name="FloorCustomersPerSRuns">Bare loop with the same pooled work, customers per wall-clock second, one per pair.</param>
/// <param name="RatioCpuRuns">Each pair's engine speed over the bare loop's, both in this process's CPU time.</param>
/// <param name="EventsPerRun">Engine events in one timed run (every run simulates the same customers).</param>
/// <param name="AllocBytesPerCustomer">Bytes allocated on the simulating thread per customer over the engine's timed runs.</param>
/// <param name="WqS">Mean wait in queue measured on the engine, seconds.</param>
/// <param name="WqTheoryS">Erlang C's mean wait, seconds.</param>
/// <param name="FloorWqS">Mean wait measured by the bare loop with pooled work, seconds.</param>
/// <param name="LeanCustomersPerSRuns">Lean engine loop (<see cref="EngineMmc"/>) customers per wall-clock second, one per pair.</param>
/// <param name="LeanFloorCustomersPerSRuns">Lean bare loop (<see cref="BareLoop.MmcMeanWait"/>) customers per wall-clock second, one per pair.</param>
/// <param name="LeanRatioCpuRuns">Each lean pair's engine speed over the bare loop's in CPU time.</param>
/// <param name="LeanWqS">Mean wait measured by the lean engine loop, seconds.</param>
/// <param name="LeanFloorWqS">Mean wait measured by the lean bare loop, seconds.</param>
public sealed record KernelBenchResult(
    long Customers,
    IReadOnlyList<double> CustomersPerSRuns,
    IReadOnlyList<double> FloorCustomersPerSRuns,
    IReadOnlyList<double> RatioCpuRuns,
    long EventsPerRun,
    double AllocBytesPerCustomer,
    double WqS,
    double WqTheoryS,
    double FloorWqS,
    IReadOnlyList<double> LeanCustomersPerSRuns,
    IReadOnlyList<double> LeanFloorCustomersPerSRuns,
    IReadOnlyList<double> LeanRatioCpuRuns,
    double LeanWqS,
    double LeanFloorWqS)
{
    /// <summary>Timed pairs.</summary>
    public int Pairs => CustomersPerSRuns.Count;

    /// <summary>Median engine customers per second over the pairs.</summary>
    public double CustomersPerS => ModelBenchmark.Median(CustomersPerSRuns);

    /// <summary>Median engine events per second over the pairs.</summary>
    public double EventsPerS => CustomersPerS * EventsPerRun / Customers;

    /// <summary>Median bare-loop customers per second over the pairs.</summary>
    public double FloorCustomersPerS => ModelBenchmark.Median(FloorCustomersPerSRuns);

    /// <summary>Each pair's engine speed over the bare loop's speed timed next to it, in pair order.</summary>
    public IReadOnlyList<double> RatioRuns => Ratios(CustomersPerSRuns, FloorCustomersPerSRuns);

    /// <summary>
    /// The median of the paired ratios — the figure judged. Not the ratio of the two medians: each
    /// ratio divides runs made under the same load of the machine.
    /// </summary>
    public double RatioToFloor => ModelBenchmark.Median(RatioRuns);

    /// <summary>The smallest paired ratio.</summary>
    public double RatioMin => RatioRuns.Count > 0 ? RatioRuns.Min() : double.NaN;

    /// <summary>The largest paired ratio.</summary>
    public double RatioMax => RatioRuns.Count > 0 ? RatioRuns.Max() : double.NaN;

    /// <summary>Median of <see cref="RatioCpuRuns"/>.</summary>
    public double RatioToFloorCpu => ModelBenchmark.Median(RatioCpuRuns);

    /// <summary>Median lean engine customers per second over the pairs.</summary>
    public double LeanCustomersPerS => ModelBenchmark.Median(LeanCustomersPerSRuns);

    /// <summary>Median lean bare-loop customers per second over the pairs.</summary>
    public double LeanFloorCustomersPerS => ModelBenchmark.Median(LeanFloorCustomersPerSRuns);

    /// <summary>Each lean pair's engine speed over its bare loop's, in pair order.</summary>
    public IReadOnlyList<double> LeanRatioRuns => Ratios(LeanCustomersPerSRuns, LeanFloorCustomersPerSRuns);

    /// <summary>The median of the lean pairs' ratios: printed, not judged.</summary>
    public double LeanRatioToFloor => ModelBenchmark.Median(LeanRatioRuns);

    /// <summary>Median of <see cref="LeanRatioCpuRuns"/>.</summary>
    public double LeanRatioToFloorCpu => ModelBenchmark.Median(LeanRatioCpuRuns);

    private static double[] Ratios(IReadOnlyList<double> engine, IReadOnlyList<double> floor) => [.. engine.Zip(floor, (e, f) => e / f)];
}

/// <summary>Which loop a step of the kernel benchmark runs.</summary>
public enum KernelLoop
{
    /// <summary>The bare PriorityQueue loop with the model's kind of work (<see cref="BareLoop.MmckPooledMeanWait"/>).</summary>
    Floor,

    /// <summary>The engine's M/M/5 with pooled customers (<see cref="QueueKernel"/>).</summary>
    Engine,

    /// <summary>The bare PriorityQueue loop with the least work (<see cref="BareLoop.MmcMeanWait"/>).</summary>
    LeanFloor,

    /// <summary>The engine with the lean loop's work (<see cref="EngineMmc"/>).</summary>
    LeanEngine,
}

/// <summary>One step of the kernel benchmark: a loop run for some customers, timed or as warm-up.</summary>
/// <param name="Loop">The loop run.</param>
/// <param name="Customers">Its customers.</param>
/// <param name="Pair">The timed pair it belongs to (from 0), or −1 for a warm-up run.</param>
public readonly record struct KernelStep(KernelLoop Loop, long Customers, int Pair)
{
    /// <summary>Whether the step is timed.</summary>
    public bool Timed => Pair >= 0;
}

/// <summary>
/// M/M/5 (λ = 4.5/s, μ = 1/s, FIFO) on the engine against a bare <see cref="PriorityQueue{TElement,TPriority}"/>
/// loop doing the same per-customer work, in the same process, so that only the event machinery
/// differs. Two such pairs: the judged one with the model's kind of work (pooled customer objects
/// carried with their departure — <see cref="QueueKernel"/> against
/// <see cref="BareLoop.MmckPooledMeanWait"/>) and a lean one with the least work (a queue of arrival
/// times — <see cref="EngineMmc"/> against <see cref="BareLoop.MmcMeanWait"/>). All four loops are
/// first warmed until the tiered JIT has finished with them, then timed in interleaved rounds
/// (floor then engine, engine then floor, …); the figure judged is the median of the judged pairs'
/// ratios. Wall-clock time is read here, in the benchmark, never inside the simulation.
/// </summary>
/// <remarks>
/// Why the warm-up: a loop method run once or twice executes on-stack-replacement code and calls
/// methods (PriorityQueue's, the calendar's) that the JIT promotes to their optimised tier in the
/// background, some 100 ms after they were first called and only once they have been called often
/// enough. A run timed before that finishes measures a mixture of tiers: the bare loop measured
/// right after one warm-up call ran 9–11 M customers/s, and 17–18 M once settled, in the same process.
/// </remarks>
public static class KernelBenchmark
{
    /// <summary>λ of the reference M/M/5, per second.</summary>
    public const double ArrivalRate = 4.5;

    /// <summary>μ of the reference M/M/5, per second.</summary>
    public const double ServiceRate = 1.0;

    /// <summary>c of the reference M/M/5.</summary>
    public const int Servers = 5;

    /// <summary>Rounds of warm-up (each of the four loops once) before the JIT is waited for.</summary>
    public const int WarmupRounds = 3;

    /// <summary>Customers of a warm-up run (fewer when the timed runs have fewer).</summary>
    public const long WarmupCustomers = 1_000_000;

    /// <summary>Pairs timed by default.</summary>
    public const int DefaultPairs = 5;

    /// <summary>
    /// The steps of a benchmark of <paramref name="pairs"/> pairs: <see cref="WarmupRounds"/> rounds
    /// of warm-up (floor, engine, lean floor, lean engine), then — after the JIT has settled — one
    /// more untimed round, then the timed pairs: in even ones the floor first (floor, engine, lean
    /// floor, lean engine), in odd ones the engine first (engine, floor, lean engine, lean floor), so
    /// that a drift of the machine's speed during the benchmark does not always favour the same loop.
    /// </summary>
    /// <param name="customers">Customers of each timed run, at least 1000.</param>
    /// <param name="pairs">Timed pairs, at least 1.</param>
    /// <returns>The warm-up steps (before the JIT is waited for) and the steps after.</returns>
    public static (IReadOnlyList<KernelStep> Warmup, IReadOnlyList<KernelStep> Timed) Plan(long customers, int pairs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        long warm = Math.Min(customers, WarmupCustomers);
        KernelLoop[] floorFirst = [KernelLoop.Floor, KernelLoop.Engine, KernelLoop.LeanFloor, KernelLoop.LeanEngine];
        KernelLoop[] engineFirst = [KernelLoop.Engine, KernelLoop.Floor, KernelLoop.LeanEngine, KernelLoop.LeanFloor];
        var warmup = new List<KernelStep>();
        for (int r = 0; r < WarmupRounds; r++)
        {
            warmup.AddRange(floorFirst.Select(loop => new KernelStep(loop, warm, -1)));
        }

        var timed = new List<KernelStep>(floorFirst.Select(loop => new KernelStep(loop, warm, -1)));
        for (int p = 0; p < pairs; p++)
        {
            timed.AddRange((p % 2 == 0 ? floorFirst : engineFirst).Select(loop => new KernelStep(loop, customers, p)));
        }

        return (warmup, timed);
    }

    /// <summary>
    /// Waits until the JIT has stopped compiling: reads <paramref name="compiledMethods"/> every
    /// <paramref name="pollMs"/> ms until two readings in a row agree, at most
    /// <paramref name="maxPolls"/> times. Returns the number of waits.
    /// </summary>
    /// <param name="compiledMethods">A count of methods compiled so far (e.g. <see cref="System.Runtime.JitInfo.GetCompiledMethodCount"/>).</param>
    /// <param name="sleep">Waits the given milliseconds.</param>
    /// <param name="pollMs">Milliseconds between readings.</param>
    /// <param name="maxPolls">Most waits.</param>
    public static int WaitForJit(Func<long> compiledMethods, Action<int> sleep, int pollMs = 100, int maxPolls = 20)
    {
        ArgumentNullException.ThrowIfNull(compiledMethods);
        ArgumentNullException.ThrowIfNull(sleep);
        long before = compiledMethods();
        for (int polls = 1; polls <= maxPolls; polls++)
        {
            sleep(pollMs);
            long now = compiledMethods();
            if (now == before)
            {
                return polls;
            }

            before = now;
        }

        return maxPolls;
    }

    /// <summary>Runs the benchmark: <paramref name="pairs"/> timed pairs of <paramref name="customers"/> customers each.</summary>
    public static KernelBenchResult Run(long customers = 10_000_000, int pairs = DefaultPairs, ulong seed = 1)
    {
        QueueKernel? last = null;
        double floorWq = double.NaN;
        double leanWq = double.NaN;
        double leanFloorWq = double.NaN;
        long allocated = 0;
        KernelBenchResult result = Measure(
            customers,
            pairs,
            step =>
            {
                ulong s = step.Timed ? seed : seed + 1;
                var streams = new RandomStreams(s, 0);
                switch (step.Loop)
                {
                    case KernelLoop.Floor:
                        double wq = BareLoop.MmckPooledMeanWait(ArrivalRate, Distribution.Exponential(1 / ServiceRate), Servers, int.MaxValue, step.Customers, streams);
                        floorWq = step.Timed ? wq : floorWq;
                        break;
                    case KernelLoop.LeanFloor:
                        double lfWq = BareLoop.MmcMeanWait(ArrivalRate, ServiceRate, Servers, step.Customers, streams);
                        leanFloorWq = step.Timed ? lfWq : leanFloorWq;
                        break;
                    case KernelLoop.LeanEngine:
                        double leWq = EngineMmc.MmcMeanWait(ArrivalRate, ServiceRate, Servers, step.Customers, streams, out _);
                        leanWq = step.Timed ? leWq : leanWq;
                        break;
                    default:
                        long before = GC.GetAllocatedBytesForCurrentThread();
                        var kernel = new QueueKernel(ArrivalRate, Distribution.Exponential(1 / ServiceRate), Servers, int.MaxValue, step.Customers, streams);
                        kernel.Run();
                        if (step.Timed)
                        {
                            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                            last = kernel;
                        }

                        break;
                }
            },
            TimeOnThisThread,
            () => WaitForJit(() => System.Runtime.JitInfo.GetCompiledMethodCount(), Thread.Sleep));

        return result with
        {
            EventsPerRun = last!.Events,
            AllocBytesPerCustomer = (double)allocated / (customers * pairs),
            WqS = last.MeanWait,
            FloorWqS = floorWq,
            LeanWqS = leanWq,
            LeanFloorWqS = leanFloorWq,
        };
    }

    /// <summary>
    /// The benchmark's logic with the loops and the clock given: runs the steps of
    /// <see cref="Plan"/> through <paramref name="run"/>, calls <paramref name="settle"/> after the
    /// warm-up, times each timed step with <paramref name="time"/> (wall and CPU seconds), and pairs
    /// the timings. The simulation figures (events, allocation, waits) are left for the caller.
    /// </summary>
    public static KernelBenchResult Measure(long customers, int pairs, Action<KernelStep> run, Func<Action, (double WallS, double CpuS)> time, Action settle)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(settle);
        (IReadOnlyList<KernelStep> warmup, IReadOnlyList<KernelStep> timed) = Plan(customers, pairs);
        foreach (KernelStep step in warmup)
        {
            run(step);
        }

        settle();
        int loops = Enum.GetValues<KernelLoop>().Length;
        double[][] speed = [.. Enumerable.Range(0, loops).Select(_ => new double[pairs])];
        double[][] cpu = [.. Enumerable.Range(0, loops).Select(_ => new double[pairs])];
        foreach (KernelStep step in timed)
        {
            if (!step.Timed)
            {
                run(step);
                continue;
            }

            (double wallS, double cpuS) = time(() => run(step));
            speed[(int)step.Loop][step.Pair] = step.Customers / wallS;
            cpu[(int)step.Loop][step.Pair] = cpuS;
        }

        // CPU seconds of the same customers: the engine's speed over the floor's is floor CPU over engine CPU.
        double[] CpuRatio(KernelLoop floor, KernelLoop engine) => [.. cpu[(int)floor].Zip(cpu[(int)engine], (f, e) => f / e)];
        return new KernelBenchResult(
            customers,
            speed[(int)KernelLoop.Engine],
            speed[(int)KernelLoop.Floor],
            CpuRatio(KernelLoop.Floor, KernelLoop.Engine),
            0,
            double.NaN,
            double.NaN,
            QueueingTheory.MmcMeanWait(Servers, ArrivalRate, ServiceRate),
            double.NaN,
            speed[(int)KernelLoop.LeanEngine],
            speed[(int)KernelLoop.LeanFloor],
            CpuRatio(KernelLoop.LeanFloor, KernelLoop.LeanEngine),
            double.NaN,
            double.NaN);
    }

    private static (double WallS, double CpuS) TimeOnThisThread(Action action)
    {
        TimeSpan cpu0 = ProcessCpu();
        long t0 = Stopwatch.GetTimestamp();
        action();
        double wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        return (wall, (ProcessCpu() - cpu0).TotalSeconds);
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
