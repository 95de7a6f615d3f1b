using System.Diagnostics;
using LookoutSim.Engine;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments.Bench;

/// <summary>Speed of one scenario, single-threaded, over several timed runs.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="HorizonS">Simulated horizon, seconds.</param>
/// <param name="Requests">Requests that arrived in one replication (every run is the same replication).</param>
/// <param name="RequestsPerSRuns">Requests per wall-clock second of each timed run, in run order.</param>
/// <param name="EventsPerSRuns">Engine events per wall-clock second of each timed run, in run order.</param>
/// <param name="FloorCustomersPerSRuns">
/// Customers per wall-clock second of the bare M/M/5 loop of <c>bench kernel</c> (<see cref="BareLoop"/>),
/// timed in this process just before each model run, in run order.
/// </param>
/// <param name="PeakWorkingSetMb">Peak working set of this process after the runs, MB (10^6 bytes).</param>
/// <param name="AllocBytesPerRequest">
/// Bytes allocated on the simulating thread during the last run over its requests: the whole
/// replication's (its result's columns and histograms included), so an upper bound per request.
/// </param>
public sealed record ModelSpeedResult(
    string Scenario,
    double HorizonS,
    long Requests,
    IReadOnlyList<double> RequestsPerSRuns,
    IReadOnlyList<double> EventsPerSRuns,
    IReadOnlyList<double> FloorCustomersPerSRuns,
    double PeakWorkingSetMb,
    double AllocBytesPerRequest)
{
    /// <summary>Median requests per second over the runs: the figure judged.</summary>
    public double RequestsPerS => ModelBenchmark.Median(RequestsPerSRuns);

    /// <summary>Median events per second over the runs.</summary>
    public double EventsPerS => ModelBenchmark.Median(EventsPerSRuns);

    /// <summary>Median customers per second of the bare loop over its runs.</summary>
    public double FloorCustomersPerS => ModelBenchmark.Median(FloorCustomersPerSRuns);

    /// <summary>Each run's requests per second over the bare loop's customers per second timed just before it.</summary>
    public IReadOnlyList<double> FloorRatioRuns => [.. RequestsPerSRuns.Zip(FloorCustomersPerSRuns, (m, f) => m / f)];

    /// <summary>
    /// Median over the runs of the model's requests per second over the bare loop's customers per
    /// second (both about two events each): the figure judged, which means the same on any machine.
    /// </summary>
    public double FloorRatio => ModelBenchmark.Median(FloorRatioRuns);

    /// <summary>
    /// Each run's ratio to the floor with both timed in this process's CPU time instead of wall
    /// time: less disturbed by other processes on a shared machine, shown beside the judged figure.
    /// </summary>
    public IReadOnlyList<double> FloorRatioCpuRuns { get; init; } = [];

    /// <summary>Median of <see cref="FloorRatioCpuRuns"/>.</summary>
    public double FloorRatioCpu => ModelBenchmark.Median(FloorRatioCpuRuns);
}

/// <summary>What one memory probe measured: one replication in a process of its own.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="HorizonS">Simulated horizon, seconds.</param>
/// <param name="Requests">Requests that arrived.</param>
/// <param name="PeakWorkingSetMb">Peak working set of the probe's process after the run, MB (10^6 bytes).</param>
public sealed record MemoryProbeResult(string Scenario, double HorizonS, long Requests, double PeakWorkingSetMb);

/// <summary>Memory of the scenario at its horizon and at a long horizon, each in a fresh process.</summary>
/// <param name="Horizon">The probe at the scenario's horizon.</param>
/// <param name="LongHorizon">The probe at the long horizon.</param>
public sealed record ModelMemoryResult(MemoryProbeResult Horizon, MemoryProbeResult LongHorizon)
{
    /// <summary>Long-horizon peak over the horizon's peak: 1 when memory is flat in the horizon.</summary>
    public double Ratio => LongHorizon.PeakWorkingSetMb / Horizon.PeakWorkingSetMb;
}

/// <summary>Wall-clock time of the same replications on one thread and on several.</summary>
/// <param name="Replications">Replications run each time (indices 0 … n−1).</param>
/// <param name="Threads">Worker threads of the parallel run (1 on a one-core machine: no parallel run).</param>
/// <param name="SecondsOneThread">Seconds on one thread.</param>
/// <param name="SecondsParallel">Seconds on <paramref name="Threads"/> threads, or null when not measured.</param>
public sealed record ModelScalingResult(int Replications, int Threads, double SecondsOneThread, double? SecondsParallel)
{
    /// <summary>One-thread time over parallel time, or null when not measured.</summary>
    public double? Speedup => SecondsParallel is double p ? SecondsOneThread / p : null;
}

/// <summary>Everything <c>lookoutsim bench model</c> measured; a skipped part is null.</summary>
/// <param name="Speed">Single-threaded speed.</param>
/// <param name="Memory">Memory in fresh processes, or null when skipped.</param>
/// <param name="Scaling">Replication scaling, or null when skipped.</param>
public sealed record ModelBenchResult(ModelSpeedResult Speed, ModelMemoryResult? Memory, ModelScalingResult? Scaling);

/// <summary>
/// The model benchmark's measurements on a reference scenario (by default
/// <c>samples/bench.yaml</c>: a week of a busy line). Wall-clock time and the working set are read
/// here, in the benchmark, never inside the simulation. Each measurement is one call; the caller
/// (<c>lookoutsim bench model</c>) chooses which to take and starts the memory probes as
/// processes of their own, because a process's peak working set cannot be reset.
/// </summary>
public static class ModelBenchmark
{
    /// <summary>
    /// Runs one simulated day (at most the horizon) and three short bare loops as a JIT warm-up, waits
    /// until the JIT is idle, then
    /// <paramref name="runs"/> times: the bare M/M/5 loop of <c>bench kernel</c> for
    /// <paramref name="floorCustomers"/> customers, then one timed replication (replication 0, the
    /// scenario's seed), single-threaded on the calling thread. Interleaving the two keeps each
    /// ratio to the floor measured under the same load of the machine.
    /// </summary>
    /// <param name="loaded">A valid load result.</param>
    /// <param name="traces">Opens the traces the scenario replays.</param>
    /// <param name="runs">Timed runs, at least 1.</param>
    /// <param name="floorCustomers">Customers of each bare-loop run, at least 1000.</param>
    /// <param name="progress">Called before each timed run with (run, runs), run counted from 1.</param>
    public static ModelSpeedResult Speed(ScenarioLoadResult loaded, ITraceFiles traces, int runs, long floorCustomers = 10_000_000, Action<int, int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(floorCustomers, 1000);
        (Scenario scenario, ModelConfig config, ulong seed) = Compile(loaded, traces);

        // Warm-up: one simulated day, so the timed runs measure the fully optimised code. Tiered
        // compilation promotes a hot method after a call count and a delay, and replaces a running
        // loop only at its next patchpoint; a night hour of traffic (bench.yaml's first hour is
        // 4 calls/s) left the first timed run some 10% slower than the next ones.
        // The bare loop is warmed as in bench kernel: a second call still runs while the JIT swaps in
        // faster code for what it calls, so three short calls, then a wait until the JIT is idle.
        ReplicationRunner.Run(config.CutAt(86400) with { Warmup = 0 }, seed, 0);
        for (int w = 0; w < 3; w++)
        {
            Floor(Math.Min(floorCustomers, 500_000), seed + 1);
        }

        KernelBenchmark.WaitForJit(() => System.Runtime.JitInfo.GetCompiledMethodCount(), Thread.Sleep);

        var requestsPerS = new double[runs];
        var eventsPerS = new double[runs];
        var floorPerS = new double[runs];
        var cpuRatio = new double[runs];
        long requests = 0;
        double allocPerRequest = 0;
        for (int i = 0; i < runs; i++)
        {
            progress?.Invoke(i + 1, runs);
            CollectGarbage();
            TimeSpan cpu0 = ProcessCpu();
            floorPerS[i] = Floor(floorCustomers, seed);
            TimeSpan cpu1 = ProcessCpu();
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            ReplicationResult r = ReplicationRunner.Run(config, seed, 0);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            TimeSpan cpu2 = ProcessCpu();
            requests = Requests(r);
            allocPerRequest = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Math.Max(1, requests);
            requestsPerS[i] = requests / seconds;
            eventsPerS[i] = r.Measures[Measure.Events.Name] / seconds;
            cpuRatio[i] = requests / (cpu2 - cpu1).TotalSeconds / (floorCustomers / (cpu1 - cpu0).TotalSeconds);
        }

        return new ModelSpeedResult(scenario.Name, config.Horizon, requests, requestsPerS, eventsPerS, floorPerS, PeakWorkingSetMb(), allocPerRequest)
        {
            FloorRatioCpuRuns = cpuRatio,
        };
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Customers per second of the bare M/M/5 loop of <c>bench kernel</c> over <paramref name="customers"/> customers.</summary>
    private static double Floor(long customers, ulong seed)
    {
        long t0 = Stopwatch.GetTimestamp();
        double wq = BareLoop.MmcMeanWait(KernelBenchmark.ArrivalRate, KernelBenchmark.ServiceRate, KernelBenchmark.Servers, customers, new RandomStreams(seed, 0));
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        GC.KeepAlive(wq);
        return customers / seconds;
    }

    /// <summary>
    /// One replication (replication 0, the scenario's seed) and this process's peak working set
    /// after it: the body of a memory probe, meant to run in a fresh process.
    /// </summary>
    public static MemoryProbeResult Probe(ScenarioLoadResult loaded, ITraceFiles traces)
    {
        (Scenario scenario, ModelConfig config, ulong seed) = Compile(loaded, traces);
        ReplicationResult r = ReplicationRunner.Run(config, seed, 0);
        long requests = Requests(r);
        GC.KeepAlive(r); // the result is part of what a run holds at its end
        return new MemoryProbeResult(scenario.Name, config.Horizon, requests, PeakWorkingSetMb());
    }

    /// <summary>
    /// Times replications 0 … <paramref name="replications"/>−1 of the scenario (its seed) through
    /// <see cref="ReplicationScheduler"/>, as <c>lookoutsim run --parallel</c> does, first on one
    /// thread and then on <paramref name="threads"/>; simulation only, no output. The parallel run
    /// is not made when <paramref name="threads"/> is 1.
    /// </summary>
    /// <param name="loaded">A valid load result.</param>
    /// <param name="traces">Opens the traces the scenario replays.</param>
    /// <param name="replications">Replications per timing, at least 1.</param>
    /// <param name="threads">Worker threads of the parallel timing, at least 1.</param>
    /// <param name="progress">Called before each timing with its thread count.</param>
    public static ModelScalingResult Scaling(ScenarioLoadResult loaded, ITraceFiles traces, int replications, int threads, Action<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        (_, ModelConfig config, ulong seed) = Compile(loaded, traces);

        double Time(int parallel)
        {
            progress?.Invoke(parallel);
            CollectGarbage();
            long t0 = Stopwatch.GetTimestamp();
            long[] requests = ReplicationScheduler.Run(
                replications,
                (r, token) => Requests(ReplicationRunner.Run(config, seed, r, token)),
                parallel,
                null,
                CancellationToken.None);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            GC.KeepAlive(requests);
            return seconds;
        }

        double one = Time(1);
        double? parallelSeconds = threads > 1 ? Time(threads) : null;
        return new ModelScalingResult(replications, threads, one, parallelSeconds);
    }

    /// <summary>Median of <paramref name="values"/> (mean of the two middle ones for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static (Scenario Scenario, ModelConfig Config, ulong Seed) Compile(ScenarioLoadResult loaded, ITraceFiles traces)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        Scenario scenario = loaded.Scenario ?? throw new ArgumentException("the scenario is not valid", nameof(loaded));
        return (scenario, ScenarioCompiler.Compile(scenario, traces), unchecked((ulong)scenario.Seed));
    }

    private static long Requests(ReplicationResult r) => (long)(r.Diagnostics?.Arrived ?? r.Measures[Measure.RequestsArrived.Name]);

    private static double PeakWorkingSetMb()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64 / 1e6;
    }

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
