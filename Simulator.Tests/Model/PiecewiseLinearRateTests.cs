using LookoutSim.Engine;
using LookoutSim.Model;
using MathNet.Numerics.Distributions;

namespace LookoutSim.Tests.Model;

/// <summary>The periodic piecewise-linear rate behind daily traffic, and the inversion of its integral.</summary>
public sealed class PiecewiseLinearRateTests
{
    private static readonly double[] Profile =
        [0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1.0, 1.6, 1.8, 1.8, 1.6, 1.4, 1.2, 1.6, 1.8, 1.8, 1.6, 1.4, 1.0, 0.6, 0.4, 0.0, 0.0, 0.6];

    private static readonly double[] Weekdays = [1, 1, 1, 1, 1, 0.3, 0];

    [Test]
    public void RateAt_KnotsAtMidHour_LinearBetweenAndAcrossMidnight()
    {
        // Given the week of a profile with knots at h:30, starting on day 2 at 06:00 (offset)
        PiecewiseLinearRate rate = DailySource.WeekRate(3, new DailyProfile(Profile, DailyShape.Linear), Weekdays, (2 * 86400) + (6 * 3600));

        // Then: at t = 0 it is 06:00 on day 2, midway between knots 5 and 6
        Assert.That(rate.RateAt(0), Is.EqualTo(3 * (0.5 + 1.0) / 2).Within(1e-12));
        Assert.That(rate.RateAt(1800), Is.EqualTo(3 * 1.0).Within(1e-12), "06:30 is knot 6");
        Assert.That(rate.RateAt(3600), Is.EqualTo(3 * (1.0 + 1.6) / 2).Within(1e-12), "07:00");

        // 00:00 of day 3 (18 h later): halfway between knot 23 (0.6) and knot 0 (0.2); 00:15 three quarters of the way
        Assert.That(rate.RateAt(18 * 3600), Is.EqualTo(3 * 0.4).Within(1e-12));
        Assert.That(rate.RateAt((18 * 3600) + 900), Is.EqualTo(3 * 0.3).Within(1e-12));
        Assert.That(rate.RateAt((18 * 3600) - 900), Is.EqualTo(3 * 0.5).Within(1e-12), "23:45 of day 2");

        // Day 5 (Saturday) at 0.3, day 6 at 0 all day, then day 0 of the next week at 1
        double day5 = (3 * 86400) - (6 * 3600);
        Assert.That(rate.RateAt(day5 + (12.5 * 3600)), Is.EqualTo(3 * 0.3 * 1.2).Within(1e-12));
        Assert.That(rate.RateAt(day5 + 86400 + (12.5 * 3600)), Is.Zero);
        Assert.That(rate.RateAt(day5 + (2 * 86400) + (12.5 * 3600)), Is.EqualTo(3 * 1.2).Within(1e-12));
        Assert.That(rate.RateAt(day5 + (9 * 86400) + (12.5 * 3600)), Is.EqualTo(3 * 1.2).Within(1e-12), "periodic in the week");
    }

    [Test]
    public void Advance_ReachesTheMassAsTheIntegralOfTheRate()
    {
        // Given random starting times over three weeks and masses from tiny to several days' worth
        PiecewiseLinearRate rate = DailySource.WeekRate(0.01, new DailyProfile(Profile, DailyShape.Linear), Weekdays, 12345);
        var rng = new RandomStream(7);

        for (int i = 0; i < 300; i++)
        {
            double t = rng.NextUnit() * 3 * 7 * 86400;
            double mass = i % 3 == 0 ? rng.NextExponential(1e-3) : rng.NextExponential(2000);

            // When
            double next = rate.Advance(t, mass, double.PositiveInfinity);

            // Then: ∫ₜ^next λ equals the mass
            Assert.That(next, Is.GreaterThanOrEqualTo(t));
            Assert.That(Integral(rate, t, next, 12345), Is.EqualTo(mass).Within((1e-9 * mass) + 1e-9), $"t={t}, mass={mass}");
        }
    }

    [Test]
    public void Advance_PastTheLimitOrWithoutMass_IsInfinity()
    {
        PiecewiseLinearRate rate = DailySource.WeekRate(1, new DailyProfile(Profile, DailyShape.Linear), Weekdays, 0);
        Assert.That(rate.Advance(0, 1e9, 86400), Is.EqualTo(double.PositiveInfinity));
        Assert.That(rate.Advance(6 * 86400, 1, 7 * 86400), Is.EqualTo(double.PositiveInfinity), "day 6 has no traffic and the limit is its end");
        Assert.That(rate.Advance(6 * 86400, 1, 8 * 86400), Is.InRange(7 * 86400, 7.1 * 86400), "the next week's first hour");

        PiecewiseLinearRate none = DailySource.WeekRate(1, new DailyProfile(new double[24], DailyShape.Linear), Weekdays, 0);
        Assert.That(none.Advance(0, 1e-9, double.PositiveInfinity), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Advance_UnitExponentialMasses_CountsPerHourFollowTheIntegratedRate()
    {
        // Given: arrivals drawn the way the daily source draws them over two weeks at a mean of 0.5/s
        PiecewiseLinearRate rate = DailySource.WeekRate(0.5, new DailyProfile(Profile, DailyShape.Linear), Weekdays, 3 * 3600);
        var rng = new RandomStream(11);
        int hours = 14 * 24;
        var counts = new double[hours];
        double t = 0;
        while ((t = rate.Advance(t, rng.NextExponential(1), hours * 3600.0)) < double.PositiveInfinity)
        {
            counts[(int)(t / 3600)]++;
        }

        // Then: a chi-square test over the hours that have traffic (p = 0.001)
        double chi2 = 0;
        int cells = 0;
        for (int h = 0; h < hours; h++)
        {
            double expected = Integral(rate, h * 3600.0, (h + 1) * 3600.0, 3 * 3600);
            if (expected > 0)
            {
                chi2 += (counts[h] - expected) * (counts[h] - expected) / expected;
                cells++;
            }
            else
            {
                Assert.That(counts[h], Is.Zero, $"hour {h} has no rate");
            }
        }

        Assert.That(chi2, Is.LessThan(ChiSquared.InvCDF(cells - 1, 0.999)));
    }

    [Test]
    public void Advance_FlatSegments_SameBitsAsTheGeneralForm()
    {
        // Given step profiles (flat segments) at rates from 1e-140 to 1e140 per second, and masses
        // from tiny to most of a segment; Advance takes mass / λ on a flat segment instead of the
        // general 2·mass / (λ + √(λ² + 2kλ·mass)) with k = 0.
        var rng = new RandomStream(11);
        int checkedDraws = 0;
        for (int i = 0; i < 20_000; i++)
        {
            double level = Math.Pow(10, (rng.NextUnit() * 280) - 140) * (1 + rng.NextUnit());
            var rate = new PiecewiseLinearRate([0, 100], [level, 2 * level], [level, 2 * level], 200, 0);
            double t = rng.NextUnit() * 90;
            double mass = (100 - t) * level * rng.NextUnit() * (i % 5 == 0 ? 1e-12 : 1);

            // When the arrival falls in the first segment
            double next = rate.Advance(t, mass, double.PositiveInfinity);

            // Then it is the general form's answer, bit for bit
            double r = level + (0.0 * (t - 0));
            double general = t + (2 * mass / (r + Math.Sqrt(Math.Max(0, (r * r) + (2 * 0.0 * mass)))));
            general = Math.Min(general, 100);
            Assert.That(BitConverter.DoubleToInt64Bits(next), Is.EqualTo(BitConverter.DoubleToInt64Bits(general)), $"level {level:R}, t {t:R}, mass {mass:R}");
            checkedDraws++;
        }

        Assert.That(checkedDraws, Is.EqualTo(20_000));
    }

    [Test]
    public void Constructor_BadSegments_Throw()
    {
        Assert.Throws<ArgumentException>(() => _ = new PiecewiseLinearRate([0, 10], [1, 1], [1, 1], 10, 0), "period must exceed the last start");
        Assert.Throws<ArgumentException>(() => _ = new PiecewiseLinearRate([1], [1], [1], 10, 0), "first start must be 0");
        Assert.Throws<ArgumentException>(() => _ = new PiecewiseLinearRate([0, 5], [1, -1], [1, 1], 10, 0), "negative rate");
    }

    private static double Integral(PiecewiseLinearRate rate, double from, double to, double offset)
    {
        // Exact: the daily rate's knots and midnights all fall on the grid of 1800 s of the week, so
        // between two grid points it is linear, and the midpoint rule is exact on a linear piece.
        double sum = 0;
        double a = from;
        while (a < to)
        {
            double grid = (Math.Floor((a + offset) / 1800) + 1) * 1800 - offset;
            double b = Math.Min(to, grid);
            sum += (b - a) * rate.RateAt((a + b) / 2);
            a = b;
        }

        return sum;
    }
}
