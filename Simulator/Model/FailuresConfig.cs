using System.Collections.Immutable;
using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>Unit failures and zone outages. Default: nothing fails.</summary>
public sealed record FailuresConfig
{
    /// <summary>Mean time between failures of one ready unit, seconds; null: units never fail.</summary>
    public double? UnitMtbf { get; init; }

    /// <summary>Weibull shape of the time to failure; null: exponential.</summary>
    public double? UnitFailureShape { get; init; }

    /// <summary>Delay before a failed unit's replacement starts provisioning, seconds. Default 60.</summary>
    public double UnitReplacementDelay { get; init; } = 60;

    /// <summary>Listed zone outages.</summary>
    public ImmutableArray<ZoneOutage> ZoneOutages { get; init; } = [];

    /// <summary>Random outages of every zone; null: none.</summary>
    public RandomZoneOutages? RandomZoneOutages { get; init; }

    /// <summary>Whether replacements for a lost zone's units are placed in the surviving zones (up to max units)
    /// and moved back by scale-in after repair. Default false: capacity stays reduced until repair.</summary>
    public bool Rebalance { get; init; }
}

/// <summary>One listed outage.</summary>
/// <param name="Zone">Index into <see cref="DeploymentConfig.Zones"/>.</param>
/// <param name="At">Start, seconds.</param>
/// <param name="Duration">Length, seconds.</param>
public sealed record ZoneOutage(int Zone, double At, double Duration);

/// <summary>Random outages, independently per zone.</summary>
/// <param name="Every">Mean time between outages of one zone (exponential), seconds.</param>
/// <param name="Duration">Distribution of an outage's length, seconds.</param>
public sealed record RandomZoneOutages(double Every, Distribution Duration);
