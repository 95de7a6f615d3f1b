using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using LookoutSim.Experiments.Observed;

namespace LookoutSim.Output;

/// <summary>What a backtest adds to its results folder: <c>backtest.csv</c>, <c>backtest.json</c> and the report's section.</summary>
/// <param name="Rows">Every series, every period.</param>
/// <param name="Scores">The error figures per series.</param>
/// <param name="Tolerance">The largest share of periods outside the band a series may have under <c>--check</c>.</param>
/// <param name="ObservedFolder">The observed folder, as given.</param>
/// <param name="ObservedStart">The observed window's first period.</param>
/// <param name="PeriodS">The observed period, seconds.</param>
/// <param name="WindowS">The observed window, seconds.</param>
public sealed record BacktestOutcome(
    IReadOnlyList<BacktestRow> Rows,
    IReadOnlyList<BacktestScore> Scores,
    double Tolerance,
    string ObservedFolder,
    DateTimeOffset ObservedStart,
    double PeriodS,
    double WindowS)
{
    /// <summary>Whether series <paramref name="s"/> misses: more than <see cref="Tolerance"/> of its compared periods outside the band.</summary>
    public bool Misses(BacktestScore s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Periods > 0 && 1 - s.InsideShare > Tolerance + 1e-12;
    }
}

/// <summary>Writes the files of a backtest (see <see cref="BacktestOutcome"/>).</summary>
public static class BacktestFiles
{
    /// <summary><c>backtest.csv</c>.</summary>
    public const string CsvFile = "backtest.csv";

    /// <summary><c>backtest.json</c>.</summary>
    public const string JsonFile = "backtest.json";

    /// <summary>Header of <c>backtest.csv</c>: one row per series and period.</summary>
    public static readonly string[] Header = ["time_s", "series", "observed", "sim_mean", "sim_low", "sim_high"];

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <c>backtest.csv</c> and <c>backtest.json</c> into <paramref name="dir"/>; returns their names.</summary>
    public static IReadOnlyList<string> Write(BacktestOutcome outcome, string dir)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using (CsvWriter csv = ResultsCsv.Open(Path.Combine(dir, CsvFile), Header))
        {
            foreach (BacktestRow r in outcome.Rows)
            {
                csv.WriteField(NumberText.Format(r.TimeS));
                CsvCells.Write(csv, r.Series);
                csv.WriteField(NumberText.Format(r.Observed));
                csv.WriteField(NumberText.Format(r.SimMean));
                csv.WriteField(NumberText.Format(r.SimLow));
                csv.WriteField(NumberText.Format(r.SimHigh));
                csv.EndRecord();
            }
        }

        using (var stream = new FileStream(Path.Combine(dir, JsonFile), FileMode.CreateNew, FileAccess.Write))
        {
            WriteJson(outcome, stream);
        }

        return [CsvFile, JsonFile];
    }

    /// <summary>
    /// <c>backtest.json</c>: the observed window, the tolerance, and per series its unit, the periods
    /// compared, <c>mae</c>, <c>bias</c> (simulated − observed), <c>inside_band</c> (share of compared
    /// periods inside the 95% band), the observed mean and whether it <c>missed</c>.
    /// </summary>
    public static void WriteJson(BacktestOutcome outcome, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteString("observed", outcome.ObservedFolder);
        json.WriteString("start", outcome.ObservedStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("period_s", outcome.PeriodS);
        json.WriteNumber("window_s", outcome.WindowS);
        json.WriteNumber("tolerance", outcome.Tolerance);
        json.WriteStartObject("series");
        foreach (BacktestScore s in outcome.Scores)
        {
            json.WriteStartObject(s.Series);
            json.WriteString("unit", s.Unit);
            json.WriteNumber("periods", s.Periods);
            json.WriteFiniteOrNull("mae", s.Mae);
            json.WriteFiniteOrNull("bias", s.Bias);
            json.WriteFiniteOrNull("inside_band", s.InsideShare);
            json.WriteFiniteOrNull("observed_mean", s.ObservedMean);
            json.WriteBoolean("missed", outcome.Misses(s));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>The report's backtest section: the table of error figures and the overlay charts.</summary>
    public static string ReportSection(BacktestOutcome outcome, IReadOnlyList<Chart> charts)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(charts);
        using var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        w.WriteLine("<section id=\"backtest\">");
        w.WriteLine("<h2>Backtest against observed metrics</h2>");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"<p class=\"subtitle\">Observed: <code>{HtmlReport.Encode(outcome.ObservedFolder)}</code>, {outcome.Rows.Select(r => r.TimeS).Distinct().Count()} periods of {outcome.PeriodS:0.###} s from {outcome.ObservedStart.UtcDateTime:yyyy-MM-dd HH:mm} UTC. The band is a 95% prediction interval over the replications; a series misses when more than {outcome.Tolerance:0.#%} of its periods lie outside it.</p>"));
        w.WriteLine("<table>");
        w.WriteLine("<tr><th>series</th><th>unit</th><th>periods</th><th>MAE</th><th>bias (sim − observed)</th><th>inside band</th><th>verdict</th></tr>");
        foreach (BacktestScore s in outcome.Scores)
        {
            string verdict = s.Periods == 0
                ? "<span class=\"badge none\">not observed</span>"
                : outcome.Misses(s) ? "<span class=\"badge missed\">missed</span>" : "<span class=\"badge met\">within</span>";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{HtmlReport.Encode(s.Series)}</td><td>{HtmlReport.Encode(s.Unit)}</td><td class=\"num\">{s.Periods}</td><td class=\"num\">{Number(s.Mae)}</td><td class=\"num\">{Number(s.Bias)}</td><td class=\"num\">{(double.IsFinite(s.InsideShare) ? s.InsideShare.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a")}</td><td>{verdict}</td></tr>"));
        }

        w.WriteLine("</table>");
        foreach (Chart chart in charts)
        {
            HtmlReport.WriteFigure(chart, w);
        }

        w.WriteLine("</section>");
        return w.ToString();
    }

    private static string Number(double v) => double.IsFinite(v) ? DisplayText.Plain(v) : "n/a";
}
