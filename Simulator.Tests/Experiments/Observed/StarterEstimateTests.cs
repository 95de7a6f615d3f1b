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
        // Given: 4 one-minute periods. Throttling in periods 1..3 only; per unit there:
        // 600/(60×2) = 5, 720/(60×2) = 6, 1260/(60×3) = 7 calls per second. Period 0 (no throttling) is left out.
        var data = new ObservedData(DateTimeOffset.UnixEpoch, 60,
        [
            S("SuccessfulRequestCount", ObservedKind.Successful, (0, 60), (60, 600), (120, 720), (180, 1260)),
            S("ThrottledCount", ObservedKind.Throttled, (60, 10), (120, 30), (180, 5)),
            S("InServiceInferenceUnits", ObservedKind.InServiceUnits, (0, 2), (60, 2), (120, 2), (180, 3)),
            S("MinInferenceUnits", ObservedKind.MinUnits, (0, 2), (60, 2), (120, 2), (180, 2)),
        ]);

        // When
        StarterEstimate e = StarterEstimate.From(data, 3);

        // Then
        Assert.That(e.TpsPerUnit, Is.Not.Null);
        Assert.That(e.TpsPerUnit!.Value.Value, Is.EqualTo(6).Within(1e-9));
        Assert.That(e.TpsPerUnit.Value.Periods, Is.EqualTo(3));
        Assert.That(e.TpsPerUnit.Value.Low, Is.EqualTo(5.2).Within(1e-9), "10th percentile between 5 and 6");
        Assert.That(e.TpsPerUnit.Value.High, Is.EqualTo(6.8).Within(1e-9));
        Assert.That(e.MinUnits.Value, Is.EqualTo(2));
        Assert.That(e.MaxUnits.Value, Is.EqualTo(3), "no MaxInferenceUnits: the most units seen in service");
        Assert.That(e.MaxUnits.Source, Does.Contain("not observed"));
        Assert.That(e.Demand, Has.Length.EqualTo(4));
        Assert.That(e.Demand[0], Is.EqualTo(60));
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
