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

    [Test]
    public void CutAt_WindowsPastTheNewHorizon_CutOrDroppedSoTheConfigStaysValid()
    {
        // Given a day with two measure windows, one across 1 h and one after it
        ModelConfig config = Configs.Queue(1, 0.1, 1, RoutingPolicy.LeastOutstanding, 1) with
        {
            Horizon = 86400,
            MeasureWindows = [new MeasureWindow(1800, 5400), new MeasureWindow(7200, 9000)],
        };

        // When cut at one hour
        ModelConfig cut = config.CutAt(3600);

        // Then the first window ends at the horizon, the second is gone, and the model builds;
        // the same horizon set without cutting the windows is refused
        Assert.That(cut.Horizon, Is.EqualTo(3600));
        Assert.That(cut.MeasureWindows, Is.EqualTo(new[] { new MeasureWindow(1800, 3600) }));
        Assert.That(ModelConfigCheck.Problems(cut), Is.Empty);
        Assert.That(ModelConfigCheck.Problems(config with { Horizon = 3600 }), Is.Not.Empty);
        Assert.That(config.CutAt(1e9).Horizon, Is.EqualTo(86400), "never longer than it was");
    }
}
