namespace LookoutSim.Scenarios;

/// <summary>Distribution of one service time around its mean (<c>service.distribution</c>).</summary>
public enum ServiceDistribution
{
    /// <summary><c>deterministic</c>: always the mean.</summary>
    Deterministic,

    /// <summary><c>exponential</c>: coefficient of variation 1.</summary>
    Exponential,

    /// <summary><c>lognormal</c>: with <see cref="ServiceSpec.Cv"/>.</summary>
    LogNormal,

    /// <summary><c>gamma</c>: with <see cref="ServiceSpec.Cv"/>.</summary>
    Gamma,
}

/// <summary>Shape of a traffic source (<c>traffic[].pattern</c>).</summary>
public enum TrafficPattern
{
    /// <summary><c>poisson</c>: constant rate.</summary>
    Poisson,

    /// <summary><c>daily</c>: mean rate shaped by 24 hourly multipliers and weekday multipliers.</summary>
    Daily,

    /// <summary><c>steps</c>: piecewise-constant rates, optionally repeating.</summary>
    Steps,

    /// <summary><c>bursty</c>: two-state Markov-modulated Poisson process.</summary>
    Bursty,

    /// <summary><c>trace</c>: replay of a CSV file.</summary>
    Trace,

    /// <summary><c>closed</c>: a batch job of concurrent clients.</summary>
    Closed,
}

/// <summary>How a daily source's 24 hourly multipliers make its rate over the day (<c>traffic[].shape</c>).</summary>
public enum ProfileShape
{
    /// <summary><c>step</c> (default): hour h runs at multiplier h from h:00 to h+1:00, so <c>0.0</c> at hour 5 means no traffic from 05:00 to 06:00.</summary>
    Step,

    /// <summary><c>linear</c>: straight lines between knots at the middle of each hour (knot h at h:30), cyclically over midnight.</summary>
    Linear,
}

/// <summary>Retry policy kind (<c>client.retry</c>).</summary>
public enum RetryMode
{
    /// <summary><c>aws-standard</c>: the AWS SDK "standard" mode.</summary>
    AwsStandard,

    /// <summary><c>none</c>: one attempt.</summary>
    None,

    /// <summary>An explicit mapping of <c>max_attempts</c>, <c>base</c>, <c>max_delay</c>, <c>jitter</c>, <c>quota</c>.</summary>
    Explicit,
}

/// <summary>Backoff jitter (<c>client.retry.jitter</c>).</summary>
public enum RetryJitter
{
    /// <summary><c>full</c>: delay = random(0,1) × cap.</summary>
    Full,

    /// <summary><c>equal</c>: delay = cap/2 + random(0,1) × cap/2.</summary>
    Equal,

    /// <summary><c>none</c>: delay = cap.</summary>
    None,
}

/// <summary>How the front end picks a unit (<c>deployment.routing</c>).</summary>
public enum RoutingPolicy
{
    /// <summary><c>least-outstanding</c> (default).</summary>
    LeastOutstanding,

    /// <summary><c>round-robin</c>.</summary>
    RoundRobin,

    /// <summary><c>random</c>.</summary>
    Random,

    /// <summary><c>power-of-two</c>: two random units, the less loaded.</summary>
    PowerOfTwo,

    /// <summary><c>shared-queue</c>: one FIFO queue in front of all ready units (M/M/c).</summary>
    SharedQueue,
}

/// <summary>How calls are admitted (<c>deployment.admission</c>).</summary>
public enum AdmissionPolicy
{
    /// <summary><c>queue</c> (default): bounded queue per unit.</summary>
    Queue,

    /// <summary><c>rate-limit</c>: token bucket at the rated TPS of the ready units.</summary>
    RateLimit,
}

/// <summary>Metric the autoscaler tracks (<c>autoscaling.metric</c>).</summary>
public enum ScalingMetric
{
    /// <summary><c>utilization</c>: busy slot-time / ready slot-time.</summary>
    Utilization,

    /// <summary><c>tps_per_unit</c>: attempts per ready unit against the rated TPS.</summary>
    TpsPerUnit,
}

/// <summary>What a schedule entry does (<c>schedule[].action</c>).</summary>
public enum ScheduleAction
{
    /// <summary><c>start</c> the model (or restart it with new min/max).</summary>
    Start,

    /// <summary><c>stop</c> the model.</summary>
    Stop,
}

/// <summary>What is billed (<c>billing.basis</c>).</summary>
public enum BillingBasis
{
    /// <summary><c>desired</c> (default): the units allocated to the model while it is asked to run.</summary>
    Desired,

    /// <summary><c>provisioned</c>: each unit instance from provisioning start until it is gone.</summary>
    Provisioned,
}

/// <summary>How sweep lists combine (<c>sweep.mode</c>).</summary>
public enum SweepMode
{
    /// <summary><c>cartesian</c> (default): every combination.</summary>
    Cartesian,

    /// <summary><c>zip</c>: the i-th value of every list together (lists of equal length).</summary>
    Zip,
}
