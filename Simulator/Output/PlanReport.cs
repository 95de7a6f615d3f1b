using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>What a plan's page needs besides the outcome.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Currency">Currency of costs.</param>
/// <param name="Applied">The answer made applicable (<c>plan.yaml</c>, the <c>--set</c> line), or null when there is none.</param>
public sealed record PlanPage(string Name, string Currency, AppliedPlan? Applied)
{
    /// <summary>The scenario's declared uncertainty: the assumptions the answer rests on. Empty: none declared.</summary>
    public LookoutSim.Scenarios.UncertaintySpec Uncertainty { get; init; } = LookoutSim.Scenarios.UncertaintySpec.Empty;

    /// <summary>With <c>plan --robust</c>: the nominal and the robust plan (the page's outcome is the robust one); else null.</summary>
    public RobustPlanOutcome? Robust { get; init; }
}

/// <summary>
/// <c>plan.html</c>: the answer in one line with its cost per day and per 30 days, how to apply it,
/// every candidate (cheapest first) with the SLOs each failed and by how much, and the plan folder's
/// charts. The page shell, style and safety (escaping, Content-Security-Policy) are <see cref="HtmlReport"/>'s.
/// </summary>
public static class PlanReport
{
    /// <summary>The page's text.</summary>
    public static string Render(PlanOutcome outcome, PlanPage page, IReadOnlyList<(string Name, string Svg)> charts)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(charts);
        CultureInfo c = CultureInfo.InvariantCulture;
        PlanRequest r = outcome.Request;
        using var w = new StringWriter(c) { NewLine = "\n" };
        HtmlReport.BeginPage(w, $"{page.Name} — LookoutSim plan", $"lookoutsim {ToolInfo.Version}");
        w.WriteLine("<header>");
        w.WriteLine($"<h1>Plan: {E(page.Name)}</h1>");
        string slos = string.Join(", ", r.Slo.Checks().Select(k => SloText(k.Measure, k.Target)));
        string zones = r.ZoneLoss ? $", also with each zone ({string.Join(", ", r.Zones)}) lost for 1h at the busiest hour" : "";
        w.WriteLine($"<p class=\"subtitle\">Cheapest deployment with {E(slos)} at 95% confidence{E(zones)}; costs over a horizon of {E(DisplayText.Duration(r.HorizonS))}.</p>");
        if (outcome.Answer is PlanCandidate a)
        {
            w.WriteLine($"<p class=\"verdict met\" id=\"answer\">{E(a.Describe())}: {E(Money(a.Cost.Mean, page.Currency))} over the horizon, {E(Money(r.CostPerDay(a.Cost.Mean), page.Currency))} per day, {E(Money(r.CostPer30Days(a.Cost.Mean), page.Currency))} per 30 days</p>");
        }
        else
        {
            string why = outcome.Why ?? "every candidate misses an SLO (see the table)";
            w.WriteLine($"<p class=\"verdict missed\" id=\"answer\">No deployment up to {outcome.Candidates.Max(k => k.MaxUnits).ToString(c)} units meets the SLOs: {E(why)}</p>");
        }

        w.WriteLine("</header>");
        if (page.Robust is { } robust)
        {
            WriteRobust(w, robust, page.Currency);
        }

        WriteAssumptions(w, page);
        WriteApply(w, outcome, page);
        WriteCandidates(w, outcome, page.Currency);
        WriteCharts(w, charts);
        HtmlReport.EndPage(w, $"Written by lookoutsim {ToolInfo.Version}. Costs are means over each candidate's replications; an SLO is met when its 95% confidence bound is on the right side of the target.");
        return w.ToString();
    }

    private static void WriteRobust(TextWriter w, RobustPlanOutcome robust, string currency)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        RobustRequest rr = robust.Request;
        w.WriteLine("<section id=\"robust\">");
        w.WriteLine("<h2>Nominal and robust plan</h2>");
        w.WriteLine(string.Create(c, $"<p>The robust plan's candidates must also meet the SLOs at {E(rr.ShareText)} ({rr.Required} of {rr.Points.Count}) of a Latin-hypercube sample of the uncertainty below, every point on the same random streams (common random numbers). The answer above is the robust one.</p>"));
        string Dep(PlanOutcome p) => p.Answer?.Describe() ?? "none meets the SLOs";
        string Per30(PlanOutcome p) => p.Answer is { } a ? Money(p.Request.CostPer30Days(a.Cost.Mean), currency) : "n/a";
        string Per1000(PlanOutcome p) => p.Answer?.CostPer1000Images is { } m ? Money(m.Mean, currency) : "n/a";
        w.WriteLine("<table>");
        w.WriteLine("<thead><tr><th></th><th>nominal plan</th><th>robust plan</th></tr></thead>");
        w.WriteLine("<tbody>");
        w.WriteLine($"<tr><td>deployment</td><td>{E(Dep(robust.Nominal))}</td><td>{E(Dep(robust.Robust))}</td></tr>");
        w.WriteLine($"<tr><td>cost per 30 days</td><td class=\"num\">{E(Per30(robust.Nominal))}</td><td class=\"num\">{E(Per30(robust.Robust))}</td></tr>");
        w.WriteLine($"<tr><td>cost per 1000 images</td><td class=\"num\">{E(Per1000(robust.Nominal))}</td><td class=\"num\">{E(Per1000(robust.Robust))}</td></tr>");
        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        if (robust.Nominal.Answer is not null && robust.Robust.Answer is not null)
        {
            w.WriteLine(robust.Differs
                ? $"<p id=\"robust-cost\">Robustness costs {E(Money(robust.ExtraPer30Days, currency))} per 30 days and {E(Money(robust.ExtraPer1000Images, currency))} per 1000 images.</p>"
                : "<p id=\"robust-cost\">Robustness costs nothing: the nominal answer holds across the sample.</p>");
        }

        if (robust.Cause is { } cause)
        {
            w.WriteLine($"<p id=\"forced-by\">Forced by: {E(cause.Describe())}. <span class=\"subtitle\">Rule: {E(cause.Rule)}.</span></p>");
        }

        w.WriteLine("<details><summary>The sample's points</summary>");
        w.WriteLine("<table>");
        w.WriteLine($"<thead><tr><th>point</th>{string.Concat(robust.Spec.Fields.Select(f => $"<th>{E(f.Path)}</th>"))}</tr></thead>");
        w.WriteLine("<tbody>");
        foreach (UncertaintyPoint p in rr.Points)
        {
            w.WriteLine($"<tr><td>{E(UncertaintySample.Label(p))}</td>{string.Concat(p.Values.Select(v => $"<td>{E(v.Value)}</td>"))}</tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</details>");
        w.WriteLine("</section>");
    }

    private static void WriteAssumptions(TextWriter w, PlanPage page)
    {
        if (page.Uncertainty.IsEmpty)
        {
            return;
        }

        w.WriteLine("<section id=\"assumptions\">");
        w.WriteLine("<h2>Assumptions the answer rests on</h2>");
        w.WriteLine(page.Robust is null
            ? "<p>The answer holds for the nominal values; the scenario declares these fields uncertain (<code>plan --robust</code> plans for the ranges).</p>"
            : "<p>The robust answer holds across these ranges (in the share of the sample above); the nominal answer for the nominal values.</p>");
        w.WriteLine("<table>");
        w.WriteLine("<thead><tr><th>field</th><th>nominal</th><th>range</th><th>source</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (LookoutSim.Scenarios.UncertainField f in page.Uncertainty.Fields)
        {
            w.WriteLine($"<tr><td><code>{E(f.Path)}</code></td><td>{E(f.Nominal)}</td><td>{E(f.Declared)}</td><td>{E(f.Source)}</td></tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    private static void WriteApply(TextWriter w, PlanOutcome outcome, PlanPage page)
    {
        w.WriteLine("<section id=\"apply\">");
        w.WriteLine("<h2>Apply it</h2>");
        if (outcome.Answer is null)
        {
            w.WriteLine("<p>No <code>plan.yaml</code>: no candidate meets the SLOs.</p>");
        }
        else if (page.Applied is not AppliedPlan applied)
        {
            w.WriteLine("<p>No <code>plan.yaml</code>: this plan was not made from a scenario file.</p>");
        }
        else
        {
            w.WriteLine(applied.Yaml is null
                ? $"<p>No <code>plan.yaml</code>: {E(applied.Why)}.</p>"
                : "<p><code>plan.yaml</code> in this folder is the scenario with the answer filled in (its values marked <code>from: plan</code>). Or apply the answer to the scenario file:</p>");
            w.WriteLine($"<pre id=\"set-line\">{E(applied.Command)}</pre>");
        }

        w.WriteLine("</section>");
    }

    private static void WriteCandidates(TextWriter w, PlanOutcome outcome, string currency)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        PlanRequest r = outcome.Request;
        w.WriteLine("<section id=\"candidates\">");
        w.WriteLine("<h2>Candidates, cheapest first</h2>");
        w.WriteLine("<table>");
        w.WriteLine($"<thead><tr><th>#</th><th>deployment</th><th>role</th><th>cost ({E(currency)})</th><th>per day</th><th>per 30 days</th><th>replications</th><th>verdict</th><th>why it fails</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (PlanCandidate k in outcome.Candidates.OrderBy(k => k.Cost.Mean).ThenBy(k => k.Number))
        {
            string role = SweepPlanFolder.Role(outcome, k);
            string verdict = k.Feasible ? "<span class=\"badge met\">meets the SLOs</span>" : "<span class=\"badge missed\">fails</span>";
            string why = string.Join("; ", k.Checks.Where(x => x.Status != PlanStatus.Met).Select(x => x.Describe()));
            w.WriteLine(
                $"<tr class=\"{(k.Feasible ? "met" : "missed")}\" id=\"candidate-{k.Number.ToString(c)}\"><td class=\"num\">{k.Number.ToString(c)}</td><td>{E(k.Describe())}</td><td>{E(role.Replace('_', ' '))}</td>" +
                $"<td class=\"num\">{E(Number(k.Cost.Mean))}</td><td class=\"num\">{E(Number(r.CostPerDay(k.Cost.Mean)))}</td><td class=\"num\">{E(Number(r.CostPer30Days(k.Cost.Mean)))}</td>" +
                $"<td class=\"num\">{k.Replications.ToString(c)}</td><td>{verdict}</td><td>{E(why)}</td></tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    /// <summary>The charts section, as <see cref="SweepReport"/> writes it.</summary>
    internal static void WriteCharts(TextWriter w, IReadOnlyList<(string Name, string Svg)> charts)
    {
        if (charts.Count == 0)
        {
            return;
        }

        w.WriteLine("<section id=\"charts\">");
        w.WriteLine("<h2>Charts</h2>");
        foreach ((string name, string svg) in charts)
        {
            HtmlReport.Figure(w, name, name.Replace('_', ' '), svg, $"<code>plots/{E(name)}.png</code>, <code>.svg</code>", SweepCharts.Width, SweepCharts.Height);
        }

        w.WriteLine("</section>");
    }

    /// <summary>An SLO as a phrase: <c>p99 latency ≤ 1.5 s</c>, <c>failed ≤ 0.1%</c>, <c>availability ≥ 99.9%</c>.</summary>
    internal static string SloText(string measure, double target) => measure switch
    {
        "latency_p99_s" => string.Create(CultureInfo.InvariantCulture, $"p99 latency ≤ {target:0.###} s"),
        "failed_rate" => string.Create(CultureInfo.InvariantCulture, $"failed ≤ {target * 100:0.####}%"),
        _ => string.Create(CultureInfo.InvariantCulture, $"availability ≥ {target * 100:0.####}%"),
    };

    private static string Money(double v, string currency) => Number(v) + " " + currency;

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string E(string? text) => HtmlReport.E(text);
}
