using System.Globalization;
using System.Text;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using ScottPlot;

namespace LookoutSim.Output;

/// <summary>
/// The plan folder: <c>plan.csv</c> (every candidate evaluated, with its role, cost, confidence
/// bounds over the whole horizon and, with <c>--zone-loss</c>, the worst over the zone-loss cases'
/// windows, why it failed, and the cost per day and per 30 days; text cells through <see cref="CsvCells"/>),
/// <c>plots/plan.png</c> / <c>plots/plan.svg</c> (cost of each candidate, cheapest first, pass or fail),
/// <c>plan.yaml</c> (the scenario with the answer filled in, when there is one), <c>plan.html</c>
/// (<see cref="PlanReport"/>) and <c>plan.json</c> (<see cref="PlanFile"/>: what <c>plot</c> and <c>report</c>
/// redraw from), written through a temporary folder.
/// </summary>
public static class SweepPlanFolder
{
    /// <summary>The header of <c>plan.csv</c>.</summary>
    public const string Header =
        "candidate,role,min_units,max_units,target,start_lead_s,replications,cost_mean,cost_ci95_low,cost_ci95_high,feasible," +
        "latency_p99_s_upper,failed_rate_upper,availability_lower," +
        "zone_loss_latency_p99_s_upper,zone_loss_failed_rate_upper,zone_loss_availability_lower,failed_slo,failed_case,excess,reason" +
        CostColumns;

    /// <summary>The columns appended for the cost as a rate: the mean cost per day and per 30 days (<see cref="PlanRequest.CostPerDay"/>).</summary>
    private const string CostColumns = ",cost_per_day,cost_per_30_days" + RobustColumns;

    /// <summary>
    /// The columns appended for uncertainty: which search the row belongs to (<c>nominal</c>, or
    /// <c>robust</c> with <c>plan --robust</c>), the uncertainty points checked and held (robust rows),
    /// the points required, the cost per 1000 images and, on each answer's row, the assumptions it
    /// rests on (<see cref="PlanAssumptions"/>).
    /// </summary>
    private const string RobustColumns = ",search,uncertainty_points_checked,uncertainty_points_met,uncertainty_points_required,cost_per_1000_images,assumptions";

    /// <summary>The file the answer is written to: the scenario with it filled in.</summary>
    public const string PlanYamlFile = "plan.yaml";

    /// <summary>The plan's report page.</summary>
    public const string PageFile = "plan.html";

    /// <summary>Writes the folder at <paramref name="target"/>.</summary>
    /// <exception cref="SweepFolderExistsException">When it exists and <paramref name="force"/> is false.</exception>
    public static void Write(PlanOutcome outcome, string target, bool force, string currency) =>
        Write(outcome, target, force, currency, []);

    /// <summary>Writes the folder at <paramref name="target"/>; with <paramref name="force"/>, never over a folder holding one of <paramref name="inputs"/>.</summary>
    /// <exception cref="SweepFolderExistsException">When it exists and <paramref name="force"/> is false.</exception>
    /// <exception cref="OutputException">When it exists and may not be replaced, or cannot be written.</exception>
    public static void Write(PlanOutcome outcome, string target, bool force, string currency, IReadOnlyList<string> inputs) =>
        Write(outcome, target, force, inputs, new PlanPage("plan", currency, null));

    /// <summary>
    /// Writes the folder at <paramref name="target"/>: <c>plan.csv</c>, <c>plots/</c>, <c>plan.html</c> and, when
    /// <paramref name="page"/> carries one, <c>plan.yaml</c>; with <paramref name="force"/>, never over a folder holding one of <paramref name="inputs"/>.
    /// </summary>
    /// <exception cref="SweepFolderExistsException">When it exists and <paramref name="force"/> is false.</exception>
    /// <exception cref="OutputException">When it exists and may not be replaced, or cannot be written.</exception>
    public static void Write(PlanOutcome outcome, string target, bool force, IReadOnlyList<string> inputs, PlanPage page)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(page);
        using var staging = SweepStaging.Begin(target, force, "plan", inputs, ResultsFolder.Deepest);
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(staging.Path, "plan.csv"), Csv(outcome, page), utf8);
        string plots = Directory.CreateDirectory(Path.Combine(staging.Path, "plots")).FullName;
        Chart(outcome, plots, page.Currency);
        if (outcome.Answer is not null && page.Applied?.Yaml is string yaml)
        {
            File.WriteAllText(Path.Combine(staging.Path, PlanYamlFile), yaml, utf8);
        }

        File.WriteAllText(Path.Combine(staging.Path, PageFile), PlanReport.Render(outcome, page, SweepReport.ChartsIn(plots)), utf8);
        File.WriteAllText(Path.Combine(staging.Path, PlanFile.FileName), PlanFile.Render(outcome, page), utf8);
        staging.Commit();
    }

    /// <summary>The role of a candidate: <c>answer</c>, <c>runner_up</c>, <c>naive</c>, <c>feasible</c> or <c>failed</c>.</summary>
    public static string Role(PlanOutcome outcome, PlanCandidate c)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return ReferenceEquals(c, outcome.Answer) ? "answer"
            : outcome.RunnersUp.Contains(c) ? "runner_up"
            : ReferenceEquals(c, outcome.Naive) ? "naive"
            : c.Feasible ? "feasible"
            : "failed";
    }

    /// <summary>
    /// The deciding confidence bound of a measure (<c>latency_p99_s</c>, <c>failed_rate</c>, <c>availability</c>)
    /// for a candidate: of the base case over the whole horizon, or with <paramref name="zoneLoss"/> the worst
    /// over the zone-loss cases, each over its loss and recovery window. NaN when not checked.
    /// </summary>
    public static double Bound(PlanCandidate c, string measure, bool zoneLoss)
    {
        ArgumentNullException.ThrowIfNull(c);
        double[] b = [.. c.Checks.Where(k => k.Measure == measure && (k.Case != "base") == zoneLoss).Select(k => k.Bound)];
        return b.Length == 0 ? double.NaN : measure == "availability" ? b.Min() : b.Max();
    }

    /// <summary>The text of <c>plan.csv</c>: one row per candidate in evaluation order.</summary>
    public static string Csv(PlanOutcome outcome) => Csv(outcome, null);

    /// <summary>
    /// The text of <c>plan.csv</c>: one row per candidate in evaluation order; with a robust plan on
    /// <paramref name="page"/>, the nominal search's rows, then the robust search's.
    /// </summary>
    public static string Csv(PlanOutcome outcome, PlanPage? page)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var sb = new StringBuilder(Header).Append('\n');
        LookoutSim.Scenarios.UncertaintySpec spec = page?.Uncertainty ?? LookoutSim.Scenarios.UncertaintySpec.Empty;
        if (page?.Robust is { } robust)
        {
            Rows(sb, robust.Nominal, "nominal", PlanAssumptions.Text(spec, robust: false));
            Rows(sb, robust.Robust, "robust", PlanAssumptions.Text(robust.Spec, robust: true));
        }
        else
        {
            Rows(sb, outcome, "nominal", PlanAssumptions.Text(spec, robust: false));
        }

        return sb.ToString();
    }

    private static void Rows(StringBuilder sb, PlanOutcome outcome, string search, string assumptions)
    {
        CultureInfo ci = CultureInfo.InvariantCulture;
        foreach (PlanCandidate c in outcome.Candidates)
        {
            PlanCheck? w = c.WorstFailure;
            string reason = w?.Describe() ?? "";
            sb.Append(ci, $"{c.Number},{Role(outcome, c)},{c.MinUnits},{c.MaxUnits},{CsvCells.Field(c.Target)},{c.StartLeadS:R},{c.Replications},")
              .Append(ci, $"{c.Cost.Mean:R},{c.Cost.Ci95Low:R},{c.Cost.Ci95High:R},{(c.Feasible ? "true" : "false")},")
              .Append(ci, $"{Bound(c, Measure.LatencyP99S.Name, false):R},{Bound(c, Measure.FailedRate.Name, false):R},{Bound(c, Measure.Availability.Name, false):R},")
              .Append(ci, $"{Bound(c, Measure.LatencyP99S.Name, true):R},{Bound(c, Measure.FailedRate.Name, true):R},{Bound(c, Measure.Availability.Name, true):R},")
              .Append(ci, $"{CsvCells.Field(w?.Slo)},{CsvCells.Field(w?.Case)},{(w is null ? "" : w.Excess.ToString("R", ci))},")
              .Append(CsvCells.Field(reason))
              .Append(ci, $",{outcome.Request.CostPerDay(c.Cost.Mean):R},{outcome.Request.CostPer30Days(c.Cost.Mean):R}")
              .Append(ci, $",{search},{(c.RobustRequired > 0 ? c.RobustPoints.Count.ToString(ci) : "")},{(c.RobustRequired > 0 ? c.RobustPoints.Count(p => p.Met).ToString(ci) : "")},{(c.RobustRequired > 0 ? c.RobustRequired.ToString(ci) : "")}")
              .Append(ci, $",{(c.CostPer1000Images is { } p ? p.Mean.ToString("R", ci) : "")},")
              .Append(CsvCells.Field(ReferenceEquals(c, outcome.Answer) ? assumptions : ""))
              .Append('\n');
        }
    }

    /// <summary>Draws <c>plan.png</c> and <c>plan.svg</c> into <paramref name="folder"/> (also what <c>plot</c> redraws).</summary>
    internal static void Chart(PlanOutcome outcome, string folder, string currency)
    {
        using Plot plot = ChartPlot(outcome, currency);
        SweepCharts.Save(plot, folder, "plan");
    }

    /// <summary>
    /// The plan chart: each candidate's cost as a horizontal bar, cheapest at the top, coloured by
    /// verdict, its note (answer, meets the SLOs, or the worst failure) right of its error bar, the
    /// legend below the chart (never over a bar), in the run charts' font and sizes.
    /// </summary>
    internal static Plot ChartPlot(PlanOutcome outcome, string currency)
    {
        CultureInfo ci = CultureInfo.InvariantCulture;
        var sorted = outcome.Candidates.OrderBy(c => c.Cost.Mean).ThenBy(c => c.Number).ToList();
        Plot plot = ChartFont.NewPlot();
        bool crowded = sorted.Count > 24;
        plot.Axes.Left.TickLabelStyle.FontSize = crowded ? 14 : Charts.TickSize;
        plot.Axes.Bottom.TickLabelStyle.FontSize = Charts.TickSize;

        // Horizontal bars, cheapest at the top: candidate labels stay readable however many there are.
        Color pass = Color.FromHex("#27ae60"), fail = Color.FromHex("#c0392b"), answer = Color.FromHex("#1f5fa8");
        var bars = new List<Bar>();
        double top = sorted.Count - 1;
        double maxCost = sorted.Select(c => Math.Max(c.Cost.Mean, c.Cost.Ci95High)).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        for (int i = 0; i < sorted.Count; i++)
        {
            PlanCandidate c = sorted[i];
            double error = double.IsFinite(c.Cost.Ci95High - c.Cost.Mean) ? c.Cost.Ci95High - c.Cost.Mean : 0;
            bars.Add(new Bar
            {
                Position = top - i,
                Value = c.Cost.Mean,
                Error = error,
                FillColor = ReferenceEquals(c, outcome.Answer) ? answer : c.Feasible ? pass : fail,
                Size = 0.7,
            });
            string note = ReferenceEquals(c, outcome.Answer) ? "answer"
                : c.Feasible ? "meets the SLOs"
                : (c.WorstFailure is PlanCheck w ? Short(w) : "fails");
            // Right of the error bar's end, so that the note never crosses the bar or its whisker.
            var text = plot.Add.Text(note, c.Cost.Mean + error + (maxCost * 0.01), top - i);
            text.LabelFontSize = crowded ? 13 : 18;
            text.LabelAlignment = Alignment.MiddleLeft;
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        string[] labels = [.. sorted.Select(c =>
            string.Create(ci, $"min {c.MinUnits}, max {c.MaxUnits}") + (c.Target is null ? "" : " @ " + c.Target)
            + (ReferenceEquals(c, outcome.Naive) ? " (naive)" : ""))];
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, sorted.Count).Select(i => top - i)], labels);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.6 };

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "cheapest meeting the SLOs", FillColor = answer });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "meets the SLOs", FillColor = pass });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "fails an SLO (or too close to call)", FillColor = fail });

        // Below the chart, as on every run chart: outside the data area, so never over a bar.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontSize = Charts.LegendSize;
        string zone = (outcome.Request.ZoneLoss ? ", each zone lost in turn" : "")
            + (outcome.Request.Robust is { } robust ? string.Create(ci, $", robust at {robust.ShareText} of {robust.Points.Count} uncertainty points") : "");
        plot.Title($"Plan: cost of each candidate deployment{zone}", Charts.TitleSize);
        plot.XLabel($"cost ({currency}), bars: 95% CI", Charts.LabelSize);
        plot.YLabel("candidate, cheapest first", Charts.LabelSize);
        ChartFont.Apply(plot);
        plot.Axes.Margins(left: 0, right: 0.3, bottom: 0.02, top: 0.02);
        return plot;
    }

    private static string Short(PlanCheck w)
    {
        // Cases: base, zone_loss:Z, uncertainty #i, zone_loss:Z@uncertainty #i (robust plans).
        int at = w.Case.IndexOf('@', StringComparison.Ordinal);
        string zone = at < 0 ? w.Case : w.Case[..at];
        string point = at < 0 ? "" : ", " + w.Case[(at + 1)..];
        string where = w.Case == "base" ? ""
            : !w.Case.StartsWith("zone_loss:", StringComparison.Ordinal) ? " (" + w.Case + ")"
            : " (" + zone.Replace("zone_loss:", "zone ", StringComparison.Ordinal) + " lost" + point + ")";
        string how = w.Status == PlanStatus.TooClose ? "too close" : string.Create(CultureInfo.InvariantCulture, $"{w.Excess * 100:+0.#;-0.#}%");
        return $"{w.Slo}{where} {how}";
    }
}
