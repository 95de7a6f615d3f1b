using LookoutSim.Metrics;

namespace LookoutSim.Tests.Support;

/// <summary>The model's invariants (model spec, "Invariants (tested)"), checked on one replication.</summary>
public static class Invariants
{
    public static void AssertHold(ReplicationResult r, double horizon, double interval)
    {
        ReplicationDiagnostics d = r.Diagnostics!;

        // Then conservation of requests, exactly (in flight counted by a scan of open requests)
        Assert.That(d.Arrived, Is.GreaterThan(0));
        Assert.That(d.Succeeded + d.Failed + d.InFlightAtEnd, Is.EqualTo(d.Arrived));
        Assert.That(r.Measures["requests_in_flight_at_end"], Is.EqualTo(d.InFlightAtEnd));

        // attempts = first attempts + retries
        Assert.That(d.Attempts, Is.EqualTo(d.FirstAttempts + d.Retries));

        // busy time ≤ serving slot-time
        Assert.That(d.BusySlotSeconds, Is.LessThanOrEqualTo(d.ServingSlotSeconds + 1e-6));

        // billed unit-seconds = ∫ billed units dt, up to rounding (< one granule per span)
        Assert.That(d.BilledRawUnitSeconds, Is.EqualTo(d.BilledIntegral).Within(1e-6 * Math.Max(1, d.BilledIntegral)));
        Assert.That(d.BilledRoundedUnitSeconds, Is.GreaterThanOrEqualTo(d.BilledRawUnitSeconds - 1e-6));
        Assert.That(d.BilledRoundedUnitSeconds - d.BilledRawUnitSeconds, Is.LessThan((d.BillingSpans * d.Granularity) + 1e-6));
        Assert.That(r.TimeSeries.Sum(t => t.Cost), Is.EqualTo(r.Measures["cost"]).Within(1e-6));

        // no unit serves while not serving or while the model is not hosted
        Assert.That(d.ServiceOutsideServingState, Is.Zero);

        // the time series covers the horizon; ratios are ratios
        Assert.That(r.TimeSeries, Has.Count.EqualTo((int)Math.Ceiling(horizon / interval)));
        Assert.That(r.Measures["availability"] + r.Measures["failed_rate"], Is.EqualTo(1).Within(1e-9));
        Assert.That(r.Measures["utilization"], Is.InRange(0, 1));
        Assert.That(MeasureNames.All.Select(m => m.Name), Is.SubsetOf(r.Measures.Keys));
    }
}
