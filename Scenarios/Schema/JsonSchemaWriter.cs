using System.Text;
using System.Text.Json;

namespace LookoutSim.Scenarios.Schema;

/// <summary>Writes <see cref="ScenarioSchema"/> as a JSON Schema (draft 2020-12).</summary>
internal static class JsonSchemaWriter
{
    public const string DurationPattern = @"^(([0-9]+(\.[0-9]+)?\s*(ms|min|s|m|h|d|w)\s*)+|[Pp][0-9A-Za-z.]+)$";
    public const string RangePattern = @"^[0-9A-Za-z.\s]+(\.\.[0-9A-Za-z.\s]+)?$";
    public const string RatePattern = @"^\s*[0-9]+(\.[0-9]+)?\s*/\s*(s|sec|second|min|minute|h|hour|d|day)\s*$";
    public const string SizePattern = @"^\s*[0-9]+(\.[0-9]+)?\s*(B|kB|KB|MB|GB|KiB|MiB|GiB)\s*$";
    public const string PercentPattern = @"^\s*[0-9]+(\.[0-9]+)?\s*%\s*$";

    public static string Write()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            w.WriteString("$id", "https://lookoutsim.dev/scenario.schema.json");
            w.WriteString("title", "LookoutSim scenario");
            WriteBody(w, ScenarioSchema.Root, null);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteNode(Utf8JsonWriter w, SchemaNode node, string? def)
    {
        w.WriteStartObject();
        WriteBody(w, node, def);
        w.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter w, SchemaNode node, string? def)
    {
        if (node.Description.Length > 0)
        {
            w.WriteString("description", node.Description);
        }

        switch (node.Kind)
        {
            case ValueKind.Object:
                w.WriteString("type", "object");
                w.WriteStartObject("properties");
                foreach (SchemaField f in node.Fields)
                {
                    w.WritePropertyName(f.Key);
                    WriteNode(w, f.Node, f.Default);
                }

                w.WriteEndObject();
                w.WriteBoolean("additionalProperties", false);
                var required = node.Fields.Where(f => f.Required).Select(f => f.Key).ToList();
                if (required.Count > 0)
                {
                    w.WriteStartArray("required");
                    required.ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                }

                break;
            case ValueKind.List:
                w.WriteString("type", "array");
                w.WritePropertyName("items");
                WriteNode(w, node.Item!, null);
                if (node.MinItems is { } min)
                {
                    w.WriteNumber("minItems", min);
                }

                if (node.MaxItems is { } max)
                {
                    w.WriteNumber("maxItems", max);
                }

                break;
            case ValueKind.Union:
                w.WriteStartArray("anyOf");
                foreach (SchemaNode a in node.Alternatives)
                {
                    WriteNode(w, a, null);
                }

                w.WriteEndArray();
                break;
            case ValueKind.Sweep:
                w.WriteString("type", "object");
                w.WriteStartObject("properties");
                w.WritePropertyName("mode");
                WriteNode(w, node.Fields[0].Node, node.Fields[0].Default);
                w.WriteEndObject();
                w.WriteStartObject("additionalProperties");
                WriteScalarArray(w, minItems: 1);
                w.WriteEndObject();
                break;
            case ValueKind.Uncertainty:
                w.WriteStartArray("anyOf");
                w.WriteStartObject();
                w.WriteString("const", "none");
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("type", "object");
                w.WriteStartObject("additionalProperties");
                w.WriteStartArray("anyOf");
                w.WriteStartObject();
                w.WriteString("type", "string");
                w.WriteString("description", "A range low..high (40ms..60ms, 60%..80%) or ±share of the value (±20%).");
                w.WriteEndObject();
                w.WriteStartObject();
                WriteScalarArray(w, minItems: 2);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                break;
            case ValueKind.Integer:
                w.WriteString("type", "integer");
                Bounds(w, node);
                break;
            case ValueKind.Number:
                w.WriteString("type", "number");
                Bounds(w, node);
                break;
            case ValueKind.Money:
                w.WriteString("type", "number");
                w.WriteNumber("minimum", 0);
                w.WriteNumber("maximum", ScenarioLimits.MaxMoney);
                break;
            case ValueKind.Bool:
                w.WriteString("type", "boolean");
                break;
            case ValueKind.Share:
                w.WriteStartArray("type");
                w.WriteStringValue("number");
                w.WriteStringValue("string");
                w.WriteEndArray();
                w.WriteNumber("minimum", 0);
                w.WriteNumber("maximum", 1);
                w.WriteString("pattern", PercentPattern);
                break;
            case ValueKind.Enum:
                w.WriteString("type", "string");
                w.WriteStartArray("enum");
                foreach (string v in node.EnumValues)
                {
                    w.WriteStringValue(v);
                }

                w.WriteEndArray();
                break;
            case ValueKind.QuotaTokens:
                w.WriteStartArray("anyOf");
                w.WriteStartObject();
                w.WriteString("type", "integer");
                w.WriteNumber("minimum", 0);
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("type", "string");
                w.WriteStartArray("enum");
                w.WriteStringValue("off");
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
                break;
            default:
                w.WriteString("type", "string");
                string? pattern = node.Kind switch
                {
                    ValueKind.Duration => DurationPattern,
                    ValueKind.DurationRange => RangePattern,
                    ValueKind.Rate => RatePattern,
                    ValueKind.Size => SizePattern,
                    _ => null,
                };
                if (pattern is not null)
                {
                    w.WriteString("pattern", pattern);
                }

                if (node.Kind == ValueKind.Timestamp)
                {
                    w.WriteString("format", "date-time");
                }

                if (node.Kind == ValueKind.String && node.TextRule != TextRule.FreeText)
                {
                    w.WriteNumber("maxLength", ScenarioLimits.MaxNameLength);
                }

                break;
        }

        if (def is not null && node.IsScalar)
        {
            switch (node.Kind)
            {
                case ValueKind.Integer or ValueKind.QuotaTokens when long.TryParse(def, System.Globalization.CultureInfo.InvariantCulture, out long l):
                    w.WriteNumber("default", l);
                    break;
                case ValueKind.Number or ValueKind.Money when decimal.TryParse(def, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out decimal d):
                    w.WriteNumber("default", d);
                    break;
                case ValueKind.Bool:
                    w.WriteBoolean("default", def == "true");
                    break;
                default:
                    w.WriteString("default", def.Trim('"'));
                    break;
            }
        }
    }

    private static void Bounds(Utf8JsonWriter w, SchemaNode node)
    {
        if (node.Min is { } min)
        {
            w.WriteNumber(node.MinExclusive ? "exclusiveMinimum" : "minimum", min);
        }

        if ((node.Max ?? (node.Kind == ValueKind.Number ? ScenarioLimits.MaxNumber : null)) is { } max)
        {
            w.WriteNumber("maximum", max);
        }
    }

    /// <summary>The body of an array schema whose items are scalars (text, numbers, true/false), at least <paramref name="minItems"/> of them.</summary>
    private static void WriteScalarArray(Utf8JsonWriter w, int minItems)
    {
        w.WriteString("type", "array");
        w.WriteNumber("minItems", minItems);
        w.WriteStartObject("items");
        w.WriteStartArray("type");
        foreach (string t in new[] { "string", "number", "boolean" })
        {
            w.WriteStringValue(t);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
