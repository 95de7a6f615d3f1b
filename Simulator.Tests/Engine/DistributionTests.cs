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

    private static IEnumerable<TestCaseData> KsCases()
    {
        var logNormal = Distribution.LogNormal(0.08, 0.3);
        double sigma = Math.Sqrt(Math.Log(1 + (0.3 * 0.3)));
        var ln = new MathNet.Numerics.Distributions.LogNormal(Math.Log(0.08) - (sigma * sigma / 2), sigma);
        yield return new TestCaseData(logNormal, (Func<double, double>)ln.CumulativeDistribution).SetName("KS_LogNormal_cv0.3");
        var wide = Distribution.LogNormal(2, 1.5);
        double s2 = Math.Sqrt(Math.Log(1 + (1.5 * 1.5)));
        var lnWide = new MathNet.Numerics.Distributions.LogNormal(Math.Log(2) - (s2 * s2 / 2), s2);
        yield return new TestCaseData(wide, (Func<double, double>)lnWide.CumulativeDistribution).SetName("KS_LogNormal_cv1.5");
        foreach (double cv in new[] { 0.3, 0.5, 1.0, 2.0 })
        {
            double shape = 1 / (cv * cv);
            var g = new MathNet.Numerics.Distributions.Gamma(shape, shape / 1.5);
            yield return new TestCaseData(Distribution.Gamma(1.5, cv), (Func<double, double>)g.CumulativeDistribution).SetName($"KS_Gamma_cv{cv}");
        }
    }

    [TestCaseSource(nameof(KsCases))]
    public void Sample_MillionDraws_PassKolmogorovSmirnovAgainstMathNetsCdf(Distribution d, Func<double, double> cdf)
    {
        // Given
        RandomStream rng = new RandomStreams(21, 0).Get("service");

        // When
        double[] x = Draws(1_000_000, () => d.Sample(rng));

        // Then: the KS distance is below its 0.1% critical value, 1.9495/√n
        Assert.That(KolmogorovSmirnov(x, cdf), Is.LessThan(1.9495 / Math.Sqrt(x.Length)));
    }

    [Test]
    public void NextStandardNormal_MillionDraws_PassKolmogorovSmirnovAndFillTheTails()
    {
        // Given
        RandomStream rng = new RandomStreams(22, 1).Get("service");

        // When
        double[] z = Draws(1_000_000, rng.NextStandardNormal);

        // Then: KS against Φ at 0.1%
        Assert.That(KolmogorovSmirnov(z, x => MathNet.Numerics.Distributions.Normal.CDF(0, 1, x)), Is.LessThan(1.9495 / Math.Sqrt(z.Length)));

        // and beyond the ziggurat's base strip (|z| > 3.654, drawn by the tail method) and beyond 4.5,
        // each side, as often as Φ says: within 4 binomial standard deviations
        foreach (double edge in new[] { 3.6541528853610088, 4.5 })
        {
            double p = MathNet.Numerics.Distributions.Normal.CDF(0, 1, -edge);
            double sd = Math.Sqrt(z.Length * p * (1 - p));
            Assert.That(z.Count(v => v > edge), Is.EqualTo(z.Length * p).Within(4 * sd), $"above {edge}");
            Assert.That(z.Count(v => v < -edge), Is.EqualTo(z.Length * p).Within(4 * sd), $"below −{edge}");
        }
    }

    [Test]
    public void Factories_BadParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Exponential(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.LogNormal(1, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Uniform(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Deterministic(double.NaN));
    }

    private static double[] Draws(int n, Func<double> draw)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = draw();
        }

        return x;
    }

    /// <summary>The Kolmogorov–Smirnov distance between the sample's empirical CDF and <paramref name="cdf"/>.</summary>
    private static double KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        double[] x = [.. sample];
        Array.Sort(x);
        double n = x.Length;
        double d = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double f = cdf(x[i]);
            d = Math.Max(d, Math.Max(((i + 1) / n) - f, f - (i / n)));
        }

        return d;
    }
}
