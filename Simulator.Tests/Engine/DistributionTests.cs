using LookoutSim.Engine;
using MathNet.Numerics.Statistics;

namespace LookoutSim.Tests.Engine;

public sealed class DistributionTests
{
    private static IEnumerable<TestCaseData> Families()
    {
        yield return new TestCaseData(Distribution.Deterministic(0.25), 0.25, 0.0).SetName("Deterministic");
        yield return new TestCaseData(Distribution.Exponential(2), 2.0, 1.0).SetName("Exponential");
        yield return new TestCaseData(Distribution.LogNormal(0.08, 0.3), 0.08, 0.3).SetName("LogNormal");
        yield return new TestCaseData(Distribution.Gamma(1.5, 0.5), 1.5, 0.5).SetName("Gamma");
        yield return new TestCaseData(Distribution.Uniform(600, 1200), 900.0, 600 / Math.Sqrt(12) / 900).SetName("Uniform");
        yield return new TestCaseData(Distribution.WeibullByMean(1.5, 3600), 3600.0, 0.6790).SetName("Weibull");
    }

    [TestCaseSource(nameof(Families))]
    public void Sample_ManyDraws_MatchMeanAndCv(Distribution d, double mean, double cv)
    {
        // Given
        RandomStream rng = new RandomStreams(3, 0).Get("service");

        // When
        double[] x = Enumerable.Range(0, 200_000).Select(_ => d.Sample(rng)).ToArray();

        // Then: standard error of the mean is cv·mean/√n ≈ 0.0022·cv·mean; allow 5 of them
        Assert.That(d.Mean, Is.EqualTo(mean).Within(1e-9 * mean + 1e-4));
        Assert.That(x.Mean(), Is.EqualTo(mean).Within((5 * cv * mean / Math.Sqrt(x.Length)) + 1e-12));
        Assert.That(x.StandardDeviation() / x.Mean(), Is.EqualTo(cv).Within(0.02 * Math.Max(cv, 0.01)));
        Assert.That(x.Min(), Is.GreaterThanOrEqualTo(0));
    }

    [TestCase(DistributionKind.LogNormal)]
    [TestCase(DistributionKind.Gamma)]
    [TestCase(DistributionKind.Exponential)]
    public void SampleWithMean_RescalesToTheGivenMeanKeepingCv(DistributionKind kind)
    {
        Distribution d = Distribution.ByMean(kind, 1.0, 0.4);
        RandomStream rng = new RandomStreams(4, 0).Get("service");
        double[] x = Enumerable.Range(0, 200_000).Select(_ => d.Sample(rng, 0.05)).ToArray();
        Assert.That(x.Mean(), Is.EqualTo(0.05).Within(0.05 * 0.015));
        Assert.That(x.StandardDeviation() / x.Mean(), Is.EqualTo(d.Cv).Within(0.02));
    }

    [Test]
    public void Factories_BadParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Exponential(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.LogNormal(1, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Uniform(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Deterministic(double.NaN));
    }
}
