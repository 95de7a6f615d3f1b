using System.Text;
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
    /// <summary>Writes the summary of <paramref name="result"/> to <paramref name="stream"/> (UTF-8, no BOM).</summary>
    public static void Write(RunResult result, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, JsonOutput.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("tool", result.Tool);
            json.WriteString("version", result.Version);
            json.WriteString("scenario", result.Scenario);
            json.WriteString("scenario_sha256", result.ScenarioSha256);
            json.WriteNumber("seed", result.Seed);
            json.WriteNumber("replications", result.Replications.Count);
            json.WriteFiniteOrNull("horizon_s", result.HorizonS);
            json.WriteFiniteOrNull("warmup_s", result.WarmupS);

            json.WriteStartObject("metrics");
            foreach (MetricSummary m in result.Metrics)
            {
                json.WriteStartObject(m.Name);
                json.WriteString("unit", m.Unit);
                json.WriteFiniteOrNull("mean", m.Mean);
                json.WriteFiniteOrNull("ci95_low", m.Ci95Low);
                json.WriteFiniteOrNull("ci95_high", m.Ci95High);
                json.WriteFiniteOrNull("min", m.Min);
                json.WriteFiniteOrNull("max", m.Max);
                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WriteStartObject("slo");
            foreach (SloVerdict s in result.Slo)
            {
                json.WriteStartObject(s.Name);
                json.WriteFiniteOrNull("target", s.Target);
                json.WriteNumber("met_replications", s.MetReplications);
                json.WriteBoolean("met", s.Met);
                json.WriteString("rule", s.Rule);
                json.WriteFiniteOrNull("mean", s.Mean);
                json.WriteFiniteOrNull("judged", s.Bound);
                json.WriteFiniteOrNull("margin", s.Margin);
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
}
