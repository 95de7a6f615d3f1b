using System.Globalization;
using System.Text;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// <c>sensitivity.html</c> in a sensitivity folder: for each key measure, which uncertain field it
/// hangs on (the ranking, each field's low and high end, the measure at low / nominal / high with
/// 95% intervals and the swing with its paired interval), the sample's spread against the SLOs,
/// the fields and where their ranges come from, and the charts. Written by <c>sensitivity</c> and
/// by <c>merge</c> from the same data, so both give the same page.
/// </summary>
public static class SensitivityReport
{
    /// <summary>The page's file name.</summary>
    public const string FileName = "sensitivity.html";

    /// <summary>Writes <c>sensitivity.html</c> into <paramref name="folder"/>, with the charts found in its <c>plots/</c>.</summary>
    public static void Write(SensitivityResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(result, Path.Combine(folder, "plots")), new UTF8Encoding(false));

    /// <summary>The page's text, with the charts found in <paramref name="plotsFolder"/> (in the page's order).</summary>
    public static string Render(SensitivityResult result, string plotsFolder) =>
        Render(result, Ordered(result, SweepReport.ChartsIn(plotsFolder)));

    /// <summary>The tornado charts first, then the spread charts, each in the order of the measures; anything else after them by name.</summary>
    private static List<(string Name, string Svg)> Ordered(SensitivityResult result, IReadOnlyList<(string Name, string Svg)> charts)
    {
        var order = result.Data.Measures.Select(m => "tornado-" + m).Concat(result.Data.Measures.Select(m => "sample-" + m)).ToList();
        return [.. charts.OrderBy(c => order.IndexOf(c.Name) is int i and >= 0 ? i : order.Count).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }

    /// <summary>The page's text.</summary>
    public static string Render(SensitivityResult result, IReadOnlyList<(string Name, string Svg)> charts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(charts);
        SensitivityData data = result.Data;
        CultureInfo c = CultureInfo.InvariantCulture;
        using var w = new StringWriter(c) { NewLine = "\n" };
        HtmlReport.BeginPage(w, $"{data.Scenario} — LookoutSim sensitivity", $"lookoutsim {ToolInfo.Version}");
        w.WriteLine("<header>");
        w.WriteLine($"<h1>Sensitivity: {E(data.Scenario)}</h1>");
        w.WriteLine($"<p class=\"subtitle\">{data.Fields.Count.ToString(c)} uncertain fields, each at its low and high end with the others nominal, and a {data.Samples.ToString(c)}-point Latin-hypercube sample of the whole box; {data.Replications.ToString(c)} replications per point, seed {data.Seed.ToString(c)}, the same random streams at every point</p>");
        w.WriteLine("</header>");

        w.WriteLine("<section id=\"ranking\">");
        w.WriteLine("<h2>What each measure hangs on</h2>");
        w.WriteLine("<ul class=\"notes\">");
        foreach (string measure in data.Measures)
        {
            w.WriteLine($"<li>{E(Headline(result, measure))}</li>");
        }

        w.WriteLine("</ul>");
        w.WriteLine("</section>");

        foreach (string measure in data.Measures)
        {
            WriteMeasure(w, result, measure);
        }

        if (result.Sample.Count > 0)
        {
            WriteSample(w, result);
        }

        w.WriteLine("<section id=\"fields\">");
        w.WriteLine("<h2>Uncertain fields</h2>");
        w.WriteLine("<table>");
        w.WriteLine("<thead><tr><th>field</th><th>nominal</th><th>low</th><th>high</th><th>source</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (SensitivityField f in data.Fields)
        {
            w.WriteLine($"<tr><td class=\"mono\">{E(f.Path)}</td><td>{E(f.Nominal)}</td><td>{E(f.Low)}</td><td>{E(f.High)}</td><td>{E(f.Source)}</td></tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
        PlanReport.WriteCharts(w, charts);
        HtmlReport.EndPage(w, $"Written by lookoutsim {ToolInfo.Version}. Figures are means over each point's replications with 95% Student-t intervals; a swing is the mean of the paired differences high − low (same replication, same random streams), its interval that of the differences.");
        return w.ToString();
    }

    /// <summary>
    /// One line naming what a measure hangs on: the top fields by swing (up to three that move it
    /// beyond the noise), e.g. <c>p99 latency: service.base (+0.41 s from 80ms to 120ms), …</c>.
    /// </summary>
    public static string Headline(SensitivityResult result, string measure)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<SensitivityRow> rows = result.Of(measure);
        string unit = MeasureNames.UnitOf(measure);
        var top = rows.Where(r => r.Significant).Take(3).ToList();
        string pretty = SweepCharts.Pretty(measure);
        int m = result.Data.Measures.ToList().IndexOf(measure);
        string nominal = m >= 0 ? " (nominal " + Show(result.Nominal[m].Mean, unit, result.Data.Currency) + ")" : "";
        if (top.Count == 0)
        {
            return $"{pretty}{nominal}: no field moves it beyond the noise";
        }

        return $"{pretty}{nominal}: " + string.Join(", ", top.Select(r => $"{r.Field.Path} ({Signed(r.Swing.Mean, unit, result.Data.Currency)} from {r.Field.Low} to {r.Field.High})"));
    }

    /// <summary>A measure's value with its unit: <c>0.412 s</c>, <c>99.95%</c>, <c>1,234 USD</c>.</summary>
    public static string Show(double value, string unit, string currency) =>
        double.IsFinite(value)
            ? DisplayText.Value(value, unit) + (unit == "ratio" ? "%" : unit.Length == 0 ? "" : " " + DisplayText.Unit(unit, currency))
            : DisplayText.Value(value, unit);

    private static string Signed(double value, string unit, string currency) =>
        (value > 0 ? "+" : "") + Show(value, unit, currency);

    private static void WriteMeasure(TextWriter w, SensitivityResult result, string measure)
    {
        string unit = MeasureNames.UnitOf(measure);
        string cur = result.Data.Currency;
        w.WriteLine($"<section id=\"measure-{E(measure)}\">");
        w.WriteLine($"<h2>{E(SweepCharts.Pretty(measure))} <code>{E(measure)}</code></h2>");
        w.WriteLine("<table>");
        w.WriteLine("<thead><tr><th>rank</th><th>field</th><th>low</th><th>high</th><th>at low (95% CI)</th><th>nominal</th><th>at high (95% CI)</th><th>swing high − low (95% CI)</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (SensitivityRow r in result.Of(measure))
        {
            string cls = r.Significant ? "" : " class=\"within-noise\"";
            string swing = $"{Signed(r.Swing.Mean, unit, cur)} ({Show(r.Swing.Ci95Low, unit, cur)} … {Show(r.Swing.Ci95High, unit, cur)})";
            w.WriteLine(
                $"<tr{cls}><td class=\"num\">{r.Rank.ToString(CultureInfo.InvariantCulture)}</td><td class=\"mono\">{E(r.Field.Path)}</td><td>{E(r.Field.Low)}</td><td>{E(r.Field.High)}</td>" +
                $"<td class=\"num\">{E(Interval(r.AtLow, unit, cur))}</td><td class=\"num\">{E(Show(r.Nominal.Mean, unit, cur))}</td><td class=\"num\">{E(Interval(r.AtHigh, unit, cur))}</td>" +
                $"<td class=\"num\">{E(swing)}{(r.Significant ? "" : $" <span class=\"badge none\">{r.Mark}</span>")}</td></tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    private static void WriteSample(TextWriter w, SensitivityResult result)
    {
        SensitivityData data = result.Data;
        CultureInfo c = CultureInfo.InvariantCulture;
        w.WriteLine("<section id=\"sample\">");
        w.WriteLine("<h2>Spread over the uncertainty box</h2>");
        w.WriteLine($"<p>{result.Sample.Count.ToString(c)} points of a Latin-hypercube sample (each field's range cut into {result.Sample.Count.ToString(c)} strata, each stratum used once); <code>uncertainty.csv</code> lists them.</p>");
        w.WriteLine("<table>");
        w.WriteLine("<thead><tr><th>measure</th><th>nominal</th><th>sample min</th><th>sample median</th><th>sample max</th><th>SLO</th></tr></thead>");
        w.WriteLine("<tbody>");
        for (int m = 0; m < data.Measures.Count; m++)
        {
            string measure = data.Measures[m];
            string unit = MeasureNames.UnitOf(measure);
            double[] values = [.. result.Sample.Select(s => s.Measures[m].Mean).Where(double.IsFinite).Order()];
            string slo = "—";
            foreach ((string _, string sloMeasure, double target, bool upper) in data.Slo.Checks().Where(k => k.Measure == measure))
            {
                int meet = values.Count(v => upper ? v <= target : v >= target);
                string cls = meet == result.Sample.Count ? "met" : "missed";
                slo = $"{E(PlanReport.SloText(measure, target))}: <span class=\"badge {cls}\">{meet.ToString(c)} of {result.Sample.Count.ToString(c)} points</span>";
            }

            string min = values.Length > 0 ? Show(values[0], unit, data.Currency) : "n/a";
            string median = values.Length > 0 ? Show(values[values.Length / 2], unit, data.Currency) : "n/a";
            string max = values.Length > 0 ? Show(values[^1], unit, data.Currency) : "n/a";
            w.WriteLine($"<tr><td class=\"mono\">{E(measure)}</td><td class=\"num\">{E(Show(result.Nominal[m].Mean, unit, data.Currency))}</td><td class=\"num\">{E(min)}</td><td class=\"num\">{E(median)}</td><td class=\"num\">{E(max)}</td><td>{slo}</td></tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    private static string Interval(MetricSummary m, string unit, string currency) =>
        $"{Show(m.Mean, unit, currency)} ({DisplayText.Value(m.Ci95Low, unit)} … {DisplayText.Value(m.Ci95High, unit)})";

    private static string E(string? text) => HtmlReport.E(text);
}
