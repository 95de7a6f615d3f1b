using LookoutSim.Metrics;

namespace LookoutSim.Tests.Metrics;

public sealed class QueueingTheoryTests
{
    [TestCase(0.5)]
    [TestCase(3.0)]
    public void ErlangB_OneServer_IsAOverOnePlusA(double a) =>
        Assert.That(QueueingTheory.ErlangB(1, a), Is.EqualTo(a / (1 + a)).Within(1e-12));

    [Test]
    public void ErlangB_KnownTableValue() =>
        // Given the classic table: 10 servers, 5 Erlangs → 0.01838
        Assert.That(QueueingTheory.ErlangB(10, 5), Is.EqualTo(0.018384).Within(1e-6));

    [Test]
    public void ErlangC_OneServer_IsRho() => Assert.That(QueueingTheory.ErlangC(1, 0.7), Is.EqualTo(0.7).Within(1e-12));

    [Test]
    public void WqMMc_BenchmarkCase_Is1525ms() =>
        // Given M/M/5 at λ 4.5, μ 1 (the bench's reference)
        Assert.That(QueueingTheory.MmcMeanWait(5, 4.5, 1), Is.EqualTo(1.525).Within(0.001));

    [Test]
    public void MMcKBlocking_NoWaitingRoom_IsErlangB() =>
        Assert.That(QueueingTheory.MmckBlocking(5, 5, 4, 1), Is.EqualTo(QueueingTheory.ErlangB(5, 4)).Within(1e-12));

    [Test]
    public void MMcKBlocking_OneServer_IsGeometric()
    {
        // Given M/M/1/K: p_K = (1−ρ)ρ^K / (1−ρ^(K+1))
        double rho = 0.8;
        int k = 4;
        Assert.That(QueueingTheory.MmckBlocking(1, k, 0.8, 1), Is.EqualTo((1 - rho) * Math.Pow(rho, k) / (1 - Math.Pow(rho, k + 1))).Within(1e-12));
    }

    [Test]
    public void PollaczekKhinchine_ExponentialService_IsMM1() =>
        // Given M/M/1: Wq = ρ / (μ − λ)
        Assert.That(QueueingTheory.PollaczekKhinchineMeanWait(0.6, 1, 1), Is.EqualTo(0.6 / 0.4).Within(1e-12));

    [Test]
    public void PollaczekKhinchine_Deterministic_IsHalfOfMM1() =>
        Assert.That(QueueingTheory.PollaczekKhinchineMeanWait(0.6, 1, 0), Is.EqualTo(0.75).Within(1e-12));
}
