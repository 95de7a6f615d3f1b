using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace LookoutSim.Tests.Output;

/// <summary>What the charts draw, read from the plot model before it is rendered: axes, ticks, lines, labels.</summary>
public sealed class ChartPlotTests
{
    private static readonly RunResult Realistic = FakeResults.Realistic();

    [Test]
    public void TimeAxis_StartKnown_TicksAreClockTimesOfTheScenario()
    {
        // Given a day from Monday 00:00 UTC / When the capacity chart is built
        using Plot plot = Build("capacity", Realistic);

        // Then the bottom axis says the clock and labels 00:00, 02:00 … 00:00 at 0, 2 … 24 hours
        Assert.That(plot.Axes.Bottom.Label.Text, Is.EqualTo("clock time, UTC (start Mon 1 Jan 2024 00:00)"));
        Tick[] major = Major(plot, plot.Axes.Bottom);
        Assert.That(major.Select(t => t.Label), Is.EqualTo(Enumerable.Range(0, 13).Select(i => $"{(2 * i) % 24:00}:00")));
        Assert.That(major.Select(t => t.Position), Is.EqualTo(Enumerable.Range(0, 13).Select(i => 2.0 * i)).Within(1e-9));
        Assert.That(plot.Axes.Bottom.Min, Is.EqualTo(0));
        Assert.That(plot.Axes.Bottom.Max, Is.EqualTo(24).Within(1e-9));
    }

    [Test]
    public void TimeAxis_StartUnknown_CountsFromTheStart()
    {
        // Given a result read from a folder whose scenario could not be loaded (no start)
        RunResult result = WithStart(Realistic, null);

        // When
        using Plot plot = Build("latency", result);

        // Then
        Assert.That(plot.Axes.Bottom.Label.Text, Is.EqualTo("time from start (hours)"));
        Assert.That(plot.Axes.Bottom.TickGenerator, Is.Not.InstanceOf<NumericManual>());
    }

    [Test]
    public void Capacity_UnitsAxis_PutsNUnitsAtNTimesRatedCallsPerSecond()
    {
        // Given units rated at 5 calls/s each (capacity = ready units × 5 in every interval)
        ChartData data = ChartData.From(Realistic);
        Assert.That(data.RatedTpsPerUnit, Is.EqualTo(5).Within(1e-9));

        // When
        using Plot plot = Charts.Build("capacity", Realistic, data, out _);

        // Then the right axis is the left divided by 5, from 0: 2 units sit at 10 calls/s
        Assert.That(plot.Axes.Left.Min, Is.EqualTo(0));
        Assert.That(plot.Axes.Right.Min, Is.EqualTo(0));
        Assert.That(plot.Axes.Right.Max * 5, Is.EqualTo(plot.Axes.Left.Max).Within(1e-9));
        Assert.That(plot.Axes.Right.Label.Text, Is.EqualTo("units (1 unit = 5 calls/s)"));
        Assert.That(plot.Axes.Left.Max, Is.GreaterThanOrEqualTo(data.DemandTps.Max()).And.GreaterThanOrEqualTo(data.CapacityTps.Max()));
        Assert.That(plot.Axes.Right.Max, Is.GreaterThanOrEqualTo(data.UnitsDesired.Max()));
    }

    [Test]
    public void Capacity_RatedFromTheMeasure_WinsOverTheSeriesRatio()
    {
        // Given the run's rated_tps_per_unit measure says 12.5 calls/s
        RunResult result = WithMetric(Realistic, Measure.RatedTpsPerUnit.Name, 12.5);

        // When / Then the axes are aligned on it
        using Plot plot = Build("capacity", result);
        Assert.That(plot.Axes.Right.Max * 12.5, Is.EqualTo(plot.Axes.Left.Max).Within(1e-9));
    }

    [Test]
    public void Units_SaysMeanOverReplicationsAndNamesTheZoneDown()
    {
        // Given three replications with us-east-1b down from 10:00 to 12:30 / When
        using Plot plot = Charts.Build("units", Realistic, ChartData.From(Realistic), out string title);

        // Then
        Assert.That(title, Does.Contain("mean of 3 replications"));
        Assert.That(plot.Axes.Left.Label.Text, Does.Contain("mean over replications"));
        Assert.That(plot.GetPlottables().Select(p => p.LegendItems.FirstOrDefault()?.LabelText), Does.Contain("zone outage: us-east-1b"));
        Text label = plot.GetPlottables().OfType<Text>().Single();
        Assert.That(label.LabelText, Is.EqualTo("us-east-1b down"));
        Assert.That(label.Location.X, Is.EqualTo(10).Within(1e-9));
    }

    [TestCase(1.0)]
    [TestCase(0.1)]
    [TestCase(2.5)]
    public void Latency_SloTarget_IsInsideTheAxisNeverOnTheFrame(double target)
    {
        // Given a p99 SLO at a decade, at the data's edge or above it
        RunResult result = WithSlo(Realistic, target);

        // When
        using Plot plot = Build("latency", result);

        // Then the dashed SLO line lies at least 0.05 decade inside both ends of the axis
        HorizontalLine slo = plot.GetPlottables().OfType<HorizontalLine>().Single();
        Assert.That(slo.Y, Is.EqualTo(Math.Log10(target)).Within(1e-12));
        Assert.That(plot.Axes.Left.Max - slo.Y, Is.GreaterThan(0.05));
        Assert.That(slo.Y - plot.Axes.Left.Min, Is.GreaterThan(0.05));
    }

    [Test]
    public void LatencyTail_ShowsOneMinusFOnALogScaleDownToP999()
    {
        // Given the merged histogram of three replications / When
        ChartData data = ChartData.From(Realistic);
        using Plot plot = Charts.Build("latency-tail", Realistic, data, out _);

        // Then the curve falls from 100% (log 2), the 1% and 0.1% lines are drawn, and the axis shows both
        Scatter tail = plot.GetPlottables().OfType<Scatter>().Single();
        Coordinates[] points = tail.Data.GetScatterPoints().ToArray();
        Assert.That(points[0].Y, Is.EqualTo(2));
        for (int i = 1; i < points.Length; i++)
        {
            Assert.That(points[i].Y, Is.LessThanOrEqualTo(points[i - 1].Y), "1 − F never rises");
        }

        double[] lines = [.. plot.GetPlottables().OfType<HorizontalLine>().Select(h => h.Y)];
        Assert.That(lines, Is.EqualTo(new[] { 0.0, -1.0 }).Within(1e-12));
        Assert.That(plot.Axes.Left.Min, Is.LessThan(-1.05));
        Assert.That(plot.Axes.Left.Max, Is.GreaterThan(2.05));

        // And the p99 marker sits where 1% of the requests are slower
        Marker p99 = plot.GetPlottables().OfType<Marker>().First();
        long above = 0;
        foreach (HdrHistogram.Iteration.HistogramIterationValue v in data.Latency.RecordedValues())
        {
            if (v.ValueIteratedTo / 1e6 > Math.Pow(10, p99.Location.X) * 1.001)
            {
                above += v.CountAddedInThisIterationStep;
            }
        }

        Assert.That(100.0 * above / data.Latency.TotalCount, Is.LessThanOrEqualTo(1.0).And.GreaterThan(0.5), "share slower than the p99 marker");
    }

    [Test]
    public void Draw_SameResultTwice_SameBytes()
    {
        // Given / When each new chart is drawn twice
        ChartData data = ChartData.From(Realistic);
        foreach (string name in new[] { "capacity", "units", "latency", "latency-tail" })
        {
            Chart a = Charts.Draw(name, Realistic, data);
            Chart b = Charts.Draw(name, Realistic, ChartData.From(Realistic));

            // Then byte for byte the same
            Assert.That(b.Png, Is.EqualTo(a.Png), name);
            Assert.That(b.Svg, Is.EqualTo(a.Svg), name);
        }
    }

    [Test]
    public void Draw_Png_SamePixelsAsScottPlotsOwnPng()
    {
        // Given each chart of a realistic run, built into its plot
        ChartData data = ChartData.From(Realistic);
        foreach (string name in Charts.Names)
        {
            using Plot plot = Charts.Build(name, Realistic, data, out _);

            // When the chart's PNG (faster compression) and ScottPlot's own PNG of the same plot are decoded
            using SkiaSharp.SKBitmap ours = SkiaSharp.SKBitmap.Decode(Charts.Draw(name, Realistic, data).Png);
            using SkiaSharp.SKBitmap theirs = SkiaSharp.SKBitmap.Decode(plot.GetImageBytes(Charts.Width, Charts.Height, ImageFormat.Png));

            // Then the same size and pixel for pixel the same image
            Assert.That((ours.Width, ours.Height), Is.EqualTo((Charts.Width, Charts.Height)), name);
            Assert.That((theirs.Width, theirs.Height), Is.EqualTo((Charts.Width, Charts.Height)), name);
            Assert.That(ours.Pixels, Is.EqualTo(theirs.Pixels), name);
            Assert.That(ours.Pixels.Distinct().Count(), Is.GreaterThan(10), name + ": a chart, not a blank image");
        }
    }

    [Test]
    public void Png_OtherSize_SamePixelsAsScottPlotsOwnPng()
    {
        // Given a chart's plot / When encoded at the sweep charts' size, 1600 × 1000
        using Plot plot = Build("capacity", Realistic);
        using SkiaSharp.SKBitmap ours = SkiaSharp.SKBitmap.Decode(Charts.Png(plot, 1600, 1000));
        using SkiaSharp.SKBitmap theirs = SkiaSharp.SKBitmap.Decode(plot.GetImageBytes(1600, 1000, ImageFormat.Png));

        // Then that size, and the same pixels
        Assert.That((ours.Width, ours.Height), Is.EqualTo((1600, 1000)));
        Assert.That(ours.Pixels, Is.EqualTo(theirs.Pixels));
    }

    private static Plot Build(string name, RunResult result) => Charts.Build(name, result, ChartData.From(result), out _);

    /// <summary>The labelled ticks of an axis as drawn (a render makes the tick generator produce them).</summary>
    private static Tick[] Major(Plot plot, IAxis axis)
    {
        plot.RenderInMemory(Charts.Width, Charts.Height);
        return [.. axis.TickGenerator.Ticks.Where(t => t.IsMajor)];
    }

    private static RunResult WithStart(RunResult r, DateTimeOffset? start) => Copy(r, start, r.Slo, r.Metrics);

    private static RunResult WithSlo(RunResult r, double target) =>
        Copy(r, r.Start, [new SloVerdict("latency_p99", target, 0, false)], r.Metrics);

    private static RunResult WithMetric(RunResult r, string name, double mean) =>
        Copy(r, r.Start, r.Slo, [.. r.Metrics.Select(m => m.Name == name ? new MetricSummary(name, m.Unit, mean, mean, mean, mean, mean) : m)]);

    private static RunResult Copy(RunResult r, DateTimeOffset? start, IReadOnlyList<SloVerdict> slo, IReadOnlyList<MetricSummary> metrics) => new()
    {
        Version = r.Version,
        Scenario = r.Scenario,
        ScenarioSha256 = r.ScenarioSha256,
        Seed = r.Seed,
        HorizonS = r.HorizonS,
        WarmupS = r.WarmupS,
        IntervalS = r.IntervalS,
        Zones = r.Zones,
        Currency = r.Currency,
        Metrics = metrics,
        Slo = slo,
        Replications = r.Replications,
        Start = start,
        TimeZone = r.TimeZone,
    };
}

/// <summary>The fit charts (<c>fit autoscaler</c>), read from the plot model.</summary>
public sealed class FitChartPlotTests
{
    // Two fields: a duration (1m, 10m) and a share (60%, 70%); three candidates, losses spanning two decades.
    private static readonly LookoutSim.Experiments.Observed.FitResult Fit = new(
        [
            new("autoscaling.scale_out_cooldown", ["1m", "10m"], [60, 600]),
            new("autoscaling.target", ["60%", "70%"], [0.6, 0.7]),
        ],
        [
            new(0, [0, 0], 0.05, 0.01),
            new(1, [1, 0], 0.07, 0.01),
            new(2, [0, 1], 5.0, 0.5),
        ],
        new(0, [0, 0], 0.05, 0.01),
        1);

    [Test]
    public void FitChart_Durations_AreDrawnInMinutes()
    {
        // When the chart of the cooldown is built
        using Plot plot = Charts.BuildFit(Fit, 0, "line-7", out _);

        // Then 1m and 10m sit at 1 and 10 on an axis in minutes, and the best is marked at 1
        Assert.That(plot.Axes.Bottom.Label.Text, Is.EqualTo("autoscaling.scale_out_cooldown (minutes)"));
        Scatter profile = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText == "least loss at each value");
        Assert.That(profile.Data.GetScatterPoints().Select(p => p.X), Is.EqualTo(new[] { 1.0, 10.0 }).Within(1e-12));
        Assert.That(plot.GetPlottables().OfType<VerticalLine>().Single().X, Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void FitChart_Loss_IsOnALogScaleSpanningEveryCandidate()
    {
        // When the chart of the target is built
        using Plot plot = Charts.BuildFit(Fit, 1, "line-7", out string title);

        // Then shares are in percent, the least loss at 60% is 0.05 and at 70% is 5, drawn as log10
        Assert.That(title, Is.EqualTo("Fit: loss against autoscaling.target — line-7"));
        Assert.That(plot.Axes.Bottom.Label.Text, Is.EqualTo("autoscaling.target (%)"));
        Scatter profile = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText == "least loss at each value");
        Coordinates[] points = profile.Data.GetScatterPoints().ToArray();
        Assert.That(points.Select(p => p.X), Is.EqualTo(new[] { 60.0, 70.0 }).Within(1e-9));
        Assert.That(points.Select(p => p.Y), Is.EqualTo(new[] { Math.Log10(0.05), Math.Log10(5.0) }).Within(1e-12));
        Assert.That(plot.Axes.Left.Label.Text, Does.Contain("log scale"));
        Assert.That(plot.Axes.Left.Min, Is.LessThan(Math.Log10(0.05)));
        Assert.That(plot.Axes.Left.Max, Is.GreaterThan(Math.Log10(5.0)));
        Assert.That(plot.Axes.Left.TickGenerator, Is.InstanceOf<NumericManual>());
    }
}
