using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>
/// Reads a JSON scalar as the plain .NET value PowerShell users expect (null, string, bool, long or
/// double) instead of a JsonElement; an array becomes object[] of such values.
/// </summary>
internal sealed class JsonScalarConverter : JsonConverter<object?>
{
    public override bool HandleNull => true;

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadValue(ref reader);

    private static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var whole) ? whole : (object)reader.GetDouble();
            case JsonTokenType.StartArray:
                var items = new System.Collections.Generic.List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return items.ToArray();
            default:
                throw new JsonException($"Expected a JSON scalar or array but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("SdeAlm only reads plugin definitions.");
}
