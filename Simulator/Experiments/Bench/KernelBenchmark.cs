using System.Diagnostics;
using LookoutSim.Engine;
using LookoutSim.Metrics;

namespace LookoutSim.Experiments.Bench;

/// <summary>What <c>lookoutsim bench kernel</c> measured.</summary>
/// <param name="Customers">Customers simulated in the timed run.</param>
/// <param name="CustomersPerS">Customers per wall-clock second on the engine.</param>
/// <param name="EventsPerS">Engine events per wall-clock second.</param>
/// <param name="AllocBytesPerCustomer">Bytes allocated on the simulating thread per customer.</param>
/// <param name="WqS">Mean wait in queue measured, seconds.</param>
/// <param name="WqTheoryS">Erlang C's mean wait, seconds.</param>
/// <param name="FloorCustomersPerS">Customers per second of the bare PriorityQueue loop, same process.</param>
/// <param name="FloorWqS">Mean wait measured by the bare loop, seconds.</param>
public sealed record KernelBenchResult(
    long Customers,
    double CustomersPerS,
    double EventsPerS,
    double AllocBytesPerCustomer,
    double WqS,
    double WqTheoryS,
    double FloorCustomersPerS,
    double FloorWqS)
{
    /// <summary>Engine speed relative to the bare loop.</summary>
    public double RatioToFloor => CustomersPerS / FloorCustomersPerS;
}

/// <summary>
/// M/M/5 (λ = 4.5/s, μ = 1/s, FIFO) on the engine, after a JIT warm-up run, against the bare
/// loop of <see cref="BareLoop"/> in the same process. Wall-clock time is read here, in the
/// benchmark, never inside the simulation.
/// </summary>
public static class KernelBenchmark
{
    /// <summary>λ of the reference M/M/5, per second.</summary>
    public const double ArrivalRate = 4.5;

    /// <summary>μ of the reference M/M/5, per second.</summary>
    public const double ServiceRate = 1.0;

    /// <summary>c of the reference M/M/5.</summary>
    public const int Servers = 5;

    /// <summary>Runs the benchmark with <paramref name="customers"/> customers (default 10,000,000).</summary>
    public static KernelBenchResult Run(long customers = 10_000_000, ulong seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1000);
        long warmup = Math.Min(customers, 500_000);

        // JIT warm-up of both loops, so tiered compilation has settled before timing.
        RunEngine(warmup, seed + 1);
        BareLoop.MmcMeanWait(ArrivalRate, ServiceRate, Servers, warmup, new RandomStreams(seed + 1, 0));

        long allocBefore = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        QueueKernel kernel = RunEngine(customers, seed);
        double engineSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;

        long t1 = Stopwatch.GetTimestamp();
        double floorWq = BareLoop.MmcMeanWait(ArrivalRate, ServiceRate, Servers, customers, new RandomStreams(seed, 0));
        double floorSeconds = Stopwatch.GetElapsedTime(t1).TotalSeconds;

        return new KernelBenchResult(
            Customers: customers,
            CustomersPerS: customers / engineSeconds,
            EventsPerS: kernel.Events / engineSeconds,
            AllocBytesPerCustomer: (double)allocated / customers,
            WqS: kernel.MeanWait,
            WqTheoryS: QueueingTheory.MmcMeanWait(Servers, ArrivalRate, ServiceRate),
            FloorCustomersPerS: customers / floorSeconds,
            FloorWqS: floorWq);
    }

    private static QueueKernel RunEngine(long customers, ulong seed)
    {
        var kernel = new QueueKernel(ArrivalRate, Distribution.Exponential(1 / ServiceRate), Servers, int.MaxValue, customers, new RandomStreams(seed, 0));
        kernel.Run();
        return kernel;
    }
}
