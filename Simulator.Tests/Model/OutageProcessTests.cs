using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class OutageProcessTests
{
    private static ModelConfig Base(FailuresConfig failures, double horizon) => new()
    {
        Horizon = horizon,
        Interval = 3600,
        Service = new ServiceConfig { Base = 0.1 },
        Traffic = [new PoissonTraffic { Name = "line", Rate = 0.005 }],
        Deployment = new DeploymentConfig { MinUnits = 3, Zones = ["a", "b", "c"], UnitStart = Distribution.Deterministic(60) },
        Failures = failures,
    };

    [Test]
    public void RandomZoneOutages_CountAndDowntimeFollowTheirMeans()
    {
        // Given outages every 5 days on average per zone, 1–3 h long, over 100 days and 3 zones
        ModelConfig config = Base(new FailuresConfig { RandomZoneOutages = new RandomZoneOutages(5 * 86400, Distribution.Uniform(3600, 3 * 3600)) }, 100 * 86400);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 2, 0);

        // Then about 3 × 100 / 5 = 60 outages (Poisson, ± 4σ), each within its duration range
        var down = r.Events.Where(e => e.Kind == "zone_down").ToList();
        Assert.That(down, Has.Count.InRange(60 - 31, 60 + 31));
        var up = r.Events.Where(e => e.Kind == "zone_up").ToList();
        foreach (EventRow d in down.Where(d => d.TimeS < config.Horizon - (3 * 3600)))
        {
            EventRow u = up.First(e => e.Zone == d.Zone && e.TimeS > d.TimeS);
            Assert.That(u.TimeS - d.TimeS, Is.InRange(3600, 3 * 3600));
        }
    }

    [Test]
    public void WeibullFailures_MeanTimeToFailureIsMtbf()
    {
        // Given Weibull (shape 2) failures with MTBF 1 day, replaced at once, over 200 days
        ModelConfig config = Base(new FailuresConfig { UnitMtbf = 86400, UnitFailureShape = 2, UnitReplacementDelay = 0 }, 200 * 86400);

        // When
        ReplicationResult r = ReplicationRunner.Run(config, 2, 0);

        // Then about 3 units × 200 days / (1 day + 60 s start) failures; Weibull(2) renewals are less variable than Poisson
        double expected = 3 * 200 * 86400 / (86400 + 60.0);
        Assert.That(r.Diagnostics!.UnitFailures, Is.EqualTo(expected).Within(4 * Math.Sqrt(expected)));
    }
}
