using LookoutSim.Engine;
using LookoutSim.Experiments.Bench;
using LookoutSim.Metrics;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Engine;

/// <summary>
/// The engine against results nobody here wrote: each check runs independent replications
/// (seeds 1 … n) and asks that the textbook value lie in the 95% confidence interval of the mean.
/// </summary>
public sealed class QueueTheoryOnEngineTests
{
    private const int Replications = 12;

    [TestCase(5, 4.5, 1.0)]
    [TestCase(2, 1.4, 1.0)]
    public void MmcMeanWait_MatchesErlangC(int servers, double lambda, double mu)
    {
        // Given / When
        double[] waits = Replicate(seed => Kernel(lambda, Distribution.Exponential(1 / mu), servers, int.MaxValue, 300_000, seed).MeanWait);

        // Then
        Stats.AssertWithinCi(waits, QueueingTheory.MmcMeanWait(servers, lambda, mu), $"M/M/{servers} Wq");
    }

    [TestCase(4, 3.0, 1.0)]
    [TestCase(10, 9.0, 1.0)]
    public void MmccBlocking_MatchesErlangB(int servers, double lambda, double mu)
    {
        double[] blocking = Replicate(seed => Kernel(lambda, Distribution.Exponential(1 / mu), servers, servers, 200_000, seed).BlockingProbability);
        Stats.AssertWithinCi(blocking, QueueingTheory.ErlangB(servers, lambda / mu), $"M/M/{servers}/{servers} blocking");
    }

    [Test]
    public void MmckBlocking_MatchesBirthDeathSolution()
    {
        double[] blocking = Replicate(seed => Kernel(3.2, Distribution.Exponential(1), 3, 6, 200_000, seed).BlockingProbability);
        Stats.AssertWithinCi(blocking, QueueingTheory.MmckBlocking(3, 6, 3.2, 1), "M/M/3/6 blocking");
    }

    [TestCase(0.7)]
    [TestCase(0.85)]
    public void Md1MeanWait_MatchesPollaczekKhinchine(double rho)
    {
        const double service = 0.1;
        double lambda = rho / service;
        double[] waits = Replicate(seed => Kernel(lambda, Distribution.Deterministic(service), 1, int.MaxValue, 300_000, seed).MeanWait);
        Stats.AssertWithinCi(waits, QueueingTheory.PollaczekKhinchineMeanWait(lambda, service, 0), $"M/D/1 Wq at ρ={rho}");
    }

    [Test]
    public void Kernel_SameSeed_IdenticalSamplePath_DifferentSeed_Different()
    {
        QueueKernel a = Kernel(4.5, Distribution.Exponential(1), 5, int.MaxValue, 20_000, 1);
        QueueKernel b = Kernel(4.5, Distribution.Exponential(1), 5, int.MaxValue, 20_000, 1);
        QueueKernel c = Kernel(4.5, Distribution.Exponential(1), 5, int.MaxValue, 20_000, 2);
        Assert.That(b.TotalWait, Is.EqualTo(a.TotalWait));
        Assert.That(b.Events, Is.EqualTo(a.Events));
        Assert.That(c.TotalWait, Is.Not.EqualTo(a.TotalWait));
    }

    [Test]
    public void BareLoop_MeanWait_MatchesErlangC()
    {
        double[] waits = Replicate(seed => BareLoop.MmcMeanWait(4.5, 1, 5, 300_000, new RandomStreams(seed, 0)));
        Stats.AssertWithinCi(waits, QueueingTheory.MmcMeanWait(5, 4.5, 1), "bare-loop M/M/5 Wq");
    }

    [Test]
    public void EngineMmc_MeanWait_MatchesErlangC()
    {
        double[] waits = Replicate(seed => EngineMmc.MmcMeanWait(4.5, 1, 5, 300_000, new RandomStreams(seed, 0), out _));
        Stats.AssertWithinCi(waits, QueueingTheory.MmcMeanWait(5, 4.5, 1), "lean engine M/M/5 Wq");
    }

    [Test]
    public void PooledBareLoop_MeanWait_MatchesErlangC()
    {
        double[] waits = Replicate(seed => BareLoop.MmckPooledMeanWait(4.5, Distribution.Exponential(1), 5, int.MaxValue, 300_000, new RandomStreams(seed, 0)));
        Stats.AssertWithinCi(waits, QueueingTheory.MmcMeanWait(5, 4.5, 1), "pooled bare-loop M/M/5 Wq");
    }

    [TestCase(0.7)]
    [TestCase(0.85)]
    public void PooledBareLoop_Md1MeanWait_MatchesPollaczekKhinchine(double rho)
    {
        const double service = 0.1;
        double lambda = rho / service;
        double[] waits = Replicate(seed => BareLoop.MmckPooledMeanWait(lambda, Distribution.Deterministic(service), 1, int.MaxValue, 300_000, new RandomStreams(seed, 0)));
        Stats.AssertWithinCi(waits, QueueingTheory.PollaczekKhinchineMeanWait(lambda, service, 0), $"pooled bare-loop M/D/1 Wq at ρ={rho}");
    }

    [TestCase(1UL)]
    [TestCase(7UL)]
    public void BenchLoops_SameSeed_SameSamplePath(ulong seed)
    {
        // Given: the four loops bench kernel times, on the same streams. They run the same events in
        // the same order (time, then the order scheduled) and draw the same numbers, so their waits
        // agree exactly — only the machinery differs.
        const long customers = 50_000;

        // When
        double lean = BareLoop.MmcMeanWait(4.5, 1, 5, customers, new RandomStreams(seed, 0));
        double leanEngine = EngineMmc.MmcMeanWait(4.5, 1, 5, customers, new RandomStreams(seed, 0), out long events);
        double pooled = BareLoop.MmckPooledMeanWait(4.5, Distribution.Exponential(1), 5, int.MaxValue, customers, new RandomStreams(seed, 0));
        QueueKernel kernel = Kernel(4.5, Distribution.Exponential(1), 5, int.MaxValue, customers, seed);

        // Then
        Assert.That(lean, Is.GreaterThan(0));
        Assert.That(leanEngine, Is.EqualTo(lean), "lean engine loop against the lean bare loop");
        Assert.That(pooled, Is.EqualTo(lean), "pooled bare loop against the lean bare loop");
        Assert.That(kernel.MeanWait, Is.EqualTo(lean), "QueueKernel against the lean bare loop");
        Assert.That(events, Is.EqualTo(2 * customers), "an arrival and a departure per customer");
        Assert.That(kernel.Events, Is.EqualTo(events));
    }

    [Test]
    public void PooledBareLoop_WithCapacity_BlocksAsQueueKernelDoes()
    {
        // M/M/3/6: the pooled bare loop checks K as the kernel does, so the same streams give the same waits.
        double pooled = BareLoop.MmckPooledMeanWait(3.2, Distribution.Exponential(1), 3, 6, 50_000, new RandomStreams(3, 0));
        double unbounded = BareLoop.MmckPooledMeanWait(3.2, Distribution.Exponential(1), 3, int.MaxValue, 50_000, new RandomStreams(3, 0));
        QueueKernel kernel = Kernel(3.2, Distribution.Exponential(1), 3, 6, 50_000, 3);
        Assert.That(kernel.Blocked, Is.GreaterThan(0));
        Assert.That(pooled, Is.EqualTo(kernel.MeanWait));
        Assert.That(pooled, Is.LessThan(unbounded), "blocking shortens the waits");
    }

    [Test]
    public void QueueingTheory_KnownValues()
    {
        // Reference values from published Erlang tables.
        Assert.That(QueueingTheory.ErlangB(10, 5), Is.EqualTo(0.018385).Within(1e-6));
        Assert.That(QueueingTheory.ErlangC(5, 4.5), Is.EqualTo(0.7625).Within(1e-4));
        Assert.That(QueueingTheory.MmcMeanWait(5, 4.5, 1), Is.EqualTo(1.525).Within(1e-3));
        Assert.That(QueueingTheory.PollaczekKhinchineMeanWait(0.5, 1, 1), Is.EqualTo(1.0).Within(1e-12), "M/M/1 at ρ=0.5: Wq = ρ/(μ−λ) = 1");
        Assert.That(QueueingTheory.MmckBlocking(1, 1, 1, 1), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(QueueingTheory.MmckBlocking(5, 5, 3, 1), Is.EqualTo(QueueingTheory.ErlangB(5, 3)).Within(1e-12));
    }

    private static QueueKernel Kernel(double lambda, Distribution service, int servers, int capacity, long customers, ulong seed)
    {
        var k = new QueueKernel(lambda, service, servers, capacity, customers, new RandomStreams(seed, 0));
        k.Run();
        return k;
    }

    private static double[] Replicate(Func<ulong, double> run) =>
        Enumerable.Range(1, Replications).Select(i => run((ulong)i)).ToArray();
}
