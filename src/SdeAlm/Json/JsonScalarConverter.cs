using System;
using System.Collections.Specialized;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>
/// Reads a JSON value as the plain .NET value PowerShell users expect (null, string, bool, long or
/// double) instead of a JsonElement; an array becomes object[] and an object (a future field type's
/// structured default) an ordered dictionary, like [ordered]@{}. The reader's depth limit bounds the recursion.
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
            case JsonTokenType.StartObject:
                var properties = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    properties[name] = ReadValue(ref reader);
                }

                return properties;
            default:
                throw new JsonException($"Expected a JSON scalar or array but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("SdeAlm only reads plugin definitions.");
}
