using System.Globalization;

namespace LookoutSim.Output;

/// <summary>The date a report shows as written: now, or <c>SOURCE_DATE_EPOCH</c> when set.</summary>
/// <remarks><c>SOURCE_DATE_EPOCH</c> (seconds since 1970, the reproducible-builds convention) makes
/// a whole results folder, report included, byte-for-byte reproducible.</remarks>
public static class ReportDate
{
    /// <summary>The date to put in a report written now.</summary>
    public static DateTimeOffset Now()
    {
        string? epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (long.TryParse(epoch, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds) && seconds >= 0)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return DateTimeOffset.UtcNow;
    }
}
