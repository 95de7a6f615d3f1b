using System.Globalization;
using System.Text;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// <c>sweep.html</c> in a sweep folder: the cheapest point that meets every SLO, a table of every
/// point with its parameters, cost and SLO verdicts (<see cref="SweepVerdicts"/>, the 95% bound
/// against the target, as in <c>sweep.csv</c>), that point highlighted, and the sweep charts.
/// Written by <c>sweep</c> and by <c>merge</c> from the same table, so both give the same page.
/// </summary>
public static class SweepReport
{
    /// <summary>The page's file name.</summary>
    public const string FileName = "sweep.html";

    /// <summary>Writes <c>sweep.html</c> into <paramref name="folder"/>, with the charts found in its <c>plots/</c>.</summary>
    public static void Write(SweepTable table, string name, int replications, SloTargets slo, string currency, string folder) =>
        File.WriteAllText(
            Path.Combine(folder, FileName),
            Render(table, name, replications, slo, currency, ChartsIn(Path.Combine(folder, "plots"))),
            new UTF8Encoding(false));

    /// <summary>The SVG charts in <paramref name="plots"/>, by file name (ordinal), as (name without extension, SVG text); none when there is no such folder.</summary>
    public static IReadOnlyList<(string Name, string Svg)> ChartsIn(string plots) =>
        Directory.Exists(plots)
            ? [.. Directory.GetFiles(plots, "*.svg").Order(StringComparer.Ordinal).Select(f => (Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))]
            : [];

    /// <summary>The page's text.</summary>
    public static string Render(SweepTable table, string name, int replications, SloTargets slo, string currency, IReadOnlyList<(string Name, string Svg)> charts)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(slo);
        CultureInfo c = CultureInfo.InvariantCulture;
        using var w = new StringWriter(c) { NewLine = "\n" };
        HtmlReport.BeginPage(w, $"{name} — LookoutSim sweep", $"lookoutsim {ToolInfo.Version}");
        w.WriteLine("<header>");
        w.WriteLine($"<h1>Sweep: {E(name)}</h1>");
        string slos = slo.Any ? "; SLOs: " + string.Join(", ", slo.Checks().Select(k => PlanReport.SloText(k.Measure, k.Target))) + ", met when the 95% confidence bound is on the right side" : "";
        w.WriteLine($"<p class=\"subtitle\">{table.Rows.Count.ToString(c)} points × {replications.ToString(c)} replications{E(slos)}</p>");
        SweepTableRow? best = SweepVerdicts.CheapestFeasible(table, slo);
        if (!slo.Any)
        {
            w.WriteLine("<p class=\"verdict none\" id=\"cheapest\">No SLO set: no point is judged</p>");
        }
        else if (best is null)
        {
            w.WriteLine("<p class=\"verdict missed\" id=\"cheapest\">No point meets every SLO</p>");
        }
        else
        {
            w.WriteLine($"<p class=\"verdict met\" id=\"cheapest\">Cheapest point meeting every SLO: {E(Describe(table, best))}, cost {E(Number(best.Metric("cost")?.Mean))} {E(currency)}</p>");
        }

        w.WriteLine("</header>");
        w.WriteLine("<section id=\"points\">");
        w.WriteLine("<h2>Points</h2>");
        w.WriteLine("<table>");
        var head = new StringBuilder("<thead><tr><th>point</th>");
        foreach (string f in table.Fields)
        {
            head.Append("<th class=\"mono\">").Append(E(f)).Append("</th>");
        }

        head.Append("<th>cost (").Append(E(currency)).Append(")</th>");
        foreach ((string sloName, _, _, _) in slo.Checks())
        {
            head.Append("<th>").Append(E(sloName)).Append(": mean, 95% bound</th>");
        }

        w.WriteLine(head.Append(slo.Any ? "<th>verdict</th>" : "").Append("</tr></thead>").ToString());
        w.WriteLine("<tbody>");
        foreach (SweepTableRow row in table.Rows)
        {
            IReadOnlyList<PointVerdict> verdicts = SweepVerdicts.Of(row, slo);
            bool feasible = verdicts.Count > 0 && verdicts.All(v => v.Met);
            string cls = ReferenceEquals(row, best) ? "cheapest" : !slo.Any ? "" : feasible ? "met" : "missed";
            var tr = new StringBuilder($"<tr class=\"{cls}\" id=\"point-{E(row.Point.Id)}\"><td class=\"mono\">{E(row.Point.Id)}</td>");
            foreach (string f in table.Fields)
            {
                tr.Append("<td>").Append(E(row.Field(f))).Append("</td>");
            }

            MetricSummary? cost = row.Metric("cost");
            tr.Append("<td class=\"num\">").Append(E(Number(cost?.Mean))).Append("</td>");
            foreach (PointVerdict v in verdicts)
            {
                string unit = MeasureNames.UnitOf(v.Measure);
                string mark = v.Met ? "<span class=\"badge met\">met</span>" : "<span class=\"badge missed\">missed</span>";
                tr.Append("<td class=\"num\">").Append(E($"{DisplayText.Value(v.Mean, unit)}; bound {DisplayText.Value(v.Bound, unit)} (target {(v.Upper ? "≤" : "≥")} {DisplayText.Value(v.Target, unit)})"))
                  .Append(' ').Append(mark).Append("</td>");
            }

            if (slo.Any)
            {
                tr.Append(feasible ? "<td><span class=\"badge met\">meets every SLO</span></td>" : "<td><span class=\"badge missed\">fails</span></td>");
            }

            w.WriteLine(tr.Append("</tr>").ToString());
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
        PlanReport.WriteCharts(w, charts);
        HtmlReport.EndPage(w, $"Written by lookoutsim {ToolInfo.Version}. Figures are means over each point's replications; an SLO is met when its 95% confidence bound is on the right side of the target.");
        return w.ToString();
    }

    /// <summary>A point as its id and swept values (the columns of <c>sweep.csv</c>, so a merged table reads the same): <c>p03 (deployment.min_units=2)</c>.</summary>
    public static string Describe(SweepTable table, SweepTableRow row)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(row);
        return table.Fields.Count == 0 ? row.Point.Id : $"{row.Point.Id} ({string.Join(' ', table.Fields.Select(f => f + "=" + row.Field(f)))})";
    }

    private static string Number(double? v) => v is double d && double.IsFinite(d) ? d.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string E(string? text) => HtmlReport.E(text);
}
