using LookoutSim.Experiments.Observed;
using ScottPlot;

namespace LookoutSim.Output;

/// <summary>
/// The charts of <c>backtest</c> (<c>plots/backtest-*</c>: observed as points, the simulated 95% band
/// and mean as a band and a line) and of <c>fit autoscaler</c> (<c>plots/fit-*</c>: loss against each
/// searched field).
/// </summary>
public static partial class Charts
{
    private static readonly Color[] SeriesPalette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
    ];

    /// <summary>Draws every backtest overlay that has at least one compared series, in <see cref="BacktestSeries.Charts"/> order.</summary>
    /// <param name="rows">The backtest rows (every series, every period).</param>
    /// <param name="scenario">The scenario's name, for the titles.</param>
    /// <param name="windowS">The observed window, seconds.</param>
    public static IReadOnlyList<Chart> DrawBacktest(IReadOnlyList<BacktestRow> rows, string scenario, double windowS)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var charts = new List<Chart>();
        foreach (string name in BacktestSeries.Charts)
        {
            var series = BacktestSeries.All.Where(s => s.Chart == name && rows.Any(r => r.Series == s.Name && r.Compared)).ToList();
            if (series.Count > 0)
            {
                charts.Add(DrawBacktest(name, series, rows, scenario, windowS));
            }
        }

        return charts;
    }

    private static Chart DrawBacktest(string name, List<BacktestSeries> series, IReadOnlyList<BacktestRow> rows, string scenario, double windowS)
    {
        using Plot plot = new();
        (double unit, string unitName) = windowS > 2 * 86400 ? (86400.0, "days") : windowS > 3 * 3600 ? (3600.0, "hours") : (60.0, "minutes");
        string yLabel = series[0].Unit switch
        {
            "s" => "mean latency (s)",
            "units" => "units",
            _ => "calls per period",
        };
        string title = $"Backtest: {string.Join(", ", series.Select(s => s.Name.Replace('_', ' ')))} — {scenario}";
        Style(plot, title, $"time from the observed start ({unitName})", yLabel);
        double top = 0;
        for (int i = 0; i < series.Count; i++)
        {
            BacktestSeries s = series[i];
            Color color = SeriesPalette[i % SeriesPalette.Length];
            BacktestRow[] mine = [.. rows.Where(r => r.Series == s.Name && double.IsFinite(r.SimMean))];
            if (mine.Length > 0)
            {
                double[] xs = [.. mine.Select(r => r.TimeS / unit)];
                var band = plot.Add.FillY(xs, [.. mine.Select(r => r.SimLow)], [.. mine.Select(r => r.SimHigh)]);
                band.FillColor = color.WithAlpha(0.25);
                band.LineWidth = 0;
                band.LegendText = $"{s.Name}: simulated 95% band";
                var mean = plot.Add.ScatterLine(xs, [.. mine.Select(r => r.SimMean)], color);
                mean.LineWidth = 2;
                mean.LegendText = $"{s.Name}: simulated mean";
                top = Math.Max(top, mine.Max(r => r.SimHigh));
            }

            BacktestRow[] seen = [.. rows.Where(r => r.Series == s.Name && double.IsFinite(r.Observed))];
            if (seen.Length > 0)
            {
                var points = plot.Add.ScatterPoints(seen.Select(r => r.TimeS / unit).ToArray(), seen.Select(r => r.Observed).ToArray(), color);
                points.MarkerSize = 5;
                points.MarkerShape = MarkerShape.FilledCircle;
                points.MarkerLineColor = Colors.Black;
                points.LegendText = $"{s.Name}: observed";
                top = Math.Max(top, seen.Max(r => r.Observed));
            }
        }

        plot.Axes.SetLimitsX(0, windowS / unit);
        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.15 : 1);
        (byte[] png, string svg) = Render(plot);
        return new Chart("backtest-" + name, title, png, svg);
    }

    /// <summary>
    /// One chart per searched field (<c>fit-FIELD</c>, the path's last part with <c>_</c> as <c>-</c>):
    /// every candidate's loss against the field's value, and the least loss at each value.
    /// </summary>
    public static IReadOnlyList<Chart> DrawFit(FitResult fit, string scenario)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var charts = new List<Chart>();
        for (int p = 0; p < fit.Parameters.Count; p++)
        {
            FitParameter parameter = fit.Parameters[p];
            string field = parameter.Path[(parameter.Path.LastIndexOf('.') + 1)..];
            using Plot plot = BuildFit(fit, p, scenario, out string title);
            (byte[] png, string svg) = Render(plot);
            charts.Add(new Chart("fit-" + field.Replace('_', '-').ToLowerInvariant(), title, png, svg));
        }

        return charts;
    }

    /// <summary>
    /// The plot of field <paramref name="p"/>'s fit chart, before it is rendered (the tests read it):
    /// durations in minutes, shares in percent, the loss on a log scale (the losses of a search run
    /// from the best to a hundred times it, and the best are what the chart is for).
    /// </summary>
    internal static Plot BuildFit(FitResult fit, int p, string scenario, out string title)
    {
        ArgumentNullException.ThrowIfNull(fit);
        FitParameter parameter = fit.Parameters[p];
        var plot = new Plot();
        bool seconds = parameter.Grid.Any(g => g.Length > 0 && char.IsLetter(g[^1]) && g[^1] != '%');
        bool percent = parameter.Grid.Any(g => g.EndsWith('%'));
        double scale = percent ? 100 : seconds ? 1.0 / 60 : 1; // the grid's numbers are shares and seconds
        string xLabel = parameter.Path + (percent ? " (%)" : seconds ? " (minutes)" : "");
        title = $"Fit: loss against {parameter.Path} — {scenario}";
        Style(plot, title, xLabel, "loss (mean squared unit difference, log scale)");
        double[] losses = [.. fit.Candidates.Select(c => c.Loss).Where(l => double.IsFinite(l) && l > 0)];
        double lo = losses.Length > 0 ? losses.Min() : 0.01;
        double hi = losses.Length > 0 ? losses.Max() : 1;
        double floor = lo / 10; // a loss of 0 (a perfect match) is drawn a decade below the least other one
        double Y(double loss) => Math.Log10(loss > 0 ? loss : floor);
        var drawn = fit.Candidates.Where(c => double.IsFinite(c.Loss)).ToList();
        double[] xs = [.. drawn.Select(c => parameter.Numeric[c.Indices[p]] * scale)];
        double[] ys = [.. drawn.Select(c => Y(c.Loss))];
        var all = plot.Add.ScatterPoints(xs, ys, Color.FromHex("#999999"));
        all.MarkerSize = 7;
        all.LegendText = "each candidate";
        var profile = Enumerable.Range(0, parameter.Grid.Count)
            .Select(v => (X: parameter.Numeric[v] * scale, Loss: drawn.Where(c => c.Indices[p] == v).Select(c => c.Loss).DefaultIfEmpty(double.NaN).Min()))
            .Where(t => double.IsFinite(t.Loss))
            .ToList();
        var line = plot.Add.Scatter(profile.Select(t => t.X).ToArray(), profile.Select(t => Y(t.Loss)).ToArray(), SeriesPalette[0]);
        line.LineWidth = LineWidth;
        line.MarkerSize = 9;
        line.LegendText = "least loss at each value";
        double best = parameter.Numeric[fit.Best.Indices[p]] * scale;
        var mark = plot.Add.VerticalLine(best, 2, SeriesPalette[3], LinePattern.Dashed);
        mark.LegendText = "best: " + parameter.Grid[fit.Best.Indices[p]];
        LogAxis(plot.Axes.Left, drawn.Any(c => c.Loss <= 0) ? floor : lo, hi);
        return plot;
    }
}
