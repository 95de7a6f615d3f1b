using LookoutSim.Model;

namespace LookoutSim.Experiments.Observed;

/// <summary>
/// The estimate of first-attempt demand (requests the clients started) from what CloudWatch
/// counts (attempts: successful, throttled, server errors), given the clients' retry policy.
/// </summary>
/// <remarks>
/// <para>The service counts attempts; an SDK retries a throttled or failed attempt, so one request
/// can be counted up to <c>max_attempts</c> times. In a period with <c>S</c> successful,
/// <c>T</c> throttled and <c>E</c> server-error attempts, <c>A = S + T + E</c> attempts of which
/// a share <c>f = (T + E) / A</c> failed. If every attempt fails with probability <c>f</c>, a
/// request makes <c>1 + f + … + f^(M−1) = (1 − f^M) / (1 − f)</c> attempts on average
/// (<c>M</c> = max attempts), so the first attempts are</para>
/// <code>R = A × (1 − f) / (1 − f^M)      (R = A / M when f = 1; R = A when M = 1 or f = 0)</code>
/// <para>Assumptions, and which way each errs: attempts of one period fail alike; a retry falls
/// in the same period as its first attempt (with backoffs of seconds and periods of a minute, most
/// do; a burst's retries spill into the next period, shifting a little demand later); the retry
/// quota never runs dry (when it does, fewer retries are made and R underestimates demand). User
/// errors and invalid images (4xx) are never retried and need no unit: they are left out. Client
/// timeouts are not seen by CloudWatch at all.</para>
/// </remarks>
public static class DemandEstimate
{
    /// <summary>First attempts in a period with <paramref name="successful"/>, <paramref name="throttled"/> and <paramref name="errors"/> attempts, under <paramref name="maxAttempts"/> attempts per request.</summary>
    /// <param name="successful">Successful attempts (≥ 0).</param>
    /// <param name="throttled">Throttled attempts (≥ 0).</param>
    /// <param name="errors">Server-error attempts (≥ 0).</param>
    /// <param name="maxAttempts">Attempts a request may make, the first included (≥ 1).</param>
    public static double FirstAttempts(double successful, double throttled, double errors, int maxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        double attempts = successful + throttled + errors;
        if (attempts <= 0)
        {
            return 0;
        }

        double f = (throttled + errors) / attempts;
        if (maxAttempts == 1 || f <= 0)
        {
            return attempts;
        }

        if (f >= 1)
        {
            return attempts / maxAttempts;
        }

        return attempts * (1 - f) / (1 - Math.Pow(f, maxAttempts));
    }

    /// <summary>First attempts under <paramref name="policy"/> (its <see cref="RetryPolicy.MaxAttempts"/>).</summary>
    public static double FirstAttempts(double successful, double throttled, double errors, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return FirstAttempts(successful, throttled, errors, policy.MaxAttempts);
    }

    /// <summary>
    /// The estimated first attempts of every period of <paramref name="data"/> (a period without a
    /// count datapoint reads as 0 calls), unrounded.
    /// </summary>
    public static double[] PerPeriod(ObservedData data, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.PeriodCount;
        double[] s = data.Find(ObservedKind.Successful)?.ByPeriod(data.PeriodS, n, 0) ?? new double[n];
        double[] t = data.Find(ObservedKind.Throttled)?.ByPeriod(data.PeriodS, n, 0) ?? new double[n];
        double[] e = data.Find(ObservedKind.Errors)?.ByPeriod(data.PeriodS, n, 0) ?? new double[n];
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = FirstAttempts(s[i], t[i], e[i], maxAttempts);
        }

        return r;
    }

    /// <summary>
    /// Whole counts for a trace from <paramref name="estimate"/>: each period gets the rounded
    /// running total minus the previous one, so the counts add up to the rounded total and no
    /// period is off by more than one call.
    /// </summary>
    public static long[] Rounded(IReadOnlyList<double> estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var counts = new long[estimate.Count];
        double running = 0;
        long previous = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            running += estimate[i];
            long now = (long)Math.Round(running, MidpointRounding.AwayFromZero);
            counts[i] = Math.Max(0, now - previous);
            previous = Math.Max(previous, now);
        }

        return counts;
    }
}
