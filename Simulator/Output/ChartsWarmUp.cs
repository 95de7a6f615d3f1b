using ScottPlot;
using ScottPlot.TickGenerators;

namespace LookoutSim.Output;

/// <summary>The charts' warm-up: what a run may do on a spare core while it simulates.</summary>
public static partial class Charts
{
    /// <summary>
    /// Draws one small throw-away chart through the same paths as the real ones (fonts, title, axes,
    /// a right axis, a shaded span, solid, dashed and step lines, a legend, PNG and SVG), so that the
    /// charts drawn after the simulation find the plotting library compiled and its fonts loaded.
    /// Writes nothing and changes no output: it only moves start-up work off the critical path.
    /// </summary>
    public static void WarmUp()
    {
        double[] xs = [.. Enumerable.Range(0, 64).Select(i => (double)i)];
        double[] ys = [.. xs.Select(x => 1 + Math.Sin(x / 8))];
        using Plot plot = ChartFont.NewPlot();
        Style(plot, "warm-up", "time from start (days)", "calls/s");
        var span = plot.Add.HorizontalSpan(10, 20, Outage.WithAlpha(0.2));
        span.LineWidth = 0;
        span.LegendText = "zone outage";
        Line(plot, xs, ys, Demand, "demand (calls/s)");
        foreach (var s in Line(plot, xs, ys, Units, "units (right axis)", step: true, width: 2, pattern: LinePattern.Dashed))
        {
            s.Axes.YAxis = plot.Axes.Right;
        }

        plot.Axes.Right.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = TickLabel };
        plot.Axes.SetLimitsX(0, xs[^1]);
        plot.Axes.SetLimitsY(0, Top(ys));
        _ = Png(plot);
        _ = StableIds(plot.GetSvgXml(Width, Height));
    }
}
