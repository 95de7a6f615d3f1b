using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class RoutingTests
{
    [Test]
    public void RateLimit_Overload_ThrottlesTheExcessAndQueuesTheRest()
    {
        // Given 2 units of 10 calls/s behind a token bucket (1 s burst), offered 30 calls/s
        ModelConfig config = Configs.Queue(30, 0.1, 2, RoutingPolicy.LeastOutstanding, 0, horizon: 2000, warmup: 100) with
        {
            Deployment = new DeploymentConfig { MinUnits = 2, Admission = AdmissionPolicy.RateLimit, QueuePerUnit = 0 },
        };

        // When
        var results = Configs.RunMany(config, 4);

        // Then a third is throttled (the bucket admits the rated 20/s), and admitted calls queue without bound
        Configs.AssertAgrees(results, "throttle_rate", 1 - (20.0 / 30), 0.01);
        Assert.That(Configs.Summary(results, "wait_mean_s").Mean, Is.GreaterThan(0.5));
    }

    [TestCase(RoutingPolicy.RoundRobin)]
    [TestCase(RoutingPolicy.Random)]
    [TestCase(RoutingPolicy.PowerOfTwo)]
    [TestCase(RoutingPolicy.LeastOutstanding)]
    public void Policies_ModerateLoad_SpreadEvenlyAndOrderedByQuality(RoutingPolicy routing)
    {
        // Given 4 units at ρ = 0.7 with deep queues
        ModelConfig config = Configs.Queue(28, 0.1, 4, routing, 1000, horizon: 1000);

        // When
        var results = Configs.RunMany(config, 4);

        // Then all serve the same load; random routing is 4 independent M/M/1 queues (Wq = ρ/(μ−λ/4))
        Configs.AssertAgrees(results, "utilization", 0.7, 0.01);
        double wait = Configs.Summary(results, "wait_mean_s").Mean;
        double mm1 = 0.7 / (10 - 7);
        double mmc = QueueingTheory.MmcMeanWait(4, 28, 10);
        Assert.That(wait, Is.InRange(mmc * 0.8, mm1 * 1.2));
        if (routing == RoutingPolicy.Random)
        {
            Configs.AssertAgrees(results, "wait_mean_s", mm1, 0.01);
        }
    }
}
