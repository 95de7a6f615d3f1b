using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using ScottPlot;

namespace LookoutSim.Output;

/// <summary>
/// The sensitivity charts, each as PNG (1600 × 1000, for slides) and SVG (for the page) in <c>plots/</c>:
/// <list type="bullet">
/// <item><c>tornado-&lt;measure&gt;</c> for each key measure: one bar per field from the measure at
/// its low end to the measure at its high end (the others nominal), drawn out from the nominal value
/// (a vertical line), largest swing on top, each end labelled with the field's value and whiskered
/// with the 95% interval of its paired difference from nominal, the SLO as a dashed line; a field whose
/// swing's interval holds 0 is marked "within noise" ("no change" when neither end moved it at all);</item>
/// <item><c>sample-&lt;measure&gt;</c> for each key measure: the distribution (empirical CDF) of the
/// measure over the Latin-hypercube sample, with the SLO as a line and how many points meet it.</item>
/// </list>
/// </summary>
public static class SensitivityCharts
{
    private static readonly Color LowColor = Color.FromHex("#1f5fa8");
    private static readonly Color HighColor = Color.FromHex("#e67e22");
    private static readonly Color NominalColor = Color.FromHex("#333333");
    private static readonly Color Whisker = Color.FromHex("#222222");
    private static readonly Color Slo = Color.FromHex("#c0392b");
    private static readonly Color Muted = Color.FromHex("#8a8a8a");

    /// <summary>Draws every chart; returns the file names written (without folder).</summary>
    public static IReadOnlyList<string> Draw(SensitivityResult result, string plotsFolder)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(plotsFolder);
        var written = new List<string>();
        foreach (string measure in result.Data.Measures)
        {
            written.AddRange(Tornado(result, measure, plotsFolder));
        }

        if (result.Sample.Count > 0)
        {
            foreach (string measure in result.Data.Measures)
            {
                written.AddRange(Distribution(result, measure, plotsFolder));
            }
        }

        return written;
    }

    private static string[] Tornado(SensitivityResult result, string measure, string folder)
    {
        IReadOnlyList<SensitivityRow> rows = result.Of(measure);
        double scale = SweepCharts.Scale(measure);
        string currency = result.Data.Currency;
        using Plot plot = SweepCharts.NewPlot();
        double nominal = rows.Count > 0 ? rows[0].Nominal.Mean * scale : double.NaN;
        int n = rows.Count;
        var lowBars = new List<Bar>();
        var highBars = new List<Bar>();
        var whiskerX = new List<double>();
        var whiskerY = new List<double>();
        var whiskerNeg = new List<double>();
        var whiskerPos = new List<double>();
        double lo = double.IsFinite(nominal) ? nominal : double.PositiveInfinity;
        double hi = double.IsFinite(nominal) ? nominal : double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            SensitivityRow r = rows[i];
            double y = n - 1 - i; // rank 1 on top
            foreach ((MetricSummary end, MetricSummary? fromNominal, List<Bar> bars, Color color) in new[] { (r.AtLow, r.LowFromNominal, lowBars, LowColor), (r.AtHigh, r.HighFromNominal, highBars, HighColor) })
            {
                double v = end.Mean * scale;
                if (!double.IsFinite(v) || !double.IsFinite(nominal))
                {
                    continue;
                }

                // The whisker is the paired interval of the bar's length (end − nominal, same replications):
                // the noise both points share cancels, as it does in the swing.
                bars.Add(new Bar { Position = y, ValueBase = nominal, Value = v, FillColor = color, LineWidth = 0, Size = 0.6 });
                double neg = fromNominal is { } d ? Err(d.Mean - d.Ci95Low) * scale : 0;
                double pos = fromNominal is { } e ? Err(e.Ci95High - e.Mean) * scale : 0;
                whiskerX.Add(v);
                whiskerY.Add(y);
                whiskerNeg.Add(neg);
                whiskerPos.Add(pos);
                lo = Math.Min(lo, v - neg);
                hi = Math.Max(hi, v + pos);
            }
        }

        // The longer bar of a field first, so that two ends on the same side of nominal both show.
        AddBars(plot, lowBars, highBars, "low end");
        AddBars(plot, highBars, lowBars, "high end");
        if (whiskerX.Count > 0)
        {
            var bars = new ScottPlot.Plottables.ErrorBar([.. whiskerX], [.. whiskerY], [.. whiskerPos], [.. whiskerNeg], [.. whiskerY.Select(_ => 0.0)], [.. whiskerY.Select(_ => 0.0)])
            {
                Color = Whisker,
                LineWidth = 2,
                CapSize = 12,
            };
            plot.Add.Plottable(bars);
        }

        if (double.IsFinite(nominal))
        {
            var line = plot.Add.VerticalLine(nominal, 3, NominalColor, LinePattern.Dashed);
            line.LegendText = "nominal " + SensitivityReport.Show(rows[0].Nominal.Mean, MeasureNames.UnitOf(measure), currency);
        }

        foreach ((string _, string sloMeasure, double target, bool upper) in result.Data.Slo.Checks().Where(k => k.Measure == measure))
        {
            var line = plot.Add.VerticalLine(target * scale, 3, Slo, LinePattern.Dashed);
            line.LegendText = $"SLO {(upper ? "≤" : "≥")} {SensitivityReport.Show(target, MeasureNames.UnitOf(sloMeasure), currency)}";
            lo = Math.Min(lo, target * scale);
            hi = Math.Max(hi, target * scale);
        }

        double span = hi > lo ? hi - lo : Math.Max(Math.Abs(hi), 1) * 0.1;
        for (int i = 0; i < n && double.IsFinite(nominal); i++)
        {
            SensitivityRow r = rows[i];
            double y = n - 1 - i;
            double low = r.AtLow.Mean * scale;
            double high = r.AtHigh.Mean * scale;
            if ((low >= nominal) == (high >= nominal))
            {
                // Both ends on the same side: one label at the outer end, so that neither overprints a bar.
                bool lowOuter = Math.Abs(low - nominal) >= Math.Abs(high - nominal);
                string label = Math.Abs(low - high) < 0.02 * span ? r.Field.Low + ", " + r.Field.High : "low " + r.Field.Low + ", high " + r.Field.High;
                EndLabel(plot, lowOuter ? r.LowFromNominal : r.HighFromNominal, lowOuter ? low : high, label, y, nominal, scale, NominalColor);
            }
            else
            {
                EndLabel(plot, r.LowFromNominal, low, r.Field.Low, y, nominal, scale, LowColor);
                EndLabel(plot, r.HighFromNominal, high, r.Field.High, y, nominal, scale, HighColor);
            }
        }

        string unit = MeasureNames.UnitOf(measure);
        plot.Axes.Left.SetTicks(
            [.. Enumerable.Range(0, n).Select(i => (double)(n - 1 - i))],
            [.. rows.Select(r => r.Field.Path + "\n" + (r.Significant
                ? "swing " + (r.Swing.Mean > 0 ? "+" : "") + SensitivityReport.Show(r.Swing.Mean, unit, currency)
                : r.Mark))]);
        plot.Axes.Left.TickLabelStyle.FontSize = 24;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        if (scale == 100)
        {
            plot.Axes.Bottom.TickGenerator = SweepCharts.PercentTicks();
        }

        string pretty = SweepCharts.Pretty(measure);
        plot.Title($"What {pretty} hangs on: each field low → high, the others nominal", 30);
        plot.XLabel(SweepCharts.Label(measure, currency) + "   (whiskers: 95% CI of each end − nominal, paired replications)", 24);
        if (double.IsFinite(lo) && double.IsFinite(hi))
        {
            // Room for the end labels on both sides.
            plot.Axes.SetLimitsX(lo - (0.22 * span), hi + (0.22 * span));
        }

        plot.Axes.SetLimitsY(-0.7, n - 0.3 + (0.08 * n) + 0.5);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.Orientation = Orientation.Horizontal;
        return SweepCharts.Save(plot, folder, "tornado-" + measure);
    }

    private static void AddBars(Plot plot, List<Bar> first, List<Bar> other, string legend)
    {
        // A bar goes behind the other end's bar of the same field when it is the longer one.
        var behind = first.Where(b => other.FirstOrDefault(o => o.Position == b.Position) is not { } o || Math.Abs(b.Value - b.ValueBase) >= Math.Abs(o.Value - o.ValueBase)).ToList();
        var front = first.Except(behind).ToList();
        foreach (List<Bar> bars in new[] { behind, front })
        {
            if (bars.Count == 0)
            {
                continue;
            }

            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = true;
        }

        if (first.Count > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = legend, FillColor = first[0].FillColor, LineWidth = 0 });
        }
    }

    /// <summary>The field's value beside a bar's end <paramref name="v"/> (scaled), beyond its whisker.</summary>
    private static void EndLabel(Plot plot, MetricSummary? fromNominal, double v, string value, double y, double nominal, double scale, Color color)
    {
        if (!double.IsFinite(v))
        {
            return;
        }

        bool right = v >= nominal;
        double whisker = fromNominal is { } d ? (right ? Err(d.Ci95High - d.Mean) : Err(d.Mean - d.Ci95Low)) * scale : 0;
        var text = plot.Add.Text(value, right ? v + whisker : v - whisker, y);
        text.LabelFontSize = 22;
        text.LabelBold = true;
        text.LabelFontColor = color;
        text.LabelAlignment = right ? Alignment.MiddleLeft : Alignment.MiddleRight;
        text.OffsetX = right ? 10 : -10;
    }

    private static string[] Distribution(SensitivityResult result, string measure, string folder)
    {
        int m = result.Data.Measures.ToList().IndexOf(measure);
        double scale = SweepCharts.Scale(measure);
        string unit = MeasureNames.UnitOf(measure);
        double[] values = [.. result.Sample.Select(s => s.Measures[m].Mean).Where(double.IsFinite).Order()];
        using Plot plot = SweepCharts.NewPlot();
        int n = result.Sample.Count;
        if (values.Length == 0)
        {
            plot.Add.Annotation("no sample point has a value of " + SweepCharts.Pretty(measure));
            return SweepCharts.Save(plot, folder, "sample-" + measure);
        }

        double[] xs = [.. values.Select(v => v * scale)];
        double[] ys = [.. values.Select((_, i) => 100.0 * (i + 1) / n)];
        var steps = plot.Add.Scatter(xs, ys, LowColor);
        steps.ConnectStyle = ConnectStyle.StepHorizontal;
        steps.LineWidth = 3;
        steps.MarkerSize = 14;
        steps.LegendText = string.Create(CultureInfo.InvariantCulture, $"{values.Length} sample points (Latin hypercube), mean of each over its replications");

        double nominal = result.Nominal[m].Mean;
        if (double.IsFinite(nominal))
        {
            var line = plot.Add.VerticalLine(nominal * scale, 3, NominalColor, LinePattern.Dotted);
            line.LegendText = "nominal " + SensitivityReport.Show(nominal, unit, result.Data.Currency);
        }

        foreach ((string _, string sloMeasure, double target, bool upper) in result.Data.Slo.Checks())
        {
            if (sloMeasure != measure)
            {
                continue;
            }

            int meet = result.Sample.Count(s => s.Measures[m].Mean is double v && !double.IsNaN(v) && (upper ? v <= target : v >= target));
            var line = plot.Add.VerticalLine(target * scale, 3, Slo, LinePattern.Dashed);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"SLO {(upper ? "≤" : "≥")} {SensitivityReport.Show(target, unit, result.Data.Currency)}: {meet} of {n} points meet it (by their mean)");
        }

        string pretty = SweepCharts.Pretty(measure);
        plot.Title($"Spread of {pretty} over the uncertainty box", 30);
        plot.XLabel(SweepCharts.Label(measure, result.Data.Currency), 26);
        plot.YLabel("share of sample points at or below (%)", 26);
        if (scale == 100)
        {
            plot.Axes.Bottom.TickGenerator = SweepCharts.PercentTicks();
        }

        plot.Axes.SetLimitsY(0, 112);
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Margins(left: 0.1, right: 0.1);
        plot.Axes.SetLimitsY(0, 105);
        return SweepCharts.Save(plot, folder, "sample-" + measure);
    }

    private static double Err(double v) => double.IsFinite(v) && v > 0 ? v : 0;
}
