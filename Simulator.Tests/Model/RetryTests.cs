using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class RetryTests
{
    // One unit, one slot, no queue, whose first call takes longer than the horizon: every later attempt is throttled.
    private static ModelConfig Saturated(RetryPolicy retry, double rate = 5, double horizon = 600) => new()
    {
        Horizon = horizon,
        Service = new ServiceConfig { Base = 1e6, Distribution = DistributionKind.Deterministic },
        Images = [new ImageSpec(1, 0, 0, 0)],
        Traffic = [new PoissonTraffic { Name = "calls", Rate = rate }],
        Client = new ClientConfig { Retry = retry },
        Deployment = new DeploymentConfig { MinUnits = 1, QueuePerUnit = 0 },
        RequestSampleFraction = 1,
    };

    [Test]
    public void AwsStandard_SaturatedUnit_ThreeAttemptsAndDelaysWithinFullJitterBounds()
    {
        // Given aws-standard without quota limits in play (quota off) against a unit that takes nothing
        ModelConfig config = Saturated(RetryPolicy.AwsStandard with { QuotaTokens = null });

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 3, 0);

        // Then every ended request after the first made exactly 3 attempts, and its client latency is
        // 3 throttle answers plus two full-jitter delays: in [0.015, 0.015 + 1 + 2] s, mean 0.015 + 1.5
        var failed = r.Requests.Where(q => q.Outcome == "failed").ToList();
        Assert.That(failed, Has.Count.GreaterThan(2000));
        Assert.That(failed.All(q => q.Attempts == 3), Is.True);
        var spans = failed.Select(q => q.EndS - q.ArrivalS).ToList();
        Assert.That(spans.Min(), Is.GreaterThanOrEqualTo(0.015 - 1e-9));
        Assert.That(spans.Max(), Is.LessThanOrEqualTo(3.015 + 1e-9));
        Assert.That(spans.Average(), Is.EqualTo(1.515).Within(0.05));
        Assert.That(r.Measures["attempts"], Is.EqualTo(r.Measures["requests_arrived"] + r.Measures["retries"]));
    }

    [Test]
    public void AwsStandard_SaturatedUnit_QuotaCapsRetriesAt500Over5()
    {
        // Given the default quota of 500 tokens, 5 per retry, and no success to refund any
        ModelConfig config = Saturated(RetryPolicy.AwsStandard);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 3, 0);

        // Then exactly 100 retries were made; after that every request fails after one attempt
        Assert.That(r.Measures["retries"], Is.EqualTo(100));
        Assert.That(r.Diagnostics!.QuotaRefusals, Is.GreaterThan(1000));
        Assert.That(r.Measures["requests_succeeded"], Is.Zero);
    }

    [Test]
    public void Quota_TimeoutsCostTenAndSuccessesRefundOne()
    {
        // Given calls that always time out (service 10 s, timeout 1 s) on plenty of units, quota 500
        var config = new ModelConfig
        {
            Horizon = 300,
            Service = new ServiceConfig { Base = 10, Distribution = DistributionKind.Deterministic },
            Images = [new ImageSpec(1, 0, 0, 0)],
            Traffic = [new PoissonTraffic { Name = "calls", Rate = 2 }],
            Client = new ClientConfig { Timeout = 1, Retry = RetryPolicy.AwsStandard },
            Deployment = new DeploymentConfig { MinUnits = 200, QueuePerUnit = 0 },
        };

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 5, 0);

        // Then 500 / 10 = 50 retries, every attempt timed out, nothing succeeded, and the units still served the abandoned calls
        Assert.That(r.Measures["retries"], Is.EqualTo(50));
        Assert.That(r.Measures["timeouts"], Is.EqualTo(r.Measures["attempts"] - r.Measures["requests_in_flight_at_end"]).Within(3));
        Assert.That(r.Measures["requests_succeeded"], Is.Zero);
        Assert.That(r.Measures["service_mean_s"], Is.EqualTo(10).Within(1e-9));
    }

    [TestCase(Jitter.Full, 0.0, 4.0)]
    [TestCase(Jitter.Equal, 2.0, 4.0)]
    [TestCase(Jitter.None, 4.0, 4.0)]
    public void Backoff_ThirdAttempt_WithinJitterBounds(Jitter jitter, double low, double high)
    {
        // Given base 1 s, cap 20 s: before attempt 4 the delay is min(2^2, 20) = 4 s before jitter
        ModelConfig config = Saturated(RetryPolicy.AwsStandard with { Jitter = jitter, MaxAttempts = 5 });
        ServingSystem system = Configs.Build(config);

        // When
        var draws = Enumerable.Range(0, 2000).Select(_ => system.Clients[0].Backoff(3)).ToList();

        // Then
        Assert.That(draws.Min(), Is.GreaterThanOrEqualTo(low));
        Assert.That(draws.Max(), Is.LessThanOrEqualTo(high));
        Assert.That(draws.Average(), Is.EqualTo((low + high) / 2).Within(0.1));
        Assert.That(system.Clients[0].Backoff(10), Is.LessThanOrEqualTo(20), "capped at max_delay");
    }

    [Test]
    public void None_Throttled_FailsAfterOneAttempt()
    {
        // Given no retry
        ReplicationResult r = ReplicationRunner.Run(Saturated(RetryPolicy.None), 3, 0);

        // Then
        Assert.That(r.Measures["retries"], Is.Zero);
        Assert.That(r.Measures["attempts"], Is.EqualTo(r.Measures["requests_arrived"]));
        Assert.That(r.Measures["requests_failed"], Is.EqualTo(r.Measures["throttled_attempts"]).Within(1));
    }
}
