using System.Globalization;
using System.Text;
using System.Text.Json;
using LookoutSim.Experiments;

namespace LookoutSim.Output;

/// <summary>
/// Writes a <see cref="CalibrationResult"/>: the table, the warnings and the <c>service:</c> block
/// to paste into a scenario, or all of it as one JSON object.
/// </summary>
public static class CalibrationReportWriter
{
    private static readonly string[] Header = ["coefficient", "estimate", "std. error", ""];

    /// <summary>The <c>service:</c> YAML block, durations in ms with their unit (<c>base: 45.2ms</c>).</summary>
    public static string ServiceYaml(CalibrationResult r)
    {
        var sb = new StringBuilder();
        sb.Append("service:\n");
        foreach (CalibrationCoefficient c in r.Coefficients)
        {
            sb.Append("  ").Append(c.Name).Append(": ").Append(Ms(c.ValueMs)).Append("ms\n");
        }

        sb.Append("  distribution: ").Append(r.Distribution).Append('\n');
        if (r.Distribution != "deterministic")
        {
            sb.Append("  cv: ").Append(Cv(r.ServiceCv));
            if (r.Kind == MeasurementKind.Tps)
            {
                // TPS averages hide the spread of single calls: say where the number comes from.
                sb.Append(r.ServiceCv > r.ResidualCv || double.IsNaN(r.ResidualCv)
                    ? $"   # assumed: TPS measurements only bound cv from below ({Cv(r.ResidualCv)}); measure latency_ms to estimate it"
                    : "   # a lower bound: TPS measurements understate the spread of single calls; measure latency_ms to estimate it");
            }

            sb.Append('\n');
        }

        sb.Append("  concurrency: ").Append(r.Concurrency.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the human-readable report.</summary>
    /// <param name="r">The fit.</param>
    /// <param name="file">The measurements file, as named.</param>
    /// <param name="ignoredColumns">Columns of the file not used.</param>
    /// <param name="output">Where to (stdout).</param>
    public static void WriteText(CalibrationResult r, string file, IReadOnlyList<string> ignoredColumns, TextWriter output)
    {
        string what = r.Kind == MeasurementKind.LatencyMs
            ? "latency_ms (single requests on an idle unit: service time = latency)"
            : $"tps (one unit saturated: service time = concurrency / tps, concurrency {r.Concurrency.ToString(CultureInfo.InvariantCulture)})";
        output.WriteLine($"{file}: {Count(r.Points, "image")}, {what}");
        if (ignoredColumns.Count > 0)
        {
            output.WriteLine($"columns not used: {string.Join(", ", ignoredColumns)}");
        }

        output.WriteLine();
        var rows = new List<string[]> { Header };
        for (int j = 0; j < r.Coefficients.Count; j++)
        {
            CalibrationCoefficient c = r.Coefficients[j];
            rows.Add([
                c.Name,
                $"{Ms(c.ValueMs)} {Calibration.Units[j]}",
                c.Clamped ? "—" : double.IsNaN(c.StandardErrorMs) ? "n/a" : $"± {Ms(c.StandardErrorMs)} {Calibration.Units[j]}",
                c.Clamped ? "clamped at 0" : "",
            ]);
        }

        int[] width = Enumerable.Range(0, 4).Select(i => rows.Max(row => row[i].Length)).ToArray();
        foreach (string[] row in rows)
        {
            output.WriteLine($"{row[0].PadRight(width[0])}  {row[1].PadLeft(width[1])}  {row[2].PadRight(width[2])}  {row[3]}".TrimEnd());
        }

        output.WriteLine();
        output.WriteLine($"R² {Fixed(r.RSquared, "0.####")}, residual cv {Fixed(r.ResidualCv, "0.###")} → distribution {r.Distribution}"
            + $" ({Count(r.Points, "point")}, {Count(r.Coefficients.Count(c => !c.Clamped), "free coefficient")})");
        output.WriteLine($"megapixels–size_mb correlation {Fixed(r.Correlation, "0.###")}, condition number {Fixed(r.ConditionNumber, "0.#")}");
        if (r.Warnings.Count > 0)
        {
            output.WriteLine();
            foreach (string w in r.Warnings)
            {
                output.WriteLine($"warning: {w}");
            }
        }

        output.WriteLine();
        output.WriteLine("Paste into the scenario:");
        output.WriteLine();
        output.Write(ServiceYaml(r));
    }

    /// <summary>Writes the result as one JSON object (numbers in ms; NaN as null).</summary>
    public static void WriteJson(CalibrationResult r, string file, TextWriter output)
    {
        output.WriteLine(JsonOutput.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteString("measured", r.Kind == MeasurementKind.LatencyMs ? "latency_ms" : "tps");
            json.WriteNumber("concurrency", r.Concurrency);
            json.WriteNumber("points", r.Points);
            json.WriteStartObject("coefficients_ms");
            foreach (CalibrationCoefficient c in r.Coefficients)
            {
                json.WriteStartObject(c.Name);
                json.WriteFiniteOrNull("value", c.ValueMs);
                json.WriteFiniteOrNull("standard_error", c.StandardErrorMs);
                json.WriteBoolean("clamped", c.Clamped);
                json.WriteFiniteOrNull("unconstrained", c.UnconstrainedMs);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteFiniteOrNull("r_squared", r.RSquared);
            json.WriteFiniteOrNull("cv", r.ResidualCv);
            json.WriteFiniteOrNull("service_cv", r.ServiceCv);
            json.WriteString("distribution", r.Distribution);
            json.WriteFiniteOrNull("correlation_megapixels_size_mb", r.Correlation);
            json.WriteFiniteOrNull("condition_number", r.ConditionNumber);
            json.WriteStartArray("warnings");
            foreach (string w in r.Warnings)
            {
                json.WriteStringValue(w);
            }

            json.WriteEndArray();
            json.WriteString("service_yaml", ServiceYaml(r));
            json.WriteEndObject();
        }));
    }

    /// <summary>A millisecond value with 3 significant digits (at most 6 decimals), invariant culture.</summary>
    public static string Ms(double v)
    {
        if (double.IsNaN(v))
        {
            return "n/a";
        }

        if (v == 0)
        {
            return "0";
        }

        int decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 6);
        return Math.Round(v, decimals).ToString("0.######", CultureInfo.InvariantCulture);
    }

    private static string Cv(double cv) => double.IsNaN(cv) ? "0" : Math.Round(cv, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Fixed(double v, string format) =>
        double.IsNaN(v) ? "n/a" : double.IsPositiveInfinity(v) ? "∞" : v.ToString(format, CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

}
