using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace LookoutSim.Tests.Support;

/// <summary>Confidence intervals over independent replications, for checks against theory.</summary>
public static class Stats
{
    /// <summary>The 95% Student-t confidence interval of the mean of <paramref name="samples"/>.</summary>
    public static (double Low, double Mean, double High) Ci95(IReadOnlyList<double> samples)
    {
        double mean = samples.Mean();
        double half = StudentT.InvCDF(0, 1, samples.Count - 1, 0.975) * samples.StandardDeviation() / Math.Sqrt(samples.Count);
        return (mean - half, mean, mean + half);
    }

    /// <summary>Asserts that <paramref name="theory"/> lies within the 95% CI of the replications' estimates.</summary>
    public static void AssertWithinCi(IReadOnlyList<double> samples, double theory, string what)
    {
        (double low, double mean, double high) = Ci95(samples);
        Assert.That(theory, Is.InRange(low, high), $"{what}: theory {theory:G5}, simulated {mean:G5} with 95% CI [{low:G5}, {high:G5}] over {samples.Count} replications");
    }
}
