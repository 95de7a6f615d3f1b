using LookoutSim.Experiments.Observed;
using LookoutSim.Metrics;
using MathNet.Numerics.Distributions;

namespace LookoutSim.Tests.Experiments;

public sealed class BacktestTests
{
    [Test]
    public void Band_NormalReplications_CoversANewDrawNinetyFivePercentOfTheTime()
    {
        // Given 4,000 trials of 5 normal replications and one more draw (the "observation")
        var random = new Random(20240304);
        var normal = new Normal(10, 2, random);
        int inside = 0;
        const int Trials = 4000;

        // When the prediction band of the 5 is checked against the new draw
        for (int t = 0; t < Trials; t++)
        {
            double[] reps = [.. Enumerable.Range(0, 5).Select(_ => normal.Sample())];
            (_, double low, double high) = Backtest.Band(reps, nonNegative: false);
            double observed = normal.Sample();
            inside += observed >= low && observed <= high ? 1 : 0;
        }

        // Then it covers 95% (Student-t prediction interval), within 3 binomial standard errors
        double share = (double)inside / Trials;
        double se = Math.Sqrt(0.95 * 0.05 / Trials);
        Assert.That(share, Is.EqualTo(0.95).Within(3 * se));
    }

    [Test]
    public void Band_OneOrNoReplication_IsThePointOrUndefined()
    {
        Assert.That(Backtest.Band([3.0], nonNegative: true), Is.EqualTo((3.0, 3.0, 3.0)));
        Assert.That(double.IsNaN(Backtest.Band([], nonNegative: true).Mean), Is.True);
        Assert.That(Backtest.Band([0.0, 0.0, 1.0], nonNegative: true).Low, Is.Zero, "counts are clipped at 0");
    }

    [Test]
    public void Compare_HandTimeline_MaeBiasAndInsideShare()
    {
        // Given two replications of three minutes of ready units (2,2,3) and (2,2,5), observed (2, 4, 4)
        ReplicationResult Rep(int r, params double[] ready) => new()
        {
            Replication = r,
            Measures = new Dictionary<string, double>(),
            LatencyMicros = new HdrHistogram.LongHistogram(1_000_000, 3),
            TimeSeries = [.. ready.Select((u, k) => new TimeSeriesRow { Replication = r, TimeS = 60 * k, UnitsReady = u })],
        };
        double[] observed = [2, 4, 4];

        // When
        (IReadOnlyList<BacktestRow> rows, IReadOnlyList<BacktestScore> scores) =
            Backtest.Compare([Rep(0, 2, 2, 3), Rep(1, 2, 2, 5)], [(BacktestSeries.UnitsInService, observed)], 60);

        // Then means 2, 2, 4; errors 0, −2, 0 → MAE 2/3, bias −2/3; period 2 has a zero-width band that misses,
        // period 3's band is 4 ± t(0.975,1) × √2 × √1.5 and holds 4
        Assert.That(rows.Select(r => r.SimMean), Is.EqualTo(new[] { 2.0, 2.0, 4.0 }));
        Assert.That(rows[1].Inside, Is.False);
        Assert.That(rows[2].SimHigh - rows[2].SimMean, Is.EqualTo(12.706204736 * Math.Sqrt(2) * Math.Sqrt(1.5)).Within(1e-6));
        BacktestScore s = scores.Single();
        Assert.That(s.Periods, Is.EqualTo(3));
        Assert.That(s.Mae, Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(s.Bias, Is.EqualTo(-2.0 / 3).Within(1e-12));
        Assert.That(s.InsideShare, Is.EqualTo(2.0 / 3).Within(1e-12));
    }

    [Test]
    public void FitLoss_HandPaths_MeanOfReplicationsAgainstObservedWithJackknife()
    {
        // Given two replications' paths (ready, desired per period) over two periods
        double[][] paths = [[1, 1, 3, 3], [3, 3, 5, 5]];
        double[] inService = [2, 4];
        double[] desired = [2, double.NaN];

        // When
        (double loss, double se) = AutoscalerFit.Loss(paths, inService, desired);

        // Then the means (2,2) and (4,4) match: loss 0; leaving one out gives (1,1,3) → (1+1+1)/2 and (3,3,5) → (1+1+1)/2
        Assert.That(loss, Is.Zero);
        Assert.That(se, Is.Zero, "both leave-one-out losses are 1.5");
        Assert.That(AutoscalerFit.Loss([paths[0]], inService, desired).Loss, Is.EqualTo(1.5));
        Assert.That(double.IsNaN(AutoscalerFit.Loss([paths[0]], inService, desired).StdErr), Is.True);
    }
}
