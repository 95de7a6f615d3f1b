using LookoutSim.Engine;
using LookoutSim.Experiments;
using MathNet.Numerics.LinearAlgebra;

namespace LookoutSim.Tests.Experiments;

public sealed class CalibrationTests
{
    private const double Base = 45, PerMp = 14, PerMb = 6;

    private static readonly (int W, int H)[] Resolutions =
        [(640, 480), (1280, 960), (1920, 1080), (2048, 1536), (2448, 2048), (3072, 2048), (4096, 3072), (5472, 3648)];

    /// <summary>Images of varied resolution, each compressed at a random 0.1–0.9 bytes per pixel
    /// (so size is not proportional to megapixels), one latency each drawn as the simulator draws
    /// service times: lognormal with mean S(image) and the given cv.</summary>
    private static List<ImageMeasurement> Synthetic(ulong seed, int n, double cv, double perMb = PerMb)
    {
        var streams = new RandomStreams(seed, 0);
        RandomStream images = streams.Get("images");
        RandomStream noise = streams.Get("latency");
        var rows = new List<ImageMeasurement>(n);
        for (int i = 0; i < n; i++)
        {
            (int w, int h) = Resolutions[images.NextIndex(Resolutions.Length)];
            double mp = w * h / 1e6;
            double mb = Math.Round(mp * (0.1 + (0.8 * images.NextUnit())), 2);
            double mean = Base + (PerMp * mp) + (perMb * mb);
            double latency = cv > 0 ? Distribution.LogNormal(mean, cv).Sample(noise) : mean;
            rows.Add(new ImageMeasurement(i + 2, w, h, mb, latency));
        }

        return rows;
    }

    [Test]
    public void Fit_NoiselessLatencies_ExactCoefficientsAndDeterministic()
    {
        // Given service times exactly on the model
        List<ImageMeasurement> rows = Synthetic(1, 20, cv: 0);

        // When
        CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, rows);

        // Then
        Assert.Multiple(() =>
        {
            Assert.That(r.Base.ValueMs, Is.EqualTo(Base).Within(1e-8));
            Assert.That(r.PerMegapixel.ValueMs, Is.EqualTo(PerMp).Within(1e-8));
            Assert.That(r.PerMegabyte.ValueMs, Is.EqualTo(PerMb).Within(1e-8));
            Assert.That(r.RSquared, Is.EqualTo(1).Within(1e-12));
            Assert.That(r.ResidualCv, Is.LessThan(1e-9));
            Assert.That(r.Distribution, Is.EqualTo("deterministic"));
            Assert.That(r.Warnings, Is.Empty);
        });
    }

    [Test]
    public void Fit_NoisyLatencies_RecoversCoefficientsWithinThreeStandardErrors()
    {
        // Given 60 images, single latencies with cv 0.2
        List<ImageMeasurement> rows = Synthetic(7, 60, cv: 0.2);

        // When
        CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, rows);

        // Then
        Assert.Multiple(() =>
        {
            Assert.That(r.Base.ValueMs, Is.EqualTo(Base).Within(3 * r.Base.StandardErrorMs));
            Assert.That(r.PerMegapixel.ValueMs, Is.EqualTo(PerMp).Within(3 * r.PerMegapixel.StandardErrorMs));
            Assert.That(r.PerMegabyte.ValueMs, Is.EqualTo(PerMb).Within(3 * r.PerMegabyte.StandardErrorMs));
            Assert.That(r.ResidualCv, Is.EqualTo(0.2).Within(0.05));
            Assert.That(r.Distribution, Is.EqualTo("lognormal"));
            Assert.That(r.Base.StandardErrorMs, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Fit_ManySeeds_StandardErrorsHaveTheirNominalCoverage()
    {
        // Given 500 independent sets of 40 noisy latencies (37 residual degrees of freedom)
        const int sets = 500;
        double t975 = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 37, 0.975);
        int[] covered = new int[3];
        double cvSum = 0;
        double[] truth = [Base, PerMp, PerMb];
        for (ulong seed = 1; seed <= sets; seed++)
        {
            // When
            CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, Synthetic(seed, 40, cv: 0.15));
            for (int j = 0; j < 3; j++)
            {
                CalibrationCoefficient c = r.Coefficients[j];
                if (Math.Abs(c.ValueMs - truth[j]) <= t975 * c.StandardErrorMs)
                {
                    covered[j]++;
                }
            }

            cvSum += r.ResidualCv;
        }

        // Then ±t(0.975, 37) SE covers the truth about 95% of the time (binomial sd 1%; a
        // coefficient clamped at 0 now and then, and the estimated weights, cost a little)
        Assert.Multiple(() =>
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.That(covered[j] / (double)sets, Is.InRange(0.90, 0.98), Calibration.Names[j]);
            }

            Assert.That(cvSum / sets, Is.EqualTo(0.15).Within(0.01));
        });
        TestContext.Out.WriteLine($"coverage: {string.Join(", ", covered)} of {sets}; mean cv {cvSum / sets}");
    }

    [Test]
    public void Fit_Tps_ServiceTimeIsConcurrencyOverTps()
    {
        // Given a unit serving 4 at once, saturated: tps = 4 / S
        List<ImageMeasurement> rows = Synthetic(3, 12, cv: 0)
            .Select(m => m with { Value = 4 * 1000 / m.Value })
            .ToList();

        // When
        CalibrationResult r = Calibration.Fit(MeasurementKind.Tps, rows, concurrency: 4);

        // Then
        Assert.That(r.Base.ValueMs, Is.EqualTo(Base).Within(1e-6));
        Assert.That(r.PerMegabyte.ValueMs, Is.EqualTo(PerMb).Within(1e-6));
        Assert.That(r.Concurrency, Is.EqualTo(4));
    }

    [Test]
    public void Fit_SizeProportionalToMegapixels_WarnsWhichCoefficientsAreNotIdentifiable()
    {
        // Given every image compressed at the same 0.4 bytes per pixel (nearly: rounding to 0.01 MB)
        List<ImageMeasurement> rows = Synthetic(5, 30, cv: 0.1)
            .Select(m => m with { SizeMb = Math.Round(m.Megapixels * 0.4, 2) })
            .ToList();

        // When
        CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, rows);

        // Then
        Assert.That(r.Correlation, Is.GreaterThan(0.999));
        Assert.That(r.Warnings, Has.Some.Contain("per_megapixel and per_megabyte are not identifiable separately"));
    }

    [Test]
    public void Fit_ExactlyProportionalSize_StillFitsAndWarns()
    {
        // Given size exactly 0.4 MB per megapixel: the three columns are exactly collinear
        List<ImageMeasurement> rows = Synthetic(5, 30, cv: 0)
            .Select(m => m with { SizeMb = m.Megapixels * 0.4, Value = Base + ((PerMp + (0.4 * PerMb)) * m.Megapixels) })
            .ToList();

        // When
        CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, rows);

        // Then the combined effect is exact and one of the two is dropped
        double combined = r.PerMegapixel.ValueMs + (0.4 * r.PerMegabyte.ValueMs);
        Assert.That(combined, Is.EqualTo(PerMp + (0.4 * PerMb)).Within(1e-6));
        Assert.That(r.Base.ValueMs, Is.EqualTo(Base).Within(1e-6));
        Assert.That(r.Warnings, Has.Some.Contain("not identifiable separately"));
        Assert.That(r.Coefficients.Count(c => c.Clamped), Is.EqualTo(1));
    }

    [Test]
    public void Fit_OneResolution_WarnsPerMegapixelNotIdentifiable()
    {
        List<ImageMeasurement> rows = Synthetic(9, 20, cv: 0.1).Select(m => m with { Width = 2048, Height = 1536 }).ToList();

        CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, rows);

        Assert.That(r.Warnings, Has.Some.Contain("same resolution: per_megapixel is not identifiable"));
    }

    [Test]
    public void Fit_SizeMakesRequestsFaster_PerMegabyteClampedAtZeroWithWarning()
    {
        // Given a true per-MB effect of -3 ms/MB (impossible in the model)
        List<ImageMeasurement> rows = Synthetic(11, 40, cv: 0, perMb: -3);

        // When
        CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, rows);

        // Then
        Assert.That(r.PerMegabyte.ValueMs, Is.Zero);
        Assert.That(r.PerMegabyte.Clamped, Is.True);
        Assert.That(r.PerMegabyte.UnconstrainedMs, Is.EqualTo(-3).Within(1e-6));
        Assert.That(r.Warnings, Has.Some.Contain("per_megabyte is clamped at 0"));
        Assert.That(r.Coefficients.Where(c => !c.Clamped).Select(c => c.ValueMs), Is.All.GreaterThan(0));
    }

    [Test]
    public void Fit_ColdStartOutlier_NamedByLine()
    {
        // Given one measurement (file line 12) three times too slow, as after a cold start
        List<ImageMeasurement> rows = Synthetic(13, 40, cv: 0.1);
        rows[10] = rows[10] with { Value = rows[10].Value * 3 };

        // When
        CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, rows);

        // Then
        Assert.That(r.Warnings, Has.One.StartWith("line 12 (+").And.Contain("cv from the fit"));
    }

    [Test]
    public void Fit_CleanNoisyLatencies_NoOutlierWarning()
    {
        CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, Synthetic(13, 40, cv: 0.1));

        Assert.That(r.Warnings, Has.None.Contain("cv from the fit"));
    }

    [Test]
    public void Fit_FourPoints_WarnsTooFew()
    {
        CalibrationResult r = Calibration.Fit(MeasurementKind.LatencyMs, Synthetic(2, 4, cv: 0.1));

        Assert.That(r.Warnings, Has.Some.Contain("only 4 measurement(s)"));
    }

    [Test]
    public void NonNegativeLeastSquares_RandomProblems_SatisfyOptimalityConditions()
    {
        // Given random 3-column problems, some with negative unconstrained solutions
        RandomStream rng = new RandomStreams(42, 0).Get("nnls");
        for (int trial = 0; trial < 300; trial++)
        {
            int n = 4 + rng.NextIndex(10);
            Matrix<double> x = Matrix<double>.Build.Dense(n, 3, (_, j) => j == 0 ? 1 : rng.NextUnit() * 5);
            Vector<double> y = Vector<double>.Build.Dense(n, _ => (rng.NextUnit() * 10) - 3);

            // When
            (int[] free, Vector<double> beta, double rss) = Calibration.NonNegativeLeastSquares(x, y);

            // Then (KKT): b ≥ 0; gradient Xᵀ(Xb − y) is 0 on free columns and ≥ 0 on clamped ones
            Vector<double> b = Vector<double>.Build.Dense(3);
            for (int k = 0; k < free.Length; k++)
            {
                b[free[k]] = beta[k];
            }

            Vector<double> gradient = x.TransposeThisAndMultiply((x * b) - y);
            Assert.That(b.Min(), Is.GreaterThanOrEqualTo(0), $"trial {trial}");
            for (int j = 0; j < 3; j++)
            {
                if (free.Contains(j))
                {
                    Assert.That(gradient[j], Is.EqualTo(0).Within(1e-8), $"trial {trial}, free {j}");
                }
                else
                {
                    Assert.That(gradient[j], Is.GreaterThanOrEqualTo(-1e-8), $"trial {trial}, clamped {j}");
                }
            }

            Assert.That(rss, Is.EqualTo(((x * b) - y).DotProduct((x * b) - y)).Within(1e-9));
        }
    }
}
