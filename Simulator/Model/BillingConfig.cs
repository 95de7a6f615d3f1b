namespace LookoutSim.Model;

/// <summary>What is billed.</summary>
public enum BillingBasis
{
    /// <summary>Units allocated to the model (as the service bills), from the start request until stopped.</summary>
    Desired,

    /// <summary>Each unit instance from provisioning start until it is gone.</summary>
    Provisioned,
}

/// <summary>The bill.</summary>
public sealed record BillingConfig
{
    /// <summary>Price of one unit-hour. Default 4.00.</summary>
    public double PricePerUnitHour { get; init; } = 4.0;

    /// <summary>Each billed span of one unit is rounded up to whole granules, seconds. Default 60; 0: no rounding.</summary>
    public double Granularity { get; init; } = 60;

    /// <summary>Basis. Default desired.</summary>
    public BillingBasis Basis { get; init; } = BillingBasis.Desired;
}
