using System.Globalization;

namespace LookoutSim.Scenarios;

/// <summary>
/// The domain of every value of the scenario format: the limits a planner would never hit, far
/// enough from what the program can represent that no sum, product or cast of valid values can
/// overflow. A value outside them is a diagnostic naming the limit, never an exception.
/// </summary>
/// <remarks>
/// Every number of the format is read by <see cref="ScenarioValues"/> (which parses the digits
/// once, without ever throwing, then checks these limits); the schema adds tighter limits per
/// field (e.g. <c>deployment.min_units</c> 1..10,000).
/// </remarks>
public static class ScenarioLimits
{
    /// <summary>Longest duration, offset or horizon: 100 years (36,525 days).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(36_525);

    /// <summary>Highest rate of one traffic source: 1,000,000 calls per second.</summary>
    public const double MaxRatePerSecond = 1e6;

    /// <summary>Largest image: 1 GB (1000 MB of 10^6 bytes).</summary>
    public const double MaxSizeMb = 1000;

    /// <summary>Largest amount of money (e.g. a price per unit-hour): 1,000,000,000.</summary>
    public const decimal MaxMoney = 1_000_000_000m;

    /// <summary>Largest plain number (multipliers, cv, TPS, …) when its field sets no tighter limit: 10^9.</summary>
    public const double MaxNumber = 1e9;

    /// <summary>Smallest positive plain number of a field that must be above 0 (speed, scale, TPS): 10^-9.</summary>
    public const double MinPositiveNumber = 1e-9;

    /// <summary>Most units (min_units, max_units, scale_in_step): 10,000.</summary>
    public const int MaxUnits = 10_000;

    /// <summary>Most time-series intervals in one replication (<c>horizon / interval</c>): 1,000,000.</summary>
    public const long MaxIntervals = 1_000_000;

    /// <summary>Most times one cron expression fires within the horizon (each firing is a scheduled action or a batch job): 100,000.</summary>
    public const int MaxCronFirings = 100_000;

    /// <summary>Earliest year of a timestamp (<c>start</c>, an absolute <c>at</c>): 1970.</summary>
    public const int MinYear = 1970;

    /// <summary>Latest year of a timestamp, and of <c>start + horizon</c>: 9000.</summary>
    public const int MaxYear = 9000;

    /// <summary>Longest name (scenario, traffic source, zone) and identifier, in characters: 64.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest text of a number, duration, rate, size, share or amount, in characters: 400.</summary>
    public const int MaxValueTextLength = 400;

    /// <summary>Errors listed by validation; the rest are counted in one last line ("… and N more errors").</summary>
    public const int MaxListedErrors = 50;

    /// <summary>The earliest instant a timestamp may name (1970-01-01T00:00Z).</summary>
    public static DateTimeOffset EarliestInstant { get; } = new(MinYear, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest instant a timestamp (or the end of the horizon) may name (9000-12-31T23:59:59Z).</summary>
    public static DateTimeOffset LatestInstant { get; } = new(MaxYear, 12, 31, 23, 59, 59, TimeSpan.Zero);

    /// <summary>A number as the limits are written in messages: <c>1000000</c>, <c>0.000000001</c>.</summary>
    internal static string Show(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
