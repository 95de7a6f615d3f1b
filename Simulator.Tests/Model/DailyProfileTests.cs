using FsCheck;
using FsCheck.Fluent;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

public sealed class DailyProfileTests
{
    private static readonly double[] Ramp = [.. Enumerable.Range(0, 24).Select(h => (double)h)];

    [TestCase(DailyShape.Step)]
    [TestCase(DailyShape.Linear)]
    public void Breakpoints_IntegrateToTheMultipliersMean(DailyShape shape)
    {
        // Given hours 0, 1, …, 23 (mean 11.5)
        var profile = new DailyProfile(Ramp, shape);

        // When the breakpoints are integrated by trapezoids
        double integral = 0;
        for (int i = 1; i < profile.Breakpoints.Count; i++)
        {
            (double t0, double v0) = profile.Breakpoints[i - 1];
            (double t1, double v1) = profile.Breakpoints[i];
            integral += (t1 - t0) * (v0 + v1) / 2;
        }

        // Then the day's integral is 86400 × 11.5, and the breakpoints span the day in order
        Assert.That(integral, Is.EqualTo(86400 * 11.5).Within(1e-6));
        Assert.That(profile.Breakpoints[0].Second, Is.Zero);
        Assert.That(profile.Breakpoints[^1].Second, Is.EqualTo(86400));
        Assert.That(profile.Breakpoints.Select(b => b.Second), Is.Ordered);
    }

    [Test]
    public void Step_HoldsEachHoursMultiplierFromItsStartToItsEnd()
    {
        var profile = new DailyProfile(Ramp, DailyShape.Step);
        Assert.That(new[] { profile.At(0), profile.At(5 * 3600), profile.At((6 * 3600) - 0.001), profile.At(86399.999) }, Is.EqualTo(new[] { 0.0, 5, 5, 23 }));
    }

    [Test]
    public void Linear_KnotsAtEachHoursMiddle_AndMidnightHalfwayBetweenHours23And0()
    {
        var profile = new DailyProfile(Ramp, DailyShape.Linear);
        Assert.That(new[] { profile.At(5.5 * 3600), profile.At(6 * 3600), profile.At(0) }, Is.EqualTo(new[] { 5.0, 5.5, 11.5 }).Within(1e-9));
    }

    [Test]
    public void At_IsTheStraightLineBetweenBreakpoints_EitherShape() =>
        Prop.ForAll(
            Gen.Choose(0, 86_399_999).ToArbitrary(),
            Gen.Elements(DailyShape.Step, DailyShape.Linear).ToArbitrary(),
            (int milli, DailyShape shape) =>
            {
                double t = milli / 1000.0;
                var profile = new DailyProfile([.. Enumerable.Range(0, 24).Select(h => (double)((h * 7) % 5))], shape);
                IReadOnlyList<(double Second, double Multiplier)> b = profile.Breakpoints;
                int i = Enumerable.Range(1, b.Count - 1).First(k => b[k].Second > t);
                (double t0, double v0) = b[i - 1];
                (double t1, double v1) = b[i];
                double line = v0 + ((v1 - v0) * (t - t0) / (t1 - t0));
                return Math.Abs(profile.At(t) - line) < 1e-9;
            }).QuickCheckThrowOnFailure();
}
