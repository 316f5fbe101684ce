using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SdeAlm.Model;

/// <summary>One line of JSON for the plain values a default holds, readable (no escaped non-ASCII) in a CSV cell.</summary>
internal static class CompactJson
{
    // Values read from the server are at most 64 deep; a dictionary a script made to contain itself stops here.
    private const int MaximumDepth = 64;

    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static string Write(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            WriteValue(writer, value, 0);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long whole:
                writer.WriteNumberValue(whole);
                break;
            case double real when !double.IsNaN(real) && !double.IsInfinity(real):
                writer.WriteNumberValue(real);
                break;
            case IDictionary properties when depth < MaximumDepth:
                writer.WriteStartObject();
                foreach (DictionaryEntry property in properties)
                {
                    writer.WritePropertyName(Convert.ToString(property.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteValue(writer, property.Value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items when depth < MaximumDepth:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case IEnumerable:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
