using System.Text.Json;

namespace LookoutSim.Output;

/// <summary>JSON has no NaN or infinity: such a value is written as <c>null</c>.</summary>
internal static class JsonNumbers
{
    /// <summary>Writes <paramref name="value"/> as a number, or <c>null</c> when it is not finite.</summary>
    public static void WriteFiniteOrNull(this Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
