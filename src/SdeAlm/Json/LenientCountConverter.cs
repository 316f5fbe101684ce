using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>
/// Reads a list's <c>count</c>: a whole number from 0 up, or null for anything else (a server that
/// sends none, or something odd), so that a count only ever helps and never fails a read.
/// </summary>
internal sealed class LenientCountConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count) && count >= 0)
        {
            return count;
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("SdeAlm only reads lists.");
}
