using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LookoutSim.Scenarios;

namespace LookoutSim.Output;

/// <summary>
/// The one JSON set-up of every file and stdout document LookoutSim writes (<c>summary.json</c>,
/// <c>shard.json</c>, the output manifest, <c>compare --json</c>, <c>calibrate --json</c>,
/// <c>plan --json</c>, <c>bench --json</c>): snake_case names, two-space indentation, <c>\n</c> line
/// ends, characters as they are (files and terminals, not HTML), numbers in their shortest
/// round-trip form, negative zero as <c>0</c>, and NaN and infinities as <c>null</c> (JSON has none).
/// </summary>
public static class JsonOutput
{
    /// <summary>For documents written key by key with a <see cref="Utf8JsonWriter"/>.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>For records and JSON nodes given to <see cref="JsonSerializer"/> (reading them back too: <c>null</c> reads as NaN).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new FiniteOrNull(), new EquatableArrays() },
    };

    /// <summary><paramref name="value"/> as indented JSON (no final line end).</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads <paramref name="json"/> written by <see cref="Serialize{T}"/>.</summary>
    /// <exception cref="JsonException">When it is not valid JSON of that shape.</exception>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Writes one document with <paramref name="write"/> and returns it as text (no final line end).</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes <paramref name="value"/> as a number (negative zero as <c>0</c>), or <c>null</c> when it is not finite.</summary>
    public static void WriteFiniteOrNull(this Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        WriteFiniteOrNullValue(json, value);
    }

    private static void WriteFiniteOrNullValue(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value == 0 ? 0 : value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    /// <summary>A double: finite as a number, otherwise null; null reads back as NaN.</summary>
    private sealed class FiniteOrNull : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
            WriteFiniteOrNullValue(writer, value);
    }

    /// <summary>An <see cref="EquatableArray{T}"/> as a JSON array, read back into one (scenario records in plan.json).</summary>
    private sealed class EquatableArrays : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableArray<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Of<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

        private sealed class Of<T> : JsonConverter<EquatableArray<T>>
        {
            public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                EquatableArray.From(JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? []);

            public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, (IEnumerable<T>)value, options);
        }
    }
}
