using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>
/// Reads an ISO 8601 time such as <c>2026-11-30T02:00:04.800Z</c>; a time without an offset is UTC, as
/// Django sends it. Null, or text that is not a time, reads as null instead of failing the whole answer.
/// </summary>
internal sealed class LenientTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        return DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("SdeAlm only reads jobs.");
}
