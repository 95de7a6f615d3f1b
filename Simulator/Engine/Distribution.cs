using MathNet.Numerics.Distributions;

namespace LookoutSim.Engine;

/// <summary>The families a <see cref="Distribution"/> can be.</summary>
public enum DistributionKind
{
    /// <summary>Always the mean.</summary>
    Deterministic,

    /// <summary>Exponential with the mean (cv 1).</summary>
    Exponential,

    /// <summary>Lognormal by mean and coefficient of variation.</summary>
    LogNormal,

    /// <summary>Gamma by mean and coefficient of variation.</summary>
    Gamma,

    /// <summary>Uniform between a low and a high value.</summary>
    Uniform,

    /// <summary>Weibull by shape and scale.</summary>
    Weibull,
}

/// <summary>
/// A distribution of non-negative durations, sampled from an explicitly passed
/// <see cref="RandomStream"/>. Every family is a scale family, so <see cref="Sample(RandomStream, double)"/>
/// can draw with any other mean and the same shape — how a service time follows its image's mean.
/// Lognormal and gamma draws take their normal variates from the stream's ziggurat
/// (<see cref="RandomStream.NextStandardNormal"/>); Weibull draws use MathNet's sampler.
/// </summary>
public sealed record Distribution
{
    private Distribution(DistributionKind kind, double mean, double cv, double a, double b)
    {
        Kind = kind;
        Mean = mean;
        Cv = cv;
        A = a;
        B = b;
    }

    /// <summary>The family.</summary>
    public DistributionKind Kind { get; }

    /// <summary>The mean, seconds.</summary>
    public double Mean { get; }

    /// <summary>The coefficient of variation (standard deviation / mean).</summary>
    public double Cv { get; }

    // Family parameters: uniform (low, high); Weibull (shape, scale); lognormal (mu, sigma) at Mean; gamma (shape, rate) at Mean.
    private double A { get; }

    private double B { get; }

    /// <summary>Always <paramref name="value"/>.</summary>
    public static Distribution Deterministic(double value) => new(DistributionKind.Deterministic, Check(value, nameof(value)), 0, 0, 0);

    /// <summary>Exponential with <paramref name="mean"/>.</summary>
    public static Distribution Exponential(double mean) => new(DistributionKind.Exponential, Positive(mean, nameof(mean)), 1, 0, 0);

    /// <summary>Lognormal with <paramref name="mean"/> and coefficient of variation <paramref name="cv"/>.</summary>
    public static Distribution LogNormal(double mean, double cv)
    {
        Positive(mean, nameof(mean));
        Positive(cv, nameof(cv));
        double sigma2 = Math.Log(1 + (cv * cv));
        return new(DistributionKind.LogNormal, mean, cv, Math.Log(mean) - (sigma2 / 2), Math.Sqrt(sigma2));
    }

    /// <summary>Gamma with <paramref name="mean"/> and coefficient of variation <paramref name="cv"/> (shape 1/cv², scale mean·cv²).</summary>
    public static Distribution Gamma(double mean, double cv)
    {
        Positive(mean, nameof(mean));
        Positive(cv, nameof(cv));
        double shape = 1 / (cv * cv);
        return new(DistributionKind.Gamma, mean, cv, shape, shape / mean);
    }

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static Distribution Uniform(double low, double high)
    {
        Check(low, nameof(low));
        if (!(high >= low))
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, "high must not be below low");
        }

        double mean = (low + high) / 2;
        double cv = mean > 0 ? (high - low) / Math.Sqrt(12) / mean : 0;
        return new(DistributionKind.Uniform, mean, cv, low, high);
    }

    /// <summary>Weibull with <paramref name="shape"/> k and <paramref name="scale"/> λ (mean λ·Γ(1 + 1/k)).</summary>
    public static Distribution Weibull(double shape, double scale)
    {
        Positive(shape, nameof(shape));
        Positive(scale, nameof(scale));
        var w = new Weibull(shape, scale);
        return new(DistributionKind.Weibull, w.Mean, w.StdDev / w.Mean, shape, scale);
    }

    /// <summary>Weibull with <paramref name="shape"/> k and the given <paramref name="mean"/>.</summary>
    public static Distribution WeibullByMean(double shape, double mean)
    {
        Positive(shape, nameof(shape));
        Positive(mean, nameof(mean));
        return Weibull(shape, mean / MathNet.Numerics.SpecialFunctions.Gamma(1 + (1 / shape)));
    }

    /// <summary>The distribution of (mean, cv) in the named family; cv is ignored where the family fixes it.</summary>
    public static Distribution ByMean(DistributionKind kind, double mean, double cv) => kind switch
    {
        DistributionKind.Deterministic => Deterministic(mean),
        DistributionKind.Exponential => Exponential(mean),
        DistributionKind.LogNormal => LogNormal(mean, cv),
        DistributionKind.Gamma => Gamma(mean, cv),
        DistributionKind.Uniform => Uniform(mean * (1 - (cv * Math.Sqrt(3))), mean * (1 + (cv * Math.Sqrt(3)))),
        DistributionKind.Weibull => throw new ArgumentException("Weibull is given by shape, not cv", nameof(kind)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>One draw, seconds.</summary>
    public double Sample(RandomStream rng) => Kind switch
    {
        DistributionKind.Deterministic => Mean,
        DistributionKind.Exponential => rng.NextExponential(Mean),
        DistributionKind.LogNormal => Math.Exp(A + (B * rng.NextStandardNormal())),
        DistributionKind.Gamma => SampleGamma(rng, A, B),
        DistributionKind.Uniform => A + ((B - A) * rng.NextUnit()),
        DistributionKind.Weibull => MathNet.Numerics.Distributions.Weibull.Sample(rng, A, B),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>One draw from the same family and shape rescaled to <paramref name="mean"/>.</summary>
    public double Sample(RandomStream rng, double mean) => Kind switch
    {
        DistributionKind.Deterministic => mean,
        DistributionKind.Exponential => rng.NextExponential(mean),
        _ => Mean > 0 ? Sample(rng) * (mean / Mean) : mean,
    };

    /// <summary>
    /// Gamma(<paramref name="shape"/>, <paramref name="rate"/>) by Marsaglia and Tsang's method (2000),
    /// the method of MathNet's sampler, on the stream's own normal and uniform draws; a shape below 1
    /// is drawn at shape + 1 and multiplied by U^(1/shape).
    /// </summary>
    private static double SampleGamma(RandomStream rng, double shape, double rate)
    {
        double boost = 1;
        if (shape < 1)
        {
            boost = Math.Pow(rng.NextUnitOpenZero(), 1 / shape);
            shape += 1;
        }

        double d = shape - (1.0 / 3);
        double c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z;
            double v;
            do
            {
                z = rng.NextStandardNormal();
                v = 1 + (c * z);
            }
            while (v <= 0);

            v = v * v * v;
            double u = rng.NextUnitOpenZero();
            double z2 = z * z;
            if (u < 1 - (0.0331 * z2 * z2) || Math.Log(u) < (0.5 * z2) + (d * (1 - v + Math.Log(v))))
            {
                return boost * d * v / rate;
            }
        }
    }

    private static double Check(double v, string name) =>
        v >= 0 && double.IsFinite(v) ? v : throw new ArgumentOutOfRangeException(name, v, "must be a finite number ≥ 0");

    private static double Positive(double v, string name) =>
        v > 0 && double.IsFinite(v) ? v : throw new ArgumentOutOfRangeException(name, v, "must be a finite number > 0");
}
