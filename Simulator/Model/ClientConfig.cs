namespace LookoutSim.Model;

/// <summary>A client population: how long it waits for one attempt and how it retries.</summary>
public sealed record ClientConfig
{
    /// <summary>Seconds the client waits for one attempt's answer before it gives up on it.</summary>
    /// <remarks>Default +∞ (no timeout). The unit still finishes an abandoned call.</remarks>
    public double Timeout { get; init; } = double.PositiveInfinity;

    /// <summary>The retry policy.</summary>
    /// <remarks>Default <see cref="RetryPolicy.AwsStandard"/>.</remarks>
    public RetryPolicy Retry { get; init; } = RetryPolicy.AwsStandard;
}

/// <summary>How delays between attempts are randomised.</summary>
public enum Jitter
{
    /// <summary>random(0,1) × d.</summary>
    Full,

    /// <summary>d/2 + random(0,1) × d/2.</summary>
    Equal,

    /// <summary>d.</summary>
    None,
}

/// <summary>
/// A retry policy: attempt n (from 1) that was throttled, hit a server error or timed out is followed,
/// if n &lt; <see cref="MaxAttempts"/> and the quota has the tokens, by attempt n+1 after
/// jitter(min(<see cref="Base"/> × 2^(n−1), <see cref="MaxDelay"/>)).
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Attempts in all, first included; 1 means no retry.</summary>
    /// <remarks>Default 3.</remarks>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Backoff base, seconds.</summary>
    /// <remarks>Default 1 s.</remarks>
    public double Base { get; init; } = 1;

    /// <summary>Cap of the backoff before jitter, seconds.</summary>
    /// <remarks>Default 20 s.</remarks>
    public double MaxDelay { get; init; } = 20;

    /// <summary>Randomisation of the delay.</summary>
    /// <remarks>Default full.</remarks>
    public Jitter Jitter { get; init; } = Jitter.Full;

    /// <summary>Retry-quota capacity in tokens (the bucket starts full), or null for no quota.</summary>
    /// <remarks>Default 500.</remarks>
    public int? QuotaTokens { get; init; } = 500;

    /// <summary>Tokens a retry costs.</summary>
    /// <remarks>Default 5.</remarks>
    public int RetryCost { get; init; } = 5;

    /// <summary>Tokens a retry after a timeout costs.</summary>
    /// <remarks>Default 10.</remarks>
    public int TimeoutRetryCost { get; init; } = 10;

    /// <summary>Tokens refunded by each successful request (up to the capacity).</summary>
    /// <remarks>Default 1.</remarks>
    public int SuccessRefund { get; init; } = 1;

    /// <summary>The AWS SDK "standard" mode: 3 attempts, full jitter over min(2^(n−1) s, 20 s), quota 500/5/10/1.</summary>
    public static RetryPolicy AwsStandard { get; } = new();

    /// <summary>One attempt, no retry.</summary>
    public static RetryPolicy None { get; } = new() { MaxAttempts = 1, QuotaTokens = null };
}
