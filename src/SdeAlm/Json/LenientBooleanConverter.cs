using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>Reads a flag that may be null (meaning false) instead of failing the whole answer.</summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool HandleNull => true;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False or JsonTokenType.Null => false,
            _ => throw new JsonException($"Expected true or false but found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) =>
        throw new NotSupportedException("SdeAlm only reads plugin definitions.");
}
