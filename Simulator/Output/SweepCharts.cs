using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using ScottPlot;

namespace LookoutSim.Output;

/// <summary>
/// The sweep charts, each as PNG (1600 × 1000, for slides) and SVG (for the report) in <c>plots/</c>:
/// <list type="bullet">
/// <item><c>pareto</c>: cost against p99 latency, one marker per point with 95% confidence bars on
/// both axes, the Pareto front (no other point is both cheaper and faster) joined and labelled,
/// the p99 SLO as a dashed line;</item>
/// <item><c>pareto-availability</c>: the same against availability (higher is better);</item>
/// <item><c>sweep-&lt;field&gt;-&lt;measure&gt;</c>: for each swept field, cost, p99 latency,
/// availability and utilization against the field's values, with 95% confidence bars, one line
/// per combination of the other fields.</item>
/// </list>
/// </summary>
public static class SweepCharts
{
    /// <summary>PNG width, pixels.</summary>
    public const int Width = 1600;

    /// <summary>PNG height, pixels.</summary>
    public const int Height = 1000;

    private static readonly string[] CurveMeasures = [Measure.Cost.Name, Measure.LatencyP99S.Name, Measure.Availability.Name, Measure.Utilization.Name];

    private static readonly Color Front = Color.FromHex("#1f5fa8");
    private static readonly Color Other = Color.FromHex("#8a8a8a");
    private static readonly Color Slo = Color.FromHex("#c0392b");

    /// <summary>Draws every sweep chart; returns the file names written (without folder).</summary>
    public static IReadOnlyList<string> Draw(SweepTable table, string plotsFolder, SloTargets slo, string currency)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(slo);
        Directory.CreateDirectory(plotsFolder);
        var written = new List<string>();
        written.AddRange(Pareto(table, plotsFolder, "pareto", Measure.LatencyP99S.Name, lowerIsBetter: true, slo, currency));
        written.AddRange(Pareto(table, plotsFolder, "pareto-availability", Measure.Availability.Name, lowerIsBetter: false, slo, currency));
        foreach (string field in table.Fields)
        {
            foreach (string measure in CurveMeasures)
            {
                double? target = measure == Measure.LatencyP99S.Name ? slo.LatencyP99S
                    : measure == Measure.Availability.Name ? slo.Availability
                    : null;
                written.AddRange(Curve(table, plotsFolder, field, measure, target, currency));
            }
        }

        return written;
    }

    /// <summary>The indices (into <paramref name="xs"/>) of the Pareto front of minimising y and minimising (or maximising) x, sorted by x.</summary>
    public static IReadOnlyList<int> ParetoFront(IReadOnlyList<double> xs, IReadOnlyList<double> ys, bool lowerXIsBetter)
    {
        var front = new List<int>();
        for (int i = 0; i < xs.Count; i++)
        {
            bool dominated = false;
            for (int j = 0; j < xs.Count && !dominated; j++)
            {
                if (i == j)
                {
                    continue;
                }

                bool xNoWorse = lowerXIsBetter ? xs[j] <= xs[i] : xs[j] >= xs[i];
                bool xBetter = lowerXIsBetter ? xs[j] < xs[i] : xs[j] > xs[i];
                dominated = xNoWorse && ys[j] <= ys[i] && (xBetter || ys[j] < ys[i]);
            }

            if (!dominated)
            {
                front.Add(i);
            }
        }

        return [.. front.OrderBy(i => xs[i]).ThenBy(i => ys[i])];
    }

    private static string[] Pareto(SweepTable table, string folder, string name, string measure, bool lowerIsBetter, SloTargets slo, string currency)
    {
        double? target = measure == Measure.Availability.Name ? slo.Availability : slo.LatencyP99S;
        double scale = Scale(measure);
        var rows = table.Rows
            .Where(r => Finite(r.Metric(measure)?.Mean) && Finite(r.Metric(Measure.Cost.Name)?.Mean))
            .ToList();
        using var plot = NewPlot();
        if (rows.Count == 0)
        {
            plot.Add.Annotation("no point has both cost and " + Label(measure, currency));
            return Save(plot, folder, name);
        }

        double[] xs = [.. rows.Select(r => r.Metric(measure)!.Mean * scale)];
        double[] ys = [.. rows.Select(r => r.Metric(Measure.Cost.Name)!.Mean)];
        IReadOnlyList<int> front = ParetoFront(xs, ys, lowerIsBetter);
        var frontSet = front.ToHashSet();

        AddErrorBars(plot, rows, measure, scale, Other);
        int[] others = [.. Enumerable.Range(0, rows.Count).Where(i => !frontSet.Contains(i))];
        if (others.Length > 0)
        {
            var dominated = plot.Add.ScatterPoints(others.Select(i => xs[i]).ToArray(), others.Select(i => ys[i]).ToArray(), Other);
            dominated.MarkerSize = 14;
            dominated.LegendText = "dominated point";
        }

        var line = plot.Add.Scatter(front.Select(i => xs[i]).ToArray(), front.Select(i => ys[i]).ToArray(), Front);
        line.MarkerSize = 18;
        line.LineWidth = 3;
        line.LegendText = "Pareto front";
        // Points whose mean misses any SLO are crossed out: the front may run through them.
        int[] missing = [.. Enumerable.Range(0, rows.Count).Where(i => MissesSlo(rows[i], slo))];
        if (missing.Length > 0)
        {
            var rings = plot.Add.Markers(missing.Select(i => xs[i]).ToArray(), missing.Select(i => ys[i]).ToArray(), MarkerShape.OpenCircle, 30, Slo);
            rings.MarkerLineWidth = 3;
            rings.LegendText = "mean misses an SLO";
        }

        if (target is double t)
        {
            var v = plot.Add.VerticalLine(t * scale, 3, Slo, LinePattern.Dashed);
            v.LegendText = "SLO " + Number(t * scale) + Unit(measure);
        }

        string better = lowerIsBetter ? "lower left is better" : "lower right is better";
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Cost vs {Pretty(measure)}: {rows.Count} points, Pareto front marked ({better})"), 30);
        plot.XLabel(Label(measure, currency) + "   (bars: 95% CI)", 26);
        plot.YLabel(Label(Measure.Cost.Name, currency), 26);
        if (Scale(measure) == 100)
        {
            plot.Axes.Bottom.TickGenerator = PercentTicks();
        }

        plot.ShowLegend(lowerIsBetter ? Alignment.UpperRight : Alignment.UpperLeft);
        plot.Axes.Margins(left: 0.12, right: 0.12, bottom: 0.1, top: 0.3); // room for the legend above the data
        LabelFront(plot, [.. front.Select(i => (xs[i], ys[i], ShortLabel(table.Fields, rows[i])))], [.. xs.Zip(ys)]);
        return Save(plot, folder, name);
    }

    /// <summary>
    /// Labels the Pareto front's points where no label overprints another or a marker
    /// (<see cref="LabelPlacer"/>): the plot is laid out once at its final size to learn where each
    /// point falls. A label moved away from its point is joined to it by a thin line.
    /// </summary>
    internal static void LabelFront(Plot plot, IReadOnlyList<(double X, double Y, string Text)> labels, IReadOnlyList<(double X, double Y)> points)
    {
        const float fontSize = 20;
        plot.RenderInMemory(Width, Height);
        PixelRect data = plot.RenderManager.LastRender.DataRect;
        var area = new LabelBox(data.Left, data.Top, data.Width, data.Height);
        using var typeface = SkiaSharp.SKTypeface.FromFamilyName(ChartFont.Sans);
        using var font = new SkiaSharp.SKFont(typeface, fontSize);
        var anchors = labels.Select(l => Pixel(plot, l.X, l.Y)).ToList();
        var sizes = labels.Select(l => (font.MeasureText(l.Text) + 4, fontSize * 1.3f)).ToList();
        var markers = points.Select(p => Pixel(plot, p.X, p.Y)).ToList();
        IReadOnlyList<LabelBox?> boxes = LabelPlacer.Place(anchors, sizes, area, markers, 11);
        for (int i = 0; i < labels.Count; i++)
        {
            if (boxes[i] is not LabelBox box)
            {
                continue;
            }

            (float ax, float ay) = anchors[i];
            var text = plot.Add.Text(labels[i].Text, labels[i].X, labels[i].Y);
            text.LabelFontSize = fontSize;
            text.LabelFontColor = Front;
            text.LabelAlignment = Alignment.UpperLeft;
            text.OffsetX = box.Left + 2 - ax;
            text.OffsetY = box.Top - ay;
            if (box.Top > ay + LabelPlacer.Gap + 1 || box.Bottom < ay - LabelPlacer.Gap - 1)
            {
                float ly = box.Top > ay ? box.Top : box.Bottom;
                float lx = box.Left >= ax ? box.Left : box.Right;
                Coordinates end = plot.GetCoordinates(new Pixel(lx, ly));
                var leader = plot.Add.Line(labels[i].X, labels[i].Y, end.X, end.Y);
                leader.LineColor = Front.WithAlpha(0.6);
                leader.LineWidth = 1;
            }
        }
    }

    private static (float X, float Y) Pixel(Plot plot, double x, double y)
    {
        Pixel p = plot.GetPixel(new Coordinates(x, y));
        return (p.X, p.Y);
    }

    private static string[] Curve(SweepTable table, string folder, string field, string measure, double? target, string currency)
    {
        double scale = Scale(measure);
        string[] values = [.. table.Rows.Select(r => r.Field(field)).Distinct()];
        double?[] numeric = [.. values.Select(NumericValue)];
        bool isNumeric = numeric.All(v => v is not null);
        double Position(string value) => isNumeric ? NumericValue(value)!.Value : Array.IndexOf(values, value);

        string[] others = [.. table.Fields.Where(f => f != field)];
        var groups = table.Rows
            .GroupBy(r => string.Join("  ", others.Select(o => Short(o) + " " + r.Field(o))))
            .ToList();

        using var plot = NewPlot();
        double[] allX = [.. values.Select(Position)];
        double span = allX.Length > 1 ? allX.Max() - allX.Min() : 1;
        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown];
        int colour = 0;
        foreach (IGrouping<string, SweepTableRow> g in groups)
        {
            var rows = g.Where(r => Finite(r.Metric(measure)?.Mean)).OrderBy(r => Position(r.Field(field))).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            // Series side by side (dodged) with their own marker, so equal values stay visible.
            double dodge = groups.Count > 1 ? (colour - ((groups.Count - 1) / 2.0)) * Math.Min(0.015 * span, 0.3 / groups.Count) : 0;
            MarkerShape shape = shapes[colour % shapes.Length];
            Color color = Palette(colour++);
            double[] xs = [.. rows.Select(r => Position(r.Field(field)) + dodge)];
            double[] ys = [.. rows.Select(r => r.Metric(measure)!.Mean * scale)];
            var bars = plot.Add.ErrorBar(xs, ys, [.. rows.Select(_ => 0.0)]);
            bars.YErrorNegative = [.. rows.Select(r => Err(r.Metric(measure)!.Mean - r.Metric(measure)!.Ci95Low) * scale)];
            bars.YErrorPositive = [.. rows.Select(r => Err(r.Metric(measure)!.Ci95High - r.Metric(measure)!.Mean) * scale)];
            bars.Color = color;
            bars.LineWidth = 2;
            bars.CapSize = 10;
            var s = plot.Add.Scatter(xs, ys, color);
            s.MarkerShape = shape;
            s.MarkerSize = 14;
            s.LineWidth = 3;
            s.LegendText = groups.Count > 1 ? g.Key : Pretty(measure);
        }

        if (target is double t)
        {
            var h = plot.Add.HorizontalLine(t * scale, 3, Slo, LinePattern.Dashed);
            h.LegendText = "SLO " + Number(t * scale) + Unit(measure);
        }

        if (!isNumeric)
        {
            plot.Axes.Bottom.SetTicks([.. values.Select((_, i) => (double)i)], values);
        }
        else if (values.Any(v => v.EndsWith('%')))
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = v => v.ToString("0.#", CultureInfo.InvariantCulture) + "%",
                TickDensity = 0.5,
            };
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = values.All(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
                TickDensity = 0.5,
            };
        }

        string title = Pretty(measure);
        plot.Title($"{char.ToUpperInvariant(title[0])}{title[1..]} vs {field} (bars: 95% CI)", 30);
        plot.XLabel(values.Any(v => v.EndsWith('%')) ? field + " (%)" : field, 26);
        plot.YLabel(Label(measure, currency), 26);
        if (Scale(measure) == 100)
        {
            plot.Axes.Left.TickGenerator = PercentTicks();
        }

        plot.ShowLegend(Edge.Right);
        plot.Axes.Margins(left: 0.08, right: 0.08, bottom: 0.08, top: 0.08);
        return Save(plot, folder, "sweep-" + Safe(field) + "-" + measure);
    }

    internal static Plot NewPlot()
    {
        Plot plot = ChartFont.NewPlot();
        plot.Axes.Bottom.TickLabelStyle.FontSize = 22;
        plot.Axes.Left.TickLabelStyle.FontSize = 22;
        plot.Legend.FontSize = 20;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.5 };
        return plot;
    }

    private static bool MissesSlo(SweepTableRow row, SloTargets slo)
    {
        foreach ((string _, string measure, double target, bool upper) in slo.Checks())
        {
            double mean = row.Metric(measure)?.Mean ?? double.NaN;
            if (double.IsNaN(mean) || (upper ? mean > target : mean < target))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ticks for a percentage that cannot pass 100 (availability, utilization): none above 100%.</summary>
    internal static ScottPlot.TickGenerators.NumericAutomatic PercentTicks() => new()
    {
        TickDensity = 0.5,
        LabelFormatter = v => v > 100.0000001 ? "" : v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static void AddErrorBars(Plot plot, IReadOnlyList<SweepTableRow> rows, string measure, double scale, Color color)
    {
        MetricSummary[] x = [.. rows.Select(r => r.Metric(measure)!)];
        MetricSummary[] y = [.. rows.Select(r => r.Metric(Measure.Cost.Name)!)];
        var bars = new ScottPlot.Plottables.ErrorBar(
            [.. x.Select(m => m.Mean * scale)],
            [.. y.Select(m => m.Mean)],
            [.. x.Select(m => Err(m.Ci95High - m.Mean) * scale)],
            [.. x.Select(m => Err(m.Mean - m.Ci95Low) * scale)],
            [.. y.Select(m => Err(m.Ci95High - m.Mean))],
            [.. y.Select(m => Err(m.Mean - m.Ci95Low))])
        {
            Color = color,
            LineWidth = 2,
            CapSize = 8,
        };
        plot.Add.Plottable(bars);
    }

    /// <summary>
    /// Writes <c>NAME.png</c> and <c>NAME.svg</c> (1600 × 1000); the SVG's clip-path ids are numbered
    /// from 0 in each file, as in the run charts, so the bytes do not depend on what the process drew before.
    /// </summary>
    internal static string[] Save(Plot plot, string folder, string name)
    {
        (byte[] png, string svg) = Charts.Render(plot, Width, Height);
        File.WriteAllBytes(Path.Combine(folder, name + ".png"), png);
        File.WriteAllText(Path.Combine(folder, name + ".svg"), svg, new System.Text.UTF8Encoding(false));
        return [name + ".png", name + ".svg"];
    }

    private static string ShortLabel(IReadOnlyList<string> fields, SweepTableRow row) =>
        fields.Count == 0 ? row.Point.Id : string.Join("  ", fields.Select(f => Short(f) + " " + row.Field(f)));

    /// <summary>The last segment of a field path (<c>deployment.min_units</c> → <c>min_units</c>).</summary>
    private static string Short(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static string Safe(string field) =>
        string.Concat(field.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.' ? ch : '_'));

    private static double? NumericValue(string value)
    {
        string v = value.Trim();
        if (v.EndsWith('%'))
        {
            v = v[..^1];
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;
    }

    private static bool Finite(double? v) => v is double d && double.IsFinite(d);

    private static double Err(double v) => double.IsFinite(v) && v > 0 ? v : 0;

    internal static double Scale(string measure) => MeasureNames.UnitOf(measure) == "ratio" ? 100 : 1;

    internal static string Pretty(string measure) =>
        measure == Measure.LatencyP99S.Name ? "p99 latency"
        : measure == Measure.FailedRate.Name ? "failed share"
        : measure.Replace('_', ' ');

    internal static string Unit(string measure) => MeasureNames.UnitOf(measure) switch
    {
        "ratio" => "%",
        "s" => " s",
        _ => "",
    };

    internal static string Label(string measure, string currency) => MeasureNames.UnitOf(measure) switch
    {
        "ratio" => Pretty(measure) + " (%)",
        "currency" => Pretty(measure) + " (" + currency + ")",
        "" => Pretty(measure),
        string u => Pretty(measure) + " (" + u + ")",
    };

    internal static string Number(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    internal static Color Palette(int i)
    {
        string[] hex = ["#1f5fa8", "#e67e22", "#27ae60", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#d35400"];
        return Color.FromHex(hex[i % hex.Length]);
    }
}
