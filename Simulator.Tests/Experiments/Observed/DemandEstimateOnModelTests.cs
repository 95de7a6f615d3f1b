using System.Globalization;
using LookoutSim.Cli;
using LookoutSim.Experiments.Observed;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Experiments.Observed;

/// <summary>
/// The demand estimate applied to what the simulated service counted per minute (attempts:
/// succeeded, throttled, the rest as errors) against the first attempts the simulation knows it made.
/// </summary>
public sealed class DemandEstimateOnModelTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lookoutsim-demand-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static string Scenario(string rate, string retry) => $"""
        name: demand-check
        provider: lookout-for-vision
        seed: 11
        horizon: 2h
        replications: 4
        service:
          tps_per_unit: 8
        images:
          - {"{"} width: 1024, height: 768, size: 0.5MB {"}"}
        traffic:
          - name: line
            pattern: poisson
            rate: {rate}
        client:
          retry: {retry}
        deployment:
          zones: [use1-az1]
          min_units: 1
        """;

    /// <summary>Per replication: (sum of first attempts, sum of the estimate, share of attempts throttled or failed).</summary>
    private (double Arrivals, double Estimate, double FailedShare)[] Run(string rate, string retry, int maxAttempts)
    {
        string file = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(file, Scenario(rate, retry));
        string outDir = Path.Combine(_dir, "out");
        var run = CliRun.Run("run", file, "--out", outDir, "--quiet");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Err);
        string[] lines = File.ReadAllLines(Path.Combine(outDir, "timeseries.csv"));
        string[] header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        int rep = Col("replication"), arr = Col("arrivals"), att = Col("attempts"), ok = Col("succeeded"), thr = Col("throttled");
        return lines.Skip(1).Select(l => l.Split(','))
            .GroupBy(f => f[rep])
            .Select(g =>
            {
                double a = 0, e = 0, attempts = 0, failed = 0;
                foreach (string[] f in g)
                {
                    // What CloudWatch would count: successful, throttled and the other (error) attempts.
                    double s = double.Parse(f[ok], CultureInfo.InvariantCulture), t = double.Parse(f[thr], CultureInfo.InvariantCulture);
                    double x = Math.Max(0, double.Parse(f[att], CultureInfo.InvariantCulture) - s - t);
                    a += double.Parse(f[arr], CultureInfo.InvariantCulture);
                    e += DemandEstimate.FirstAttempts(s, t, x, maxAttempts);
                    attempts += s + t + x;
                    failed += t + x;
                }

                return (a, e, failed / attempts);
            })
            .ToArray();
    }

    [Test]
    public void Estimate_OverloadedUnitWithRetriesWithoutQuota_WithinTwoPercentOfFirstAttempts()
    {
        // Given: 10 calls/s on one unit rated 8/s, throttled beyond it; 3 attempts, no retry quota.
        // When
        var reps = Run("10/s", "{ max_attempts: 3, quota: off }", 3);

        // Then: throttling is substantial, and the estimate is within 2% in every replication.
        foreach ((double arrivals, double estimate, double failedShare) in reps)
        {
            TestContext.Out.WriteLine($"estimate / first attempts = {estimate / arrivals:0.0000}, failed share {failedShare:0.000}");
            Assert.That(failedShare, Is.GreaterThan(0.1), "the check needs retries to discount");
            Assert.That(estimate / arrivals, Is.EqualTo(1).Within(0.02), $"estimate {estimate:0} for {arrivals:0} first attempts");
        }
    }

    [Test]
    public void Estimate_LightLoad_WithinHalfAPercentOfFirstAttempts()
    {
        // A quarter of the unit's rate: throttled only in rare bursts, so attempts are nearly all first attempts.
        var reps = Run("2/s", "aws-standard", 3);
        foreach ((double arrivals, double estimate, double failedShare) in reps)
        {
            Assert.That(failedShare, Is.LessThan(0.01));
            Assert.That(estimate / arrivals, Is.EqualTo(1).Within(0.005));
        }
    }

    [Test]
    public void Estimate_RetryQuotaRunsDry_UnderestimatesAsDocumented()
    {
        // The SDK's retry quota (500 tokens, 5 per retry) empties under sustained throttling: fewer
        // retries are made than the formula assumes, so it discounts too much (README: demand estimate).
        var reps = Run("10/s", "aws-standard", 3);
        foreach ((double arrivals, double estimate, _) in reps)
        {
            Assert.That(estimate, Is.LessThan(arrivals));
        }
    }
}
