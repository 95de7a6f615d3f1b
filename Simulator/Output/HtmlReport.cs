using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// <c>report.html</c>: one self-contained page that needs no network — SLO verdicts, the measures
/// with their confidence intervals, the charts (SVG as <c>data:</c> images), the preset notes, the
/// resolved scenario and provenance. Every value that comes from the scenario is HTML-escaped, and
/// a Content-Security-Policy forbids any fetch and any script but the page's own (pinned by hash),
/// so even a hostile scenario name cannot run code.
/// </summary>
/// <remarks>The page's one small script counts the charts that decoded and records it on
/// <c>&lt;body data-charts-loaded="N"&gt;</c> (the browser test reads it).</remarks>
public static class HtmlReport
{
    private const string Script =
        "window.addEventListener('load',function(){var n=0;document.querySelectorAll('img.chart').forEach(function(i){if(i.complete&&i.naturalWidth>0){n++;}});document.body.setAttribute('data-charts-loaded',String(n));});";

    private const string Css = """
        :root { --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #b42318; --bad-bg: #fee4e2; --muted: #57606a; --line: #d0d7de; }
        * { box-sizing: border-box; }
        body { font-family: -apple-system, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
               margin: 0 auto; max-width: 1200px; padding: 24px 32px 64px; color: #1f2328; line-height: 1.45; }
        h1 { font-size: 30px; margin: 8px 0 4px; word-break: break-word; }
        h2 { font-size: 22px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
        .subtitle { color: var(--muted); margin: 0 0 16px; }
        .answer { font-size: 19px; font-weight: 600; margin: 4px 0 8px; }
        .description { margin: 0 0 8px; white-space: pre-line; }
        .failures { margin: 12px 0 0; }
        .verdict { display: inline-block; font-weight: 600; font-size: 18px; padding: 8px 16px; border-radius: 6px; }
        .met { color: var(--ok); background: var(--ok-bg); }
        .missed { color: var(--bad); background: var(--bad-bg); }
        .none { color: var(--muted); background: #f6f8fa; }
        table { border-collapse: collapse; width: 100%; font-size: 15px; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f6f8fa; font-weight: 600; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 14px; }
        figure { margin: 0 0 28px; }
        figure img { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
        figcaption { color: var(--muted); font-size: 14px; margin-top: 4px; }
        pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto; font-size: 13px; }
        code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 13px; word-break: break-all; }
        ul.notes li { margin-bottom: 4px; }
        footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
        tr.cheapest td { background: var(--ok-bg); font-weight: 600; }
        """;

    /// <summary>Writes the report to <paramref name="path"/>.</summary>
    public static void Write(RunResult result, IReadOnlyList<Chart> charts, DateTimeOffset date, string path, string? section = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.NewLine = "\n";
        Write(result, charts, date, writer, section);
    }

    /// <summary>The report as a string.</summary>
    public static string Render(RunResult result, IReadOnlyList<Chart> charts, DateTimeOffset date)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(result, charts, date, writer);
        return writer.ToString();
    }

    /// <summary>Writes the report to a text writer.</summary>
    /// <param name="result">The run.</param>
    /// <param name="charts">Its charts.</param>
    /// <param name="date">The date shown in the provenance.</param>
    /// <param name="w">Where the page goes.</param>
    /// <param name="section">An HTML section shown after the SLO verdicts (e.g. a backtest's), or null.</param>
    public static void Write(RunResult result, IReadOnlyList<Chart> charts, DateTimeOffset date, TextWriter w, string? section = null)
    {
        BeginPage(w, $"{result.Scenario} — LookoutSim report", $"{result.Tool} {result.Version}");

        WriteHeader(result, w);
        WriteSlo(result, w);
        if (section is not null)
        {
            w.WriteLine(section);
        }

        WriteOutages(result, w);
        WriteMeasures(result, w);
        WriteCharts(charts, w);
        WriteNotes(result, w);
        WriteAssumptions(result, w);
        WriteScenario(result, w);
        WriteProvenance(result, date, w);

        EndPage(w, $"Written by {result.Tool} {result.Version}. Figures are means over {result.Replications.Count} replication(s) with 95% Student-t confidence intervals.");
    }

    /// <summary>
    /// The page shell every LookoutSim page shares (<c>report.html</c>, <c>plan.html</c>, <c>sweep.html</c>):
    /// doctype, the Content-Security-Policy, <paramref name="title"/> (escaped), the style sheet, and the opening body.
    /// </summary>
    internal static void BeginPage(TextWriter w, string title, string generator)
    {
        string scriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\">");
        w.WriteLine("<head>");
        w.WriteLine("<meta charset=\"utf-8\">");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine($"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{scriptHash}'\">");
        w.WriteLine($"<meta name=\"generator\" content=\"{E(generator)}\">");
        w.WriteLine($"<title>{E(title)}</title>");
        w.WriteLine("<style>");
        w.WriteLine(Css);
        w.WriteLine("</style>");
        w.WriteLine("</head>");
        w.WriteLine("<body>");
    }

    /// <summary>Closes a page begun by <see cref="BeginPage"/>: the footer (<paramref name="footer"/>, escaped) and the chart-counting script.</summary>
    internal static void EndPage(TextWriter w, string footer)
    {
        w.WriteLine($"<footer>{E(footer)}</footer>");
        w.WriteLine($"<script>{Script}</script>");
        w.WriteLine("</body>");
        w.WriteLine("</html>");
        w.Flush();
    }

    /// <summary>One chart as a figure: the SVG as a <c>data:</c> image (counted by the page's script) and a caption naming its files.</summary>
    internal static void Figure(TextWriter w, string name, string title, string svg, string files, int width, int height)
    {
        string data = Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
        w.WriteLine($"<figure id=\"chart-{E(name)}\">");
        w.WriteLine($"<img class=\"chart\" width=\"{width.ToString(CultureInfo.InvariantCulture)}\" height=\"{height.ToString(CultureInfo.InvariantCulture)}\" alt=\"{E(title)}\" src=\"data:image/svg+xml;base64,{data}\">");
        w.WriteLine($"<figcaption>{E(title)} ({files})</figcaption>");
        w.WriteLine("</figure>");
    }

    private static void WriteHeader(RunResult result, TextWriter w)
    {
        w.WriteLine("<header>");
        w.WriteLine($"<h1>{E(result.Scenario)}</h1>");
        w.WriteLine($"<p class=\"answer\" id=\"answer\">{E(AnswerLine(result))}</p>");
        if (result.Description.Length > 0)
        {
            w.WriteLine($"<p class=\"description\" id=\"description\">{E(result.Description)}</p>");
        }

        w.WriteLine($"<p class=\"subtitle\">{result.Replications.Count} replication(s) of {E(DisplayText.Duration(result.HorizonS))}, seed {result.Seed.ToString(CultureInfo.InvariantCulture)}</p>");
        if (result.Slo.Count == 0)
        {
            w.WriteLine("<p class=\"verdict none\" id=\"verdict\">No SLO set</p>");
        }
        else if (result.SloMet)
        {
            w.WriteLine($"<p class=\"verdict met\" id=\"verdict\">All {result.Slo.Count} SLOs met</p>");
        }
        else
        {
            int missed = result.Slo.Count(s => !s.Met);
            w.WriteLine($"<p class=\"verdict missed\" id=\"verdict\">{missed} of {result.Slo.Count} SLOs missed</p>");
        }

        w.WriteLine($"<p class=\"failures\" id=\"failures\">{E(FailuresLine(result))}</p>");
        w.WriteLine("</header>");
    }

    /// <summary>
    /// The answer in one line: the deployment, the mean cost over the horizon and per day and per 30
    /// days (× 1 d ÷ horizon, as <c>plan</c> gives it), and each SLO's verdict.
    /// </summary>
    internal static string AnswerLine(RunResult result)
    {
        var parts = new List<string>();
        if (result.Deployment.Length > 0)
        {
            parts.Add(result.Deployment);
        }

        double cost = result.Metrics.FirstOrDefault(m => m.Name == Measure.Cost.Name)?.Mean ?? double.NaN;
        if (double.IsFinite(cost) && result.HorizonS > 0)
        {
            double perDay = cost * 86400 / result.HorizonS;
            double days = result.HorizonS / 86400;
            string horizon = days >= 1 && days == Math.Floor(days) ? DisplayText.Plain(days) + " d" : DisplayText.Plain(result.HorizonS / 3600) + " h";
            parts.Add($"{Money(cost, result.Currency)} over {horizon} = {Money(perDay, result.Currency)} per day, {Money(30 * perDay, result.Currency)} per 30 days");
        }

        parts.Add(result.Slo.Count == 0
            ? "no SLO set"
            : "SLOs: " + string.Join(", ", result.Slo.Select(s => $"{DisplayText.SloTarget(s)} {(s.Met ? "met" : "MISSED")}")));
        return string.Join(" · ", parts);
    }

    /// <summary>When requests failed: none, or how many, in how many hours, and the worst hour in clock time.</summary>
    internal static string FailuresLine(RunResult result)
    {
        if (FailureHours.Find(result) is not FailureHours f)
        {
            return "Failed requests: none in any replication.";
        }

        CultureInfo ci = CultureInfo.InvariantCulture;
        string share = f.Ended > 0 ? $", {DisplayText.Plain(100.0 * f.Failed / f.Ended)}% of the requests that ended in it" : "";
        return string.Create(ci, $"Failed requests: {f.TotalFailed:N0} over {result.Replications.Count} replication(s), in {f.HoursWithFailures} of {f.Hours} hours; ")
            + string.Create(ci, $"the worst hour was {f.When(result)} with {f.Failed:N0}{share}.");
    }

    /// <summary>An amount: whole with separators from 1,000 (<c>11,278 USD</c>), else to the cent (<c>58.71 USD</c>).</summary>
    private static string Money(double v, string currency) =>
        (Math.Abs(v) >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture)) + " " + currency;

    private static void WriteSlo(RunResult result, TextWriter w)
    {
        if (result.Slo.Count == 0)
        {
            return;
        }

        w.WriteLine("<section id=\"slo\">");
        w.WriteLine("<h2>Service-level objectives</h2>");
        w.WriteLine("<table>");
        w.WriteLine("<thead><tr><th>SLO</th><th>mean</th><th>95% CI</th><th>judged on (rule, value, margin)</th><th>replications meeting it</th><th>verdict</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (SloVerdict slo in result.Slo)
        {
            MetricSummary? m = DisplayText.SloMeasure(slo) is { } name ? result.Metrics.FirstOrDefault(x => x.Name == name) : null;
            string mean = m is null ? "n/a" : $"{DisplayText.MeanOf(m)} {DisplayText.Unit(m.Unit, result.Currency)}";
            string ci = m is null ? "n/a" : DisplayText.Interval(m);
            string badge = slo.Met ? "<span class=\"badge met\">met</span>" : "<span class=\"badge missed\">missed</span>";
            w.WriteLine(
                $"<tr class=\"{(slo.Met ? "met" : "missed")}\"><td>{E(DisplayText.SloTarget(slo))}</td><td class=\"num\">{E(mean)}</td><td class=\"num\">{E(ci)}</td><td>{E(DisplayText.SloJudgement(slo))}</td>" +
                $"<td class=\"num\">{slo.MetReplications} of {result.Replications.Count}</td><td>{badge}</td></tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    private static void WriteOutages(RunResult result, TextWriter w)
    {
        if (DisplayText.DuringOutages(result) is not { } line)
        {
            return;
        }

        w.WriteLine("<section id=\"outages\">");
        w.WriteLine("<h2>During outages</h2>");
        w.WriteLine($"<p>{E(line)}. The <span class=\"mono\">outage_*</span> measures below are over these requests only; the others over the whole run.</p>");
        w.WriteLine("</section>");
    }

    private static void WriteMeasures(RunResult result, TextWriter w)
    {
        w.WriteLine("<section id=\"measures\">");
        w.WriteLine("<h2>Measures</h2>");
        w.WriteLine("<table>");
        w.WriteLine("<thead><tr><th>measure</th><th>unit</th><th>mean</th><th>95% CI</th><th>min</th><th>max</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (MetricSummary m in result.Metrics)
        {
            (string mean, string interval, string min, string max) = DisplayText.Row(m);
            w.WriteLine(
                $"<tr><td class=\"mono\">{E(m.Name)}</td><td>{E(DisplayText.Unit(m.Unit, result.Currency))}</td>" +
                $"<td class=\"num\">{E(mean)}</td><td class=\"num\">{E(interval)}</td>" +
                $"<td class=\"num\">{E(min)}</td><td class=\"num\">{E(max)}</td></tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    private static void WriteCharts(IReadOnlyList<Chart> charts, TextWriter w)
    {
        if (charts.Count == 0)
        {
            return;
        }

        w.WriteLine("<section id=\"charts\">");
        w.WriteLine("<h2>Charts</h2>");
        foreach (Chart chart in charts)
        {
            WriteFigure(chart, w);
        }

        w.WriteLine("</section>");
    }

    /// <summary>One chart as a figure (its SVG inline), as the report shows every chart.</summary>
    internal static void WriteFigure(Chart chart, TextWriter w) =>
        Figure(w, chart.Name, chart.Title, chart.Svg, $"<code>plots/{E(chart.Name)}.png</code>, <code>.svg</code>", Charts.Width, Charts.Height);

    /// <summary>HTML-encodes <paramref name="text"/>.</summary>
    internal static string Encode(string? text) => E(text);

    private static void WriteNotes(RunResult result, TextWriter w)
    {
        if (result.PresetNotes.Count == 0)
        {
            return;
        }

        w.WriteLine("<section id=\"notes\">");
        w.WriteLine("<h2>Preset notes</h2>");
        w.WriteLine("<ul class=\"notes\">");
        foreach (string note in result.PresetNotes)
        {
            w.WriteLine($"<li>{E(note)}</li>");
        }

        w.WriteLine("</ul>");
        w.WriteLine("</section>");
    }

    private static void WriteAssumptions(RunResult result, TextWriter w)
    {
        if (result.Assumptions.Count == 0)
        {
            return;
        }

        w.WriteLine("<section id=\"assumptions\">");
        w.WriteLine("<h2>Assumptions these results rest on</h2>");
        w.WriteLine("<p>The scenario declares these fields uncertain; the results are for the nominal values (<code>plan --robust</code> plans across the ranges).</p>");
        w.WriteLine("<ul class=\"notes\">");
        foreach (string line in result.Assumptions)
        {
            w.WriteLine($"<li>{E(line)}</li>");
        }

        w.WriteLine("</ul>");
        w.WriteLine("</section>");
    }

    private static void WriteScenario(RunResult result, TextWriter w)
    {
        w.WriteLine("<section id=\"scenario\">");
        w.WriteLine("<h2>Resolved scenario</h2>");
        w.WriteLine($"<pre>{E(result.ResolvedScenarioYaml)}</pre>");
        w.WriteLine("</section>");
    }

    private static void WriteProvenance(RunResult result, DateTimeOffset date, TextWriter w)
    {
        w.WriteLine("<section id=\"provenance\">");
        w.WriteLine("<h2>Provenance</h2>");
        w.WriteLine("<table>");
        (string, string)[] rows =
        [
            ("tool", $"{result.Tool} {result.Version}"),
            ("scenario", result.Scenario),
            ("scenario SHA-256", result.ScenarioSha256),
            ("seed", result.Seed.ToString(CultureInfo.InvariantCulture)),
            ("replications", result.Replications.Count.ToString(CultureInfo.InvariantCulture)),
            ("horizon", DisplayText.Duration(result.HorizonS)),
            ("warm-up", DisplayText.Duration(result.WarmupS)),
            ("time-series interval", DisplayText.Duration(result.IntervalS)),
            ("zones", string.Join(", ", result.Zones)),
            ("currency", result.Currency),
            ("written", date.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
        ];
        w.WriteLine("<tbody>");
        foreach ((string key, string value) in rows)
        {
            w.WriteLine($"<tr><th>{E(key)}</th><td class=\"mono\">{E(value)}</td></tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    /// <summary>HTML-escaped text.</summary>
    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
