using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>
/// Reads text properties that some servers send as numbers or booleans (an option value of 7 instead
/// of "7"), keeping their JSON text so that they compare as strings.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan.ToArray()),
            _ => throw new JsonException($"Expected a JSON string but found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("SdeAlm only reads plugin definitions.");
}
