using LookoutSim.Engine;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

/// <summary>The model against results nobody here wrote, with confidence intervals over 10 replications.</summary>
public sealed class QueueingTheoryAgreementTests
{
    [Test]
    public void SharedQueue_MMc_WaitMatchesErlangC()
    {
        // Given M/M/5 at ρ = 0.8 (λ = 40/s, E[S] = 0.1 s) with an unbounded shared queue
        ModelConfig config = Configs.Queue(40, 0.1, 5, RoutingPolicy.SharedQueue, 100_000);

        // When
        var results = Configs.RunMany(config, 10);

        // Then
        Configs.AssertAgrees(results, "wait_mean_s", QueueingTheory.MmcMeanWait(5, 40, 10));
        Configs.AssertAgrees(results, "utilization", 0.8);
        Configs.AssertAgrees(results, "service_mean_s", 0.1);
        Assert.That(Configs.Summary(results, "throttled_attempts").Max, Is.Zero);
    }

    [TestCase(RoutingPolicy.SharedQueue)]
    [TestCase(RoutingPolicy.LeastOutstanding)]
    public void NoQueue_MMcc_BlockingMatchesErlangB(RoutingPolicy routing)
    {
        // Given 5 one-slot units, offered 4 Erlangs, no waiting room: M/M/5/5
        ModelConfig config = Configs.Queue(40, 0.1, 5, routing, 0);

        // When
        var results = Configs.RunMany(config, 10);

        // Then
        Configs.AssertAgrees(results, "throttle_rate", QueueingTheory.ErlangB(5, 4));
        Configs.AssertAgrees(results, "wait_mean_s", 0, 1e-12);
    }

    [Test]
    public void SharedQueue_MMcK_BlockingMatchesTheory()
    {
        // Given 3 units and a shared queue of 2 per unit: M/M/3/9 at a = 3.2
        ModelConfig config = Configs.Queue(32, 0.1, 3, RoutingPolicy.SharedQueue, 2);

        // When
        var results = Configs.RunMany(config, 10);

        // Then
        Configs.AssertAgrees(results, "throttle_rate", QueueingTheory.MmckBlocking(3, 9, 32, 10));
    }

    [Test]
    public void OneUnitDeterministic_MD1_WaitMatchesPollaczekKhinchine()
    {
        // Given one unit, deterministic 0.1 s service, ρ = 0.7
        ModelConfig config = Configs.Queue(7, 0.1, 1, RoutingPolicy.LeastOutstanding, 100_000, horizon: 2000, warmup: 100,
            dist: DistributionKind.Deterministic, cv: 0);

        // When
        var results = Configs.RunMany(config, 10);

        // Then
        Configs.AssertAgrees(results, "wait_mean_s", QueueingTheory.PollaczekKhinchineMeanWait(7, 0.1, 0));
        Configs.AssertAgrees(results, "latency_mean_s", QueueingTheory.PollaczekKhinchineMeanWait(7, 0.1, 0) + 0.1);
    }

    [Test]
    public void OneUnitGamma_MG1_WaitMatchesPollaczekKhinchine()
    {
        // Given one unit, gamma service with cv 0.5, ρ = 0.6
        ModelConfig config = Configs.Queue(6, 0.1, 1, RoutingPolicy.RoundRobin, 100_000, horizon: 2000, warmup: 100,
            dist: DistributionKind.Gamma, cv: 0.5);

        // When
        var results = Configs.RunMany(config, 10);

        // Then
        Configs.AssertAgrees(results, "wait_mean_s", QueueingTheory.PollaczekKhinchineMeanWait(6, 0.1, 0.5));
    }
}
