namespace LookoutSim.Metrics;

/// <summary>
/// The quantities behind the model's invariants, for tests and sanity checks of any scenario:
/// arrived = succeeded + failed + in flight (the last counted by a scan of open requests, not by
/// difference); attempts = first attempts + retries; busy slot-time ≤ serving slot-time;
/// billed unit-seconds before rounding = ∫ billed units dt, and rounding adds less than one granule per span.
/// Counts are of requests counted in the measures (arrived after warm-up).
/// </summary>
public sealed record ReplicationDiagnostics
{
    public long Arrived { get; init; }

    public long Succeeded { get; init; }

    public long Failed { get; init; }

    /// <summary>Counted requests open at the horizon, by a scan of the request pool.</summary>
    public long InFlightAtEnd { get; init; }

    public long Attempts { get; init; }

    public long FirstAttempts { get; init; }

    public long Retries { get; init; }

    /// <summary>∫ busy slots dt over the horizon, slot-seconds.</summary>
    public double BusySlotSeconds { get; init; }

    /// <summary>∫ slots of serving (ready or draining) units dt over the horizon, slot-seconds.</summary>
    public double ServingSlotSeconds { get; init; }

    /// <summary>∫ billed units dt over the horizon, unit-seconds.</summary>
    public double BilledIntegral { get; init; }

    /// <summary>Sum of the billed spans' raw lengths, unit-seconds.</summary>
    public double BilledRawUnitSeconds { get; init; }

    /// <summary>Sum of the billed spans after rounding, unit-seconds.</summary>
    public double BilledRoundedUnitSeconds { get; init; }

    /// <summary>Billed spans.</summary>
    public long BillingSpans { get; init; }

    /// <summary>Billing granule, seconds.</summary>
    public double Granularity { get; init; }

    /// <summary>Services started on a unit not serving or while the model was not hosted (must be 0).</summary>
    public long ServiceOutsideServingState { get; init; }

    /// <summary>Request objects allocated (the pool's size, not the number of requests).</summary>
    public int RequestObjects { get; init; }

    /// <summary>Call objects allocated.</summary>
    public int CallObjects { get; init; }

    public int UnitFailures { get; init; }

    public int ScaleOuts { get; init; }

    public int ScaleIns { get; init; }

    /// <summary>Retries refused for lack of quota tokens, all sources.</summary>
    public long QuotaRefusals { get; init; }

    /// <summary>Times the model became hosted.</summary>
    public int ModelStarts { get; init; }

    /// <summary>Requests of the whole horizon (warm-up included) that succeeded.</summary>
    public long SucceededAllHorizon { get; init; }
}
