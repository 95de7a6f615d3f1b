using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class TimeoutTimerTests
{
    // Two units at 30% load, exponential service, a timeout of three mean service times: about one
    // attempt in twelve times out, most end before their deadline, and retries (full jitter)
    // interleave with both.
    private static ModelConfig Congested() => new()
    {
        Horizon = 3600,
        Service = new ServiceConfig { Base = 0.1, Distribution = DistributionKind.Exponential },
        Images = [new ImageSpec(1, 0, 0, 0)],
        Traffic = [new PoissonTraffic { Name = "calls", Rate = 6 }],
        Client = new ClientConfig { Timeout = 0.3, Retry = RetryPolicy.AwsStandard with { QuotaTokens = null } },
        Deployment = new DeploymentConfig { MinUnits = 2, MaxUnits = 2, QueuePerUnit = 20 },
        RequestSampleFraction = 1,
    };

    private static string Digest(ReplicationResult r)
    {
        var text = new StringBuilder();
        foreach (RequestRow q in r.Requests)
        {
            text.Append(CultureInfo.InvariantCulture, $"{q.Request} {q.ArrivalS:R} {q.EndS:R} {q.Attempts} {q.Outcome}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    [Test]
    public void Congested_TimeoutsAndRetries_SameRunAsOneTimeoutEventPerAttempt()
    {
        // Given a line where timeouts, answers just before the deadline and retries all occur
        ModelConfig config = Congested();

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 5, 0);

        // Then every request, the counts and the number of model events are those of the model that
        // scheduled one timeout event per attempt and cancelled it on an answer (commit c03dee4);
        // the timer's wake-ups at deadlines no longer awaited are not counted as events.
        TestContext.Out.WriteLine($"{Digest(r)} {r.Measures["events"]} {r.Measures["timeouts"]} {r.Measures["attempts"]} {r.Measures["requests_succeeded"]}");
        Assert.That(r.Measures["timeouts"], Is.GreaterThan(1000));
        Assert.That(r.Measures["requests_succeeded"], Is.GreaterThan(1000));
        Assert.That(
            (Digest(r), r.Measures["events"], r.Measures["timeouts"], r.Measures["attempts"], r.Measures["requests_succeeded"]),
            Is.EqualTo(("F85930404F3DD049", 49269.0, 1952.0, 23599.0, 21647.0)));
    }
}
