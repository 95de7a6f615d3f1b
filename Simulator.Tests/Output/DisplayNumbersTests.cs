using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

/// <summary>The one rule of numbers shown to people (<see cref="DisplayText"/>): terminal, report and summary lines.</summary>
public sealed class DisplayNumbersTests
{
    [TestCase(1209600, "14d (1209600 s)")]
    [TestCase(1800, "30m (1800 s)")]
    [TestCase(45, "45 s")]
    [TestCase(0.25, "0.25 s")]
    public void Duration_AsWrittenAndInWholeSeconds(double seconds, string expected) =>
        Assert.That(DisplayText.Duration(seconds), Is.EqualTo(expected));

    [TestCase(1.16e-7, "0.0000116")]
    [TestCase(0.0000196, "0.00196")]
    [TestCase(0.999973, "99.9973")]
    [TestCase(0.5425, "54.25")]
    [TestCase(0, "0")]
    public void Percent_NeverInExponentNotation(double ratio, string expected) =>
        Assert.That(DisplayText.Percent(ratio), Is.EqualTo(expected));

    [Test]
    public void Interval_OneSeparatorStyleForBothEnds()
    {
        var m = new MetricSummary("requests_arrived", "requests", 10191.5, 7895, 12488, 9000, 11000);
        Assert.That(DisplayText.Interval(m), Is.EqualTo("[7,895, 12,488]"));
        Assert.That(DisplayText.Row(m), Is.EqualTo(("10,192", "[7,895, 12,488]", "9,000", "11,000")));
    }

    [Test]
    public void Interval_OneReplication_IsNotApplicable()
    {
        var m = new MetricSummary("cost", "currency", 12.5, double.NaN, double.NaN, 12.5, 12.5);
        Assert.That(DisplayText.Row(m), Is.EqualTo(("12.50", "n/a", "12.50", "12.50")));
    }

    [Test]
    public void Money_CentsBelow100_WholeFrom100_OneStylePerRow()
    {
        var m = new MetricSummary("cost", "currency", 99.5, 98.25, 100.75, 98, 101);
        Assert.That(DisplayText.Row(m), Is.EqualTo(("100", "[98, 101]", "98", "101")));
    }

    [Test]
    public void SloJudgement_NamesRuleBoundAndMargin()
    {
        var met = new SloVerdict("max_failed", 0.001, 5, true, 0.0000196, 0.0000273, SloVerdict.UpperBoundRule);
        var missed = new SloVerdict("availability", 0.999, 1, false, 0.9992, 0.9985, SloVerdict.LowerBoundRule);
        Assert.That(DisplayText.SloJudgement(met), Is.EqualTo("95% upper bound 0.00273 %, 0.0973 % under the target"));
        Assert.That(DisplayText.SloJudgement(missed), Is.EqualTo("95% lower bound 99.85 %, 0.05 % short of the target"));
    }

    private static Arbitrary<double> Magnitudes() =>
        Gen.Choose(-12, 9).SelectMany(e => Gen.Choose(1, 999_999).Select(m => m * Math.Pow(10, e) / 1e6)).ToArbitrary();

    [Test]
    public void Values_AnyMagnitude_NoExponent_OneStyle_AndReadBackClose() =>
        Prop.ForAll(Magnitudes(), Magnitudes(), Gen.Elements("requests", "s", "ratio", "currency").ToArbitrary(), (double a, double b, string unit) =>
        {
            if (unit == "ratio")
            {
                a = Math.Min(a, 1);
                b = Math.Min(b, 1);
            }

            double low = Math.Min(a, b), high = Math.Max(a, b);
            string[] v = DisplayText.Values(unit, low, high);
            bool noExponent = v.All(t => !t.Contains('E', StringComparison.Ordinal));

            // One style: both ends grouped into thousands, or neither has a separator
            bool grouped = unit != "ratio" && Math.Abs(high) >= (unit == "currency" ? 100 : 1000);
            bool oneStyle = grouped ? v.All(t => !t.Contains('.', StringComparison.Ordinal)) : v.All(t => !t.Contains(',', StringComparison.Ordinal));

            // Read back: within the rounding of 4 significant digits, or of whole numbers / cents / percent decimals
            double scale = unit == "ratio" ? 100 : 1;
            bool close = v.Zip(new[] { low, high }).All(p =>
            {
                double back = double.Parse(p.First.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) / scale;
                double tolerance = Math.Max(Math.Abs(p.Second) * 5e-3, grouped ? 0.5 : unit == "currency" ? 0.005 : unit == "ratio" ? 5e-5 : 0);
                return Math.Abs(back - p.Second) <= tolerance + 1e-15;
            });
            return noExponent && oneStyle && close;
        }).QuickCheckThrowOnFailure();

    [Test]
    public void CompareEstimate_TinyAndLargeValues_NoExponentAndOneStyle()
    {
        // Given a tiny share-like value and a large count, as compare prints them
        var tiny = new MetricSummary("failed_rate", "ratio", 1.16e-7, 2e-8, 3.1e-7, 0, 4e-7);
        var large = new MetricSummary("requests_arrived", "requests", 10191.5, 7895, 12488, 9000, 11000);

        // Then neither is written in exponent notation, and the interval's ends share one style
        Assert.That(ComparisonReportWriter.Estimate(tiny), Is.EqualTo("0.000000116 [0.00000002, 0.00000031]"));
        Assert.That(ComparisonReportWriter.Estimate(large), Is.EqualTo("10,192 [7,895, 12,488]"));
        Assert.That(ComparisonReportWriter.Value(1.5e-9), Does.Not.Contain("E"));
    }
}
