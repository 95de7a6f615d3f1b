using System.Collections.Immutable;
using LookoutSim.Experiments.Observed;

namespace LookoutSim.Tests.Experiments.Observed;

public sealed class StarterEstimateTests
{
    private static ObservedSeries S(string name, ObservedKind kind, params (double T, double V)[] points) =>
        new(name, kind, points.Select(p => new ObservedPoint(p.T, p.V)).ToImmutableArray());

    [Test]
    public void From_ThrottledPeriods_EstimateTpsPerUnitFromThemOnly()
    {
        // Given: 5 one-minute periods. At least 5% of attempts throttled in periods 1..3; per unit there:
        // 600/(60×2) = 5, 720/(60×2) = 6, 1260/(60×3) = 7 calls per second. Period 0 (no throttling)
        // and period 4 (1% throttled: a burst, not saturation) are left out.
        var data = new ObservedData(DateTimeOffset.UnixEpoch, 60,
        [
            S("SuccessfulRequestCount", ObservedKind.Successful, (0, 60), (60, 600), (120, 720), (180, 1260), (240, 297)),
            S("ThrottledCount", ObservedKind.Throttled, (60, 60), (120, 80), (180, 140), (240, 3)),
            S("InServiceInferenceUnits", ObservedKind.InServiceUnits, (0, 2), (60, 2), (120, 2), (180, 3), (240, 2)),
            S("MinInferenceUnits", ObservedKind.MinUnits, (0, 2), (60, 2), (120, 2), (180, 2), (240, 2)),
        ]);

        // When
        StarterEstimate e = StarterEstimate.From(data, 3);

        // Then
        Assert.That(e.TpsPerUnit, Is.Not.Null);
        Assert.That(e.TpsPerUnit!.Value.Value, Is.EqualTo(6).Within(1e-9));
        Assert.That(e.TpsPerUnit.Value.Periods, Is.EqualTo(3));
        Assert.That(e.TpsPerUnit.Value.OnlyBursts, Is.False);
        Assert.That(e.TpsPerUnit.Value.Low, Is.EqualTo(5.2).Within(1e-9), "10th percentile between 5 and 6");
        Assert.That(e.TpsPerUnit.Value.High, Is.EqualTo(6.8).Within(1e-9));
        Assert.That(e.MinUnits.Value, Is.EqualTo(2));
        Assert.That(e.MaxUnits.Value, Is.EqualTo(3), "no MaxInferenceUnits: the most units seen in service");
        Assert.That(e.MaxUnits.Source, Does.Contain("not observed"));
        Assert.That(e.Demand, Has.Length.EqualTo(5));
        Assert.That(e.Demand[0], Is.EqualTo(60));
    }

    [Test]
    public void From_OnlyBurstThrottling_UsesThoseMarkedAsALowerBound()
    {
        var data = new ObservedData(DateTimeOffset.UnixEpoch, 60,
        [
            S("SuccessfulRequestCount", ObservedKind.Successful, (0, 600), (60, 240)),
            S("ThrottledCount", ObservedKind.Throttled, (0, 3), (60, 1)),
            S("InServiceInferenceUnits", ObservedKind.InServiceUnits, (0, 2), (60, 2)),
        ]);
        SpreadEstimate tps = StarterEstimate.From(data, 3).TpsPerUnit!.Value;
        Assert.That(tps.OnlyBursts, Is.True);
        Assert.That(tps.Value, Is.EqualTo((5 + 2) / 2.0).Within(1e-9));
    }

    [Test]
    public void From_NoThrottling_NoTpsEstimate()
    {
        var data = new ObservedData(DateTimeOffset.UnixEpoch, 60,
        [
            S("SuccessfulRequestCount", ObservedKind.Successful, (0, 60), (60, 600)),
            S("InServiceInferenceUnits", ObservedKind.InServiceUnits, (0, 2), (60, 2)),
        ]);
        Assert.That(StarterEstimate.From(data, 3).TpsPerUnit, Is.Null);
    }
}
