using LookoutSim.Experiments.Observed;
using LookoutSim.Model;

namespace LookoutSim.Tests.Experiments.Observed;

public sealed class DemandEstimateTests
{
    [Test]
    public void FirstAttempts_HalfFailWithThreeAttempts_IsAttemptsOverOnePointSevenFive()
    {
        // 100 requests, each attempt failing with p = 1/2, up to 3 attempts: 100 + 50 + 25 = 175
        // attempts, of which 50 + 25 + 12.5 = 87.5 fail. By hand: 175 × (1/2) / (1 − 1/8) = 100.
        double r = DemandEstimate.FirstAttempts(successful: 87.5, throttled: 87.5, errors: 0, maxAttempts: 3);
        Assert.That(r, Is.EqualTo(100).Within(1e-9));
    }

    [Test]
    public void FirstAttempts_ThrottledAndErrorsCountAlike()
    {
        Assert.That(DemandEstimate.FirstAttempts(87.5, 40, 47.5, 3), Is.EqualTo(DemandEstimate.FirstAttempts(87.5, 87.5, 0, 3)).Within(1e-9));
    }

    [TestCase(0, 0, 0, 3, 0)]
    [TestCase(120, 0, 0, 3, 120)] // nothing failed: every attempt was a first attempt
    [TestCase(100, 50, 10, 1, 160)] // no retries: attempts are requests
    [TestCase(0, 90, 0, 3, 30)] // everything throttled: each request made all 3 attempts
    public void FirstAttempts_EdgeCases(double s, double t, double e, int m, double expected) =>
        Assert.That(DemandEstimate.FirstAttempts(s, t, e, m), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void FirstAttempts_AwsStandardPolicy_UsesItsThreeAttempts() =>
        Assert.That(DemandEstimate.FirstAttempts(87.5, 87.5, 0, RetryPolicy.AwsStandard), Is.EqualTo(100).Within(1e-9));

    [Test]
    public void FirstAttempts_FewerAttemptsPerRequest_NeverAboveAttempts()
    {
        for (double f = 0; f <= 1; f += 0.05)
        {
            double r = DemandEstimate.FirstAttempts(1000 * (1 - f), 1000 * f, 0, 4);
            Assert.That(r, Is.LessThanOrEqualTo(1000 + 1e-9).And.GreaterThanOrEqualTo((1000 / 4.0) - 1e-9));
        }
    }

    [TestCase(0.1, 3)]
    [TestCase(0.4, 3)]
    [TestCase(0.7, 5)]
    public void FirstAttempts_RequestsRetriedByKnownRule_RecoversTheirNumberWithinTheSamplingError(double p, int maxAttempts)
    {
        // Given: requests whose attempts each fail with probability p, retried up to maxAttempts
        // (the SDK's rule without a quota), counted as CloudWatch counts them.
        var random = new Random(17 + (int)(p * 100));
        const int requests = 200_000;
        double successful = 0, failed = 0;
        for (int i = 0; i < requests; i++)
        {
            for (int a = 1; a <= maxAttempts; a++)
            {
                if (random.NextDouble() < p)
                {
                    failed++;
                }
                else
                {
                    successful++;
                    break;
                }
            }
        }

        // When
        double estimate = DemandEstimate.FirstAttempts(successful, failed, 0, maxAttempts);

        // Then: within 4 standard errors of a sum of 200,000 bounded counts (sd ≤ 1 attempt each).
        Assert.That(estimate, Is.EqualTo(requests).Within(4 * Math.Sqrt(requests) * maxAttempts));
    }

    [Test]
    public void Rounded_KeepsTheRoundedTotalAndEachPeriodWithinOneCall()
    {
        double[] estimate = [0.4, 0.4, 0.4, 10.5, 2.25, 0, 7.75];
        long[] counts = DemandEstimate.Rounded(estimate);
        Assert.That(counts.Sum(), Is.EqualTo((long)Math.Round(estimate.Sum(), MidpointRounding.AwayFromZero)));
        for (int i = 0; i < estimate.Length; i++)
        {
            Assert.That(Math.Abs(counts[i] - estimate[i]), Is.LessThanOrEqualTo(1.0));
        }
    }
}
