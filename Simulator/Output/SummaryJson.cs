using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// <c>summary.json</c> and the <c>--json</c> summary on stdout (the same document): run metadata,
/// every measure across replications and the SLO verdicts, in the outputs spec's shape.
/// </summary>
/// <remarks>Keys in a fixed order, two-space indentation, <c>\n</c> line ends, numbers in their
/// shortest round-trip form; NaN and infinities are written as <c>null</c>.</remarks>
public static class SummaryJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the summary of <paramref name="result"/> to <paramref name="stream"/> (UTF-8, no BOM).</summary>
    public static void Write(RunResult result, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("tool", result.Tool);
            json.WriteString("version", result.Version);
            json.WriteString("scenario", result.Scenario);
            json.WriteString("scenario_sha256", result.ScenarioSha256);
            json.WriteNumber("seed", result.Seed);
            json.WriteNumber("replications", result.Replications.Count);
            WriteNumber(json, "horizon_s", result.HorizonS);
            WriteNumber(json, "warmup_s", result.WarmupS);

            json.WriteStartObject("metrics");
            foreach (MetricSummary m in result.Metrics)
            {
                json.WriteStartObject(m.Name);
                json.WriteString("unit", m.Unit);
                WriteNumber(json, "mean", m.Mean);
                WriteNumber(json, "ci95_low", m.Ci95Low);
                WriteNumber(json, "ci95_high", m.Ci95High);
                WriteNumber(json, "min", m.Min);
                WriteNumber(json, "max", m.Max);
                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WriteStartObject("slo");
            foreach (SloVerdict s in result.Slo)
            {
                json.WriteStartObject(s.Name);
                WriteNumber(json, "target", s.Target);
                json.WriteNumber("met_replications", s.MetReplications);
                json.WriteBoolean("met", s.Met);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes the summary to a text writer (e.g. stdout for <c>--json</c>).</summary>
    public static void Write(RunResult result, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        Write(result, buffer);
        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Flush();
    }

    /// <summary>The summary as a string.</summary>
    public static string ToJson(RunResult result)
    {
        using var writer = new StringWriter();
        Write(result, writer);
        return writer.ToString();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value == 0 ? 0 : value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
