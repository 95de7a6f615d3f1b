using LookoutSim.Engine;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class AllocationTests
{
    private static (long Bytes, long Requests) Measure(ModelConfig config)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var collector = new MetricsCollector(config, 0);
        var system = new ServingSystem(config, new RandomStreams(1, 0), collector);
        collector.Attach(system);
        system.Run();
        ReplicationResult r = collector.Finish(0);
        return (GC.GetAllocatedBytesForCurrentThread() - before, (long)r.Measures["requests_arrived"]);
    }

    [TestCase(RoutingPolicy.LeastOutstanding, DistributionKind.LogNormal)]
    [TestCase(RoutingPolicy.SharedQueue, DistributionKind.Exponential)]
    [TestCase(RoutingPolicy.PowerOfTwo, DistributionKind.Gamma)]
    public void HotPath_PerRequest_AllocatesNothing(RoutingPolicy routing, DistributionKind dist)
    {
        // Given a busy line with timeouts, throttling and retries
        ModelConfig Config(double horizon) => new()
        {
            Horizon = horizon,
            Service = new ServiceConfig { Base = 0.05, Distribution = dist, Cv = 0.6, Concurrency = 2 },
            Traffic = [new PoissonTraffic { Name = "camera", Rate = 150 }],
            Client = new ClientConfig { Timeout = 0.3, Retry = RetryPolicy.AwsStandard with { QuotaTokens = null } },
            Deployment = new DeploymentConfig { MinUnits = 4, Routing = routing, QueuePerUnit = 4, Zones = ["a", "b"] },
        };
        Measure(Config(100)); // JIT and first-use allocations

        // When the horizon doubles
        (long bytes1, long req1) = Measure(Config(1000));
        (long bytes2, long req2) = Measure(Config(2000));

        // Then the extra requests cost (next to) nothing: only the extra time-series rows
        double perRequest = (double)(bytes2 - bytes1) / (req2 - req1);
        TestContext.Out.WriteLine($"{bytes1} B for {req1} requests; {bytes2} B for {req2}; {perRequest:0.###} B per extra request");
        Assert.That(req2 - req1, Is.GreaterThan(100_000));
        Assert.That(perRequest, Is.LessThan(2));
    }
}
