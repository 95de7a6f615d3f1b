using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class ModelConfigCheckTests
{
    [Test]
    public void Problems_ValidConfig_None() =>
        Assert.That(ModelConfigCheck.Problems(Configs.Queue(1, 0.1, 1, RoutingPolicy.LeastOutstanding, 1)), Is.Empty);

    [Test]
    public void Problems_SeveralMistakes_AllReported()
    {
        // Given max below min, an outage in a zone that does not exist and a warm-up past the horizon
        ModelConfig config = Configs.Queue(1, 0.1, 3, RoutingPolicy.LeastOutstanding, 1) with
        {
            Warmup = 1000,
            Deployment = new DeploymentConfig { MinUnits = 3, MaxUnits = 2 },
            Failures = new FailuresConfig { ZoneOutages = [new ZoneOutage(4, 10, 10)] },
        };

        // When
        var problems = ModelConfigCheck.Problems(config);

        // Then
        Assert.That(problems, Has.Count.EqualTo(3));
        Assert.That(string.Join("\n", problems), Does.Contain("warmup").And.Contain("max_units").And.Contain("zone_outages.zone"));
        Assert.Throws<ArgumentException>(() => Configs.Build(config));
    }
}
