using System.Globalization;
using System.Text;
using HdrHistogram;
using HdrHistogram.Iteration;
using LookoutSim.Metrics;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace LookoutSim.Output;

/// <summary>One drawn chart: its file name (without extension), title, PNG bytes and SVG text.</summary>
/// <param name="Name">File name without extension: <c>capacity</c>, <c>units</c>, …</param>
/// <param name="Title">The chart's title.</param>
/// <param name="Png">PNG image, <see cref="Charts.Width"/> × <see cref="Charts.Height"/>.</param>
/// <param name="Svg">SVG document of the same chart.</param>
public sealed record Chart(string Name, string Title, byte[] Png, string Svg)
{
    /// <summary>Writes <c>NAME.png</c> and <c>NAME.svg</c> into <paramref name="dir"/>.</summary>
    public void Save(string dir)
    {
        File.WriteAllBytes(Path.Combine(dir, Name + ".png"), Png);
        File.WriteAllText(Path.Combine(dir, Name + ".svg"), Svg, new UTF8Encoding(false));
    }
}

/// <summary>
/// The charts of a run (outputs spec), drawn with ScottPlot as PNG (for slides) and SVG (for the
/// report) at 1600 × 900 with slide-legible fonts: <c>capacity</c>, <c>units</c>, <c>latency</c>,
/// <c>cost</c>, <c>latency-cdf</c>, <c>latency-tail</c>. Time axes show the scenario's clock
/// (<see cref="ClockTime"/>: its <c>start</c> in its <c>timezone</c>), or the time from the start when
/// the start is unknown.
/// </summary>
public static partial class Charts
{
    /// <summary>Image width, pixels.</summary>
    public const int Width = 1600;

    /// <summary>Image height, pixels.</summary>
    public const int Height = 900;

    /// <summary>The chart names, in the order they are drawn and shown.</summary>
    public static readonly IReadOnlyList<string> Names = ["capacity", "units", "latency", "cost", "latency-cdf", "latency-tail"];

    internal const float TitleSize = 32;
    internal const float LabelSize = 26;
    internal const float TickSize = 22;
    internal const float LegendSize = 22;
    private const float LineWidth = 3;

    private static readonly Color Demand = Color.FromHex("#1f77b4");
    private static readonly Color Capacity = Color.FromHex("#2ca02c");
    private static readonly Color Units = Color.FromHex("#555555");
    private static readonly Color Outage = Color.FromHex("#d62728");
    private static readonly Color P50 = Color.FromHex("#1f77b4");
    private static readonly Color P99 = Color.FromHex("#9467bd");
    private static readonly Color Throttled = Color.FromHex("#ff7f0e");
    private static readonly Color Failed = Color.FromHex("#d62728");
    private static readonly Color Cost = Color.FromHex("#1f77b4");

    private static readonly Color[] ZonePalette =
    [
        Color.FromHex("#4e79a7"), Color.FromHex("#f28e2b"), Color.FromHex("#59a14f"), Color.FromHex("#b07aa1"),
        Color.FromHex("#76b7b2"), Color.FromHex("#edc948"), Color.FromHex("#ff9da7"), Color.FromHex("#9c755f"),
    ];

    /// <summary>
    /// Draws every chart of <paramref name="result"/>, in <see cref="Names"/> order. The charts are
    /// independent plots over the same read-only data, so they are drawn on all cores at once
    /// (<see cref="ChartDrawing"/>): the charts are most of the time a results folder takes to
    /// write. Each chart's bytes do not depend on the thread that drew it.
    /// </summary>
    public static IReadOnlyList<Chart> Draw(RunResult result, CancellationToken ct = default)
    {
        using ChartDrawing drawing = ChartDrawing.Start(result, ChartDrawing.Helpers, ct);
        return drawing.Finish();
    }

    /// <summary>Draws one chart by name.</summary>
    public static Chart Draw(string name, RunResult result, ChartData data)
    {
        using Plot plot = Build(name, result, data, out string title);
        (byte[] png, string svg) = Render(plot);
        return new Chart(name, title, png, svg);
    }

    /// <summary>
    /// The PNG and the SVG of <paramref name="plot"/> at <paramref name="width"/> ×
    /// <paramref name="height"/> (default <see cref="Width"/> × <see cref="Height"/>), laid out and
    /// drawn once (<see cref="Record"/>) and played back onto both: the same pixels and the same SVG
    /// text as rendering the plot for each format (ScottPlot's own PNG and <c>GetSvgXml</c>).
    /// </summary>
    internal static (byte[] Png, string Svg) Render(Plot plot, int width = Width, int height = Height)
    {
        using SKPicture picture = Record(plot, width, height);
        return (Png(picture, width, height), Svg(picture, width, height));
    }

    /// <summary>
    /// <paramref name="plot"/> drawn once into a picture that the PNG and the SVG both replay. ScottPlot
    /// renders a new plot twice (the first pass settles the axis limits, the second draws over it),
    /// so the plot is first laid out on a canvas that draws nothing, then recorded in one pass; the
    /// canvas is not cleared in the recording, as ScottPlot's own SVG does not clear it.
    /// </summary>
    internal static SKPicture Record(Plot plot, int width = Width, int height = Height)
    {
        using (var layout = new SKNoDrawCanvas(width, height))
        {
            plot.Render(layout, width, height);
        }

        using var recorder = new SKPictureRecorder();
        SKCanvas canvas = recorder.BeginRecording(new SKRect(0, 0, width, height));
        bool clear = plot.RenderManager.ClearCanvasBeforeEachRender;
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        try
        {
            plot.Render(canvas, width, height);
        }
        finally
        {
            plot.RenderManager.ClearCanvasBeforeEachRender = clear;
        }

        return recorder.EndRecording();
    }

    /// <summary>
    /// The PNG of a recorded chart: the same pixels as ScottPlot's own PNG, compressed with the "up"
    /// filter at zlib level 1 instead of trying every filter on every row at level 6: several times
    /// faster to encode, files about a fifth larger.
    /// </summary>
    internal static byte[] Png(SKPicture picture, int width = Width, int height = Height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.Transparent); // as ScottPlot clears a raster canvas before drawing
        surface.Canvas.DrawPicture(picture);
        using SKPixmap pixmap = surface.PeekPixels() ?? throw new InvalidOperationException("the chart's pixels cannot be read");
        using SKData data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 1))
            ?? throw new InvalidOperationException("the chart cannot be encoded as PNG");
        return data.ToArray();
    }

    /// <summary>The SVG of a recorded chart, as ScottPlot writes it, with stable clip-path ids (<see cref="StableIds"/>).</summary>
    internal static string Svg(SKPicture picture, int width = Width, int height = Height)
    {
        using var stream = new MemoryStream();
        using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            canvas.DrawPicture(picture);
        }

        return StableIds(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    /// <summary>
    /// The PNG of <paramref name="plot"/> rendered directly (ScottPlot's two passes on the raster
    /// canvas), encoded as <see cref="Png(SKPicture, int, int)"/> does: what the charts were before
    /// <see cref="Render"/>, kept for the tests that compare the two.
    /// </summary>
    internal static byte[] Png(Plot plot, int width = Width, int height = Height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info);
        plot.Render(surface.Canvas, width, height);
        using SKPixmap pixmap = surface.PeekPixels() ?? throw new InvalidOperationException("the chart's pixels cannot be read");
        using SKData data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 1))
            ?? throw new InvalidOperationException("the chart cannot be encoded as PNG");
        return data.ToArray();
    }

    /// <summary>The plot of one chart, before it is rendered (the tests read its axes and plottables).</summary>
    internal static Plot Build(string name, RunResult result, ChartData data, out string title)
    {
        Plot plot = ChartFont.NewPlot();
        try
        {
            title = name switch
            {
                "capacity" => DrawCapacity(plot, result, data),
                "units" => DrawUnits(plot, result, data),
                "latency" => DrawLatency(plot, result, data),
                "cost" => DrawCost(plot, result, data),
                "latency-cdf" => DrawLatencyCdf(plot, result, data),
                "latency-tail" => DrawLatencyTail(plot, result, data),
                _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown chart"),
            };
            return plot;
        }
        catch
        {
            plot.Dispose();
            throw;
        }
    }

    private static string DrawCapacity(Plot plot, RunResult result, ChartData d)
    {
        string title = $"Demand and capacity — {result.Scenario}";
        Style(plot, title, TimeLabel(result, d), "calls/s");
        TimeAxis(plot, result, d);
        ShadeOutages(plot, d);
        double rated = d.RatedTpsPerUnit;
        bool aligned = double.IsFinite(rated) && rated > 0;
        string capacityLabel = aligned
            ? $"rated capacity = ready units × {Rate(rated)} calls/s"
            : "rated capacity of ready units (calls/s)";
        Line(plot, d.Times, d.CapacityTps, Capacity, capacityLabel, step: true);
        Line(plot, d.Times, d.DemandTps, Demand, "demand (calls/s)");
        var unitLines = new List<ScottPlot.Plottables.Scatter>();
        if (!aligned)
        {
            unitLines.AddRange(Line(plot, d.Times, d.UnitsReady, Units, "ready units (right axis)", step: true, width: 2));
        }

        unitLines.AddRange(Line(plot, d.Times, d.UnitsDesired, Units, "desired units (right axis)", step: true, width: 2, pattern: LinePattern.Dashed));
        foreach (var s in unitLines)
        {
            s.Axes.YAxis = plot.Axes.Right;
        }

        plot.Axes.Right.Label.FontSize = LabelSize;
        plot.Axes.Right.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Right.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = TickLabel };
        if (aligned)
        {
            // One scale read two ways: N units on the right sit at N × rated calls/s on the left, so
            // the capacity line is also the ready units line and demand reads directly in units.
            double top = Math.Max(Top(d.CapacityTps, d.DemandTps), Top(d.UnitsDesired) * rated);
            plot.Axes.Right.Label.Text = $"units (1 unit = {Rate(rated)} calls/s)";
            plot.Axes.SetLimitsY(0, top);
            plot.Axes.SetLimitsY(0, top / rated, plot.Axes.Right);
        }
        else
        {
            plot.Axes.Right.Label.Text = "units";
            plot.Axes.SetLimitsY(0, Top(d.CapacityTps, d.DemandTps));
            plot.Axes.SetLimitsY(0, Math.Ceiling(2 * Top(d.UnitsReady, d.UnitsDesired)), plot.Axes.Right);
        }

        NoDataNote(plot, d.Times.Length == 0, "no time series");
        return title;
    }

    private static string DrawUnits(Plot plot, RunResult result, ChartData d)
    {
        string mean = d.Replications > 1 ? $"mean of {d.Replications} replications" : "one replication";
        string title = $"Ready units by zone (stacked) and desired units — {mean}";
        Style(plot, title, TimeLabel(result, d), d.Replications > 1 ? "units (mean over replications)" : "units");
        TimeAxis(plot, result, d);
        ShadeOutages(plot, d);
        var lower = new double[d.ZoneTimes.Length];
        for (int z = 0; z < d.Zones.Count; z++)
        {
            double[] ready = d.ZoneReady[z];
            var upper = new double[lower.Length];
            for (int i = 0; i < upper.Length; i++)
            {
                upper[i] = lower[i] + (double.IsNaN(ready[i]) ? 0 : ready[i]);
            }

            if (upper.Length > 0)
            {
                (double[] sx, double[] lo) = StepXY(d.ZoneTimes, lower, d.Step);
                (_, double[] hi) = StepXY(d.ZoneTimes, upper, d.Step);
                var fill = plot.Add.FillY(sx, lo, hi);
                Color c = ZonePalette[z % ZonePalette.Length];
                fill.FillColor = c.WithAlpha(0.75);
                fill.LineWidth = 0;
                fill.LegendText = $"ready in {d.Zones[z]}";
            }

            lower = upper;
        }

        Line(plot, d.Times, d.UnitsDesired, Color.FromHex("#000000"), "desired units", step: true, pattern: LinePattern.Dashed);
        plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = TickLabel };
        double top = Math.Ceiling(Top(lower, d.UnitsDesired));
        plot.Axes.SetLimitsY(0, top);
        LabelOutages(plot, d, top);
        NoDataNote(plot, d.ZoneTimes.Length == 0 && d.Times.Length == 0, "no zone rows");
        return title;
    }

    private static string DrawLatency(Plot plot, RunResult result, ChartData d)
    {
        string title = "Client latency (p50, p99) with throttled and failed shares";
        Style(plot, title, TimeLabel(result, d), "client latency (s, log scale)");
        TimeAxis(plot, result, d);
        ShadeOutages(plot, d);
        double[] finite = d.LatencyP50S.Concat(d.LatencyP99S).Where(v => double.IsFinite(v) && v > 0).ToArray();
        SloVerdict? slo = result.Slo.FirstOrDefault(s => s.Name == "latency_p99");
        double lo = finite.Length > 0 ? finite.Min() : 0.01;
        double hi = finite.Length > 0 ? finite.Max() : 1;
        if (slo is not null && slo.Target > 0)
        {
            lo = Math.Min(lo, slo.Target);
            hi = Math.Max(hi, slo.Target);
        }

        Line(plot, d.Times, Log10(d.LatencyP99S), P99, "p99 latency", step: true);
        Line(plot, d.Times, Log10(d.LatencyP50S), P50, "p50 latency", step: true);
        if (slo is not null && slo.Target > 0)
        {
            var target = plot.Add.HorizontalLine(Math.Log10(slo.Target), 2, P99, LinePattern.Dashed);
            target.LegendText = $"p99 SLO {Seconds(slo.Target)}";
        }

        LogAxis(plot.Axes.Left, lo, hi);
        var throttled = Line(plot, d.Times, d.ThrottledPercent, Throttled, "throttled (% of attempts, right axis)", step: true, width: 2);
        var failed = Line(plot, d.Times, d.FailedPercent, Failed, "failed (% of requests, right axis)", step: true, width: 2);
        foreach (var s in throttled.Concat(failed))
        {
            s.Axes.YAxis = plot.Axes.Right;
        }

        double top = Math.Max(1, Top(d.ThrottledPercent, d.FailedPercent));
        plot.Axes.Right.Label.Text = "share of calls (%)";
        plot.Axes.Right.Label.FontSize = LabelSize;
        plot.Axes.Right.TickLabelStyle.FontSize = TickSize;
        plot.Axes.SetLimitsY(0, Math.Min(100, top * 1.6), plot.Axes.Right);
        NoDataNote(plot, finite.Length == 0, "no request succeeded");
        return title;
    }

    private static string DrawCost(Plot plot, RunResult result, ChartData d)
    {
        string title = "Cumulative cost";
        Style(plot, title, TimeLabel(result, d), $"cumulative cost ({result.Currency})");
        TimeAxis(plot, result, d);
        if (d.CostTimes.Length > 1 && d.Replications > 1)
        {
            var band = plot.Add.FillY(d.CostTimes, d.CostMin, d.CostMax);
            band.FillColor = Cost.WithAlpha(0.25);
            band.LineWidth = 0;
            band.LegendText = $"min–max across {d.Replications} replications";
        }

        string label = d.Replications > 1 ? $"mean of {d.Replications} replications" : "cost";
        Line(plot, d.CostTimes, d.CostMean, Cost, label);
        plot.Axes.SetLimitsY(0, Top(d.CostMax, d.CostMean));
        NoDataNote(plot, d.CostTimes.Length <= 1, "no time series");
        return title;
    }

    private static string DrawLatencyCdf(Plot plot, RunResult result, ChartData d)
    {
        string title = "Client latency distribution (all replications)";
        Style(plot, title, "client latency (s, log scale)", "requests at or below (%)");
        LongHistogram h = d.Latency;
        long total = h.TotalCount;
        if (NoLatencies(plot, total, logShare: false))
        {
            return title;
        }

        var xs = new List<double>();
        var ys = new List<double>();
        long cumulative = 0;
        foreach (HistogramIterationValue v in h.RecordedValues())
        {
            double x = Math.Log10(Math.Max(1, v.ValueIteratedTo) / 1e6);
            if (xs.Count == 0)
            {
                xs.Add(x);
                ys.Add(0);
            }

            cumulative += v.CountAddedInThisIterationStep;
            xs.Add(x);
            ys.Add(100.0 * cumulative / total);
        }

        var cdf = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), P99);
        cdf.LineWidth = LineWidth;
        cdf.ConnectStyle = ConnectStyle.StepHorizontal;
        cdf.LegendText = $"{total.ToString("N0", CultureInfo.InvariantCulture)} succeeded requests";

        double lo = Math.Pow(10, xs[0]);
        double hi = Math.Pow(10, xs[^1]);
        (double Q, string Name, LinePattern Pattern)[] marks =
        [
            (50, "p50", LinePattern.Dotted), (99, "p99", LinePattern.Dashed), (99.9, "p99.9", LinePattern.DenselyDashed),
        ];
        foreach ((double q, string name, LinePattern pattern) in marks)
        {
            double v = h.GetValueAtPercentile(q) / 1e6;
            var line = plot.Add.VerticalLine(Math.Log10(Math.Max(v, 1e-6)), 2, Units, pattern);
            line.LegendText = $"{name} = {Seconds(v)}";
        }

        (lo, hi) = AddP99SloLine(plot, result, lo, hi);

        LogAxis(plot.Axes.Bottom, lo, hi);
        plot.Axes.SetLimitsY(0, 102);
        return title;
    }

    /// <summary>
    /// The axes and note of a latency chart with no succeeded request (the share axis linear or
    /// logarithmic); false, drawing nothing, when <paramref name="total"/> requests succeeded.
    /// </summary>
    private static bool NoLatencies(Plot plot, long total, bool logShare)
    {
        if (total > 0)
        {
            return false;
        }

        LogAxis(plot.Axes.Bottom, 0.01, 1);
        if (logShare)
        {
            LogAxis(plot.Axes.Left, 0.01, 100);
        }
        else
        {
            plot.Axes.SetLimitsY(0, 100);
        }

        NoDataNote(plot, true, "no request succeeded");
        return true;
    }

    private static string DrawLatencyTail(Plot plot, RunResult result, ChartData d)
    {
        string title = "Client latency tail: share of requests slower (all replications)";
        Style(plot, title, "client latency (s, log scale)", "requests slower than this (%, log scale)");
        LongHistogram h = d.Latency;
        long total = h.TotalCount;
        if (NoLatencies(plot, total, logShare: true))
        {
            return title;
        }

        // 1 − F on a log scale: each decade down is a nine more in the percentile (10% → p90,
        // 1% → p99, 0.1% → p99.9), so the tail the CDF squeezes into its top pixels is spread out.
        double floor = Math.Min(0.01, 100.0 / total);
        var xs = new List<double>();
        var ys = new List<double>();
        long cumulative = 0;
        foreach (HistogramIterationValue v in h.RecordedValues())
        {
            double x = Math.Log10(Math.Max(1, v.ValueIteratedTo) / 1e6);
            if (xs.Count == 0)
            {
                xs.Add(x);
                ys.Add(2); // 100%
            }

            cumulative += v.CountAddedInThisIterationStep;
            xs.Add(x);
            ys.Add(cumulative < total ? Math.Log10(100.0 * (total - cumulative) / total) : Math.Log10(floor) - 1);
        }

        var tail = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), P99);
        tail.LineWidth = LineWidth;
        tail.ConnectStyle = ConnectStyle.StepHorizontal;
        tail.LegendText = $"{total.ToString("N0", CultureInfo.InvariantCulture)} succeeded requests";

        double lo = Math.Pow(10, xs[0]);
        double hi = Math.Pow(10, xs[^1]);
        (double Q, string Name, LinePattern Pattern)[] marks =
        [
            (99, "p99", LinePattern.Dashed), (99.9, "p99.9", LinePattern.DenselyDashed),
        ];
        // The dots before the dashed lines: Skia's SVG canvas warns when a dot is drawn with the
        // dash pattern a line left on the shared paint.
        foreach ((double q, _, _) in marks)
        {
            plot.Add.Marker(Math.Log10(Math.Max(h.GetValueAtPercentile(q) / 1e6, 1e-6)), Math.Log10(100 - q), MarkerShape.FilledCircle, 14, Units);
        }

        foreach ((double q, string name, LinePattern pattern) in marks)
        {
            double v = h.GetValueAtPercentile(q) / 1e6;
            var line = plot.Add.HorizontalLine(Math.Log10(100 - q), 2, Units, pattern);
            line.LegendText = $"{name} = {Seconds(v)} ({TickLabel(100 - q)}% slower)";
        }

        (lo, hi) = AddP99SloLine(plot, result, lo, hi);

        LogAxis(plot.Axes.Bottom, lo, hi);
        LogAxis(plot.Axes.Left, floor, 100);
        return title;
    }

    private static void Style(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickGenerator = new NumericAutomatic { LabelFormatter = TickLabel };
        }

        ChartFont.Apply(plot);
        plot.Axes.Title.Label.FontSize = TitleSize;
        // Below the chart, in rows, so that the legend never hides data.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.SymbolWidth = 44;
        plot.Legend.Padding = new PixelPadding(12, 12, 10, 6);
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
    }

    private static string TimeLabel(RunResult result, ChartData d) => result.Start is DateTimeOffset start
        ? ClockTime.AxisLabel(start, result.TimeZone)
        : d.TimeUnitName switch
        {
            "min" => "time from start (minutes)",
            "h" => "time from start (hours)",
            _ => "time from start (days)",
        };

    /// <summary>The time axis over the horizon: clock-time ticks when the start is known.</summary>
    private static void TimeAxis(Plot plot, RunResult result, ChartData d)
    {
        plot.Axes.SetLimitsX(0, d.Horizon);
        // Room right of the frame for half of the last time label when there is no right axis.
        plot.Axes.Right.MinimumSize = Math.Max(plot.Axes.Right.MinimumSize, 72);
        if (result.Start is not DateTimeOffset start)
        {
            return;
        }

        var ticks = new NumericManual();
        foreach (ClockTick t in ClockTime.Ticks(start, result.TimeZone, result.HorizonS, d.TimeUnitS))
        {
            if (t.Major)
            {
                ticks.AddMajor(t.Position, t.Label);
            }
            else
            {
                ticks.AddMinor(t.Position);
            }
        }

        plot.Axes.Bottom.TickGenerator = ticks;
    }

    private static void ShadeOutages(Plot plot, ChartData d)
    {
        if (d.Outages.Count == 0)
        {
            return;
        }

        // Each replication's outage is drawn faintly so that an outage shared by every replication
        // shows at full strength and a rare one is pale.
        double alpha = Math.Max(0.05, 0.3 / Math.Max(1, d.Replications));
        bool first = true;
        foreach (ZoneOutage o in d.Outages)
        {
            var span = plot.Add.HorizontalSpan(o.StartS / d.TimeUnitS, o.EndS / d.TimeUnitS, Outage.WithAlpha(alpha));
            span.LineWidth = 0;
            if (first)
            {
                span.LegendText = OutageLegend(d);
                first = false;
            }
        }
    }

    /// <summary><c>zone outage: us-east-1b</c> (every zone that was down, in order of first outage; at most three named).</summary>
    internal static string OutageLegend(ChartData d)
    {
        string[] zones = [.. d.Outages.OrderBy(o => o.StartS).Select(o => o.Zone).Distinct(StringComparer.Ordinal)];
        string names = zones.Length <= 3 ? string.Join(", ", zones) : string.Join(", ", zones.Take(3)) + $" and {zones.Length - 3} more";
        return (zones.Length == 1 ? "zone outage: " : "zone outages: ") + names;
    }

    /// <summary>
    /// The zone's name at the top of each outage band (each distinct zone and time once; none when
    /// more than six distinct outages would crowd the chart).
    /// </summary>
    private static void LabelOutages(Plot plot, ChartData d, double top)
    {
        var distinct = d.Outages
            .Select(o => (o.Zone, o.StartS, o.EndS))
            .Distinct()
            .OrderBy(o => o.StartS).ThenBy(o => o.Zone, StringComparer.Ordinal)
            .ToList();
        if (distinct.Count == 0 || distinct.Count > 6)
        {
            return;
        }

        foreach ((string zone, double start, double _) in distinct)
        {
            var text = plot.Add.Text(zone + " down", start / d.TimeUnitS, top);
            text.LabelFontSize = LegendSize;
            text.LabelFontColor = Outage;
            bool late = start / d.TimeUnitS > 0.8 * d.Horizon;
            text.LabelAlignment = late ? Alignment.UpperRight : Alignment.UpperLeft;
            text.OffsetX = late ? -8 : 8;
            text.OffsetY = 8;
        }
    }

    /// <summary>Adds a line, split at NaN so that a gap shows as a gap; returns the pieces.</summary>
    private static List<ScottPlot.Plottables.Scatter> Line(
        Plot plot, double[] xs, double[] ys, Color color, string label, bool step = false, float width = LineWidth,
        LinePattern? pattern = null)
    {
        var pieces = new List<ScottPlot.Plottables.Scatter>();
        int i = 0;
        while (i < xs.Length)
        {
            while (i < xs.Length && !double.IsFinite(ys[i]))
            {
                i++;
            }

            int start = i;
            while (i < xs.Length && double.IsFinite(ys[i]))
            {
                i++;
            }

            if (i > start)
            {
                double[] px = xs[start..i];
                double[] py = ys[start..i];
                if (step && xs.Length > 1)
                {
                    // Hold the last value to the end of its interval.
                    double end = i < xs.Length ? xs[i] : xs[i - 1] + (xs[^1] - xs[^2]);
                    px = [.. px, end];
                    py = [.. py, py[^1]];
                }

                var s = plot.Add.ScatterLine(px, py, color);
                s.LineWidth = width;
                s.LinePattern = pattern ?? LinePattern.Solid;
                if (step)
                {
                    s.ConnectStyle = ConnectStyle.StepHorizontal;
                }

                if (pieces.Count == 0)
                {
                    s.LegendText = label;
                }

                pieces.Add(s);
            }
        }

        return pieces;
    }

    private static (double[] Xs, double[] Ys) StepXY(double[] xs, double[] ys, double step)
    {
        var sx = new double[xs.Length * 2];
        var sy = new double[xs.Length * 2];
        for (int i = 0; i < xs.Length; i++)
        {
            sx[2 * i] = xs[i];
            sx[(2 * i) + 1] = i + 1 < xs.Length ? xs[i + 1] : xs[i] + step;
            sy[2 * i] = ys[i];
            sy[(2 * i) + 1] = ys[i];
        }

        return (sx, sy);
    }

    /// <summary>
    /// A log-scale axis over log10 data from <paramref name="lo"/> to <paramref name="hi"/> with a
    /// margin of a tenth of the range (at least 0.1 decade) on each side, so that nothing drawn at
    /// either value (an SLO line) sits on the frame. Labelled at 1 of each decade (and at 2 and 5 when
    /// the range is three decades or less, and 3 too within a decade), with minor ticks at 2…9.
    /// </summary>
    internal static void LogAxis(IAxis axis, double lo, double hi)
    {
        double la = Math.Log10(Math.Max(lo, 1e-6));
        double lb = Math.Log10(Math.Max(hi, 1e-6));
        if (lb < la)
        {
            (la, lb) = (lb, la);
        }

        double margin = Math.Max(0.1, 0.1 * (lb - la));
        double min = la - margin, max = lb + margin;
        int a = (int)Math.Floor(min);
        int b = (int)Math.Ceiling(max);
        int span = (int)Math.Ceiling(max - min);
        var ticks = new NumericManual();
        for (int d = a; d <= b; d++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double x = Math.Log10(m * Math.Pow(10, d));
                if (x < min - 1e-9 || x > max + 1e-9)
                {
                    continue;
                }

                bool major = m == 1 || (span <= 3 && (m == 2 || m == 5)) || (span <= 1 && m == 3);
                if (major)
                {
                    ticks.AddMajor(x, (m * Math.Pow(10, d)).ToString("G4", CultureInfo.InvariantCulture));
                }
                else
                {
                    ticks.AddMinor(x);
                }
            }
        }

        axis.TickGenerator = ticks;
        axis.Min = min;
        axis.Max = max;
    }

    /// <summary>Tick labels in the invariant culture (a chart looks the same under any locale).</summary>
    private static string TickLabel(double value)
    {
        double rounded = Math.Round(value, 9);
        return (rounded == 0 ? 0 : rounded).ToString("#,0.#########", CultureInfo.InvariantCulture);
    }

    /// <summary>A rate to three significant digits: <c>12</c>, <c>2.45</c>.</summary>
    private static string Rate(double v) => v.ToString("G3", CultureInfo.InvariantCulture);

    private static double[] Log10(double[] xs) => xs.Select(x => x > 0 ? Math.Log10(x) : double.NaN).ToArray();

    private static double Top(params double[][] series)
    {
        double max = 0;
        foreach (double[] s in series)
        {
            foreach (double v in s)
            {
                if (double.IsFinite(v) && v > max)
                {
                    max = v;
                }
            }
        }

        return max > 0 ? max * 1.15 : 1;
    }

    private static void NoDataNote(Plot plot, bool show, string text)
    {
        if (!show)
        {
            return;
        }

        AxisLimits limits = plot.Axes.GetLimits();
        var note = plot.Add.Text(text, (limits.Left + limits.Right) / 2, (limits.Bottom + limits.Top) / 2);
        note.LabelFontSize = LabelSize;
        note.LabelAlignment = Alignment.MiddleCenter;
    }

    /// <summary>
    /// Skia numbers SVG clip paths from a process-wide counter (<c>cl_4</c>, <c>cl_a</c>, …), so the
    /// same chart drawn twice differs; renumber them from 0 in order of appearance.
    /// </summary>
    internal static string StableIds(string svg)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            string old = m.Groups["id"].Value;
            if (!map.TryGetValue(old, out string? id))
            {
                id = "c" + map.Count.ToString(CultureInfo.InvariantCulture);
                map[old] = id;
            }

            return m.Groups["pre"].Value + id + m.Groups["post"].Value;
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<pre>id=\"|url\\(#)(?<id>cl_[0-9a-f]+)(?<post>\"|\\))")]
    private static partial System.Text.RegularExpressions.Regex ClipId();

    /// <summary>A duration for a legend: <c>0.412 s</c>, <c>85 ms</c>.</summary>
    internal static string Seconds(double s)
    {
        if (!double.IsFinite(s))
        {
            return "n/a";
        }

        return s < 1
            ? (s * 1000).ToString("G3", CultureInfo.InvariantCulture) + " ms"
            : s.ToString("G4", CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>The p99 SLO as a dashed vertical line on a log-seconds axis, when the scenario sets one; the axis range widened to hold it.</summary>
    private static (double Lo, double Hi) AddP99SloLine(Plot plot, RunResult result, double lo, double hi)
    {
        SloVerdict? slo = result.Slo.FirstOrDefault(s => s.Name == "latency_p99");
        if (slo is null || !(slo.Target > 0))
        {
            return (lo, hi);
        }

        var target = plot.Add.VerticalLine(Math.Log10(slo.Target), 3, Failed, LinePattern.Dashed);
        target.LegendText = $"p99 SLO {Seconds(slo.Target)}";
        return (Math.Min(lo, slo.Target), Math.Max(hi, slo.Target));
    }
}
