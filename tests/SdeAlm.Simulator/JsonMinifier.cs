using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SdeAlm.Simulator;

/// <summary>
/// Removes insignificant whitespace from a JSON document by copying each token's bytes
/// exactly as written. Unlike re-serializing with System.Text.Json, this keeps non-ASCII
/// text (accents, CJK, emoji) as raw UTF-8 instead of \u escapes, which is what the real
/// server sends and what the client's decoding must cope with.
/// </summary>
internal static class JsonMinifier
{
    /// <summary>
    /// Minifies <paramref name="json"/>, optionally appending ASCII suffixes to the string
    /// values of the root object's <c>id</c> and <c>name</c> properties.
    /// </summary>
    public static byte[] Minify(ReadOnlySpan<byte> json, string? idSuffix = null, string? nameSuffix = null)
    {
        byte[]? idBytes = SuffixBytes(idSuffix);
        byte[]? nameBytes = SuffixBytes(nameSuffix);

        var output = new ArrayBufferWriter<byte>(json.Length);
        var reader = new Utf8JsonReader(json);
        bool needComma = false;
        byte[]? pendingSuffix = null;

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    Separator(output, ref needComma);
                    Write(output, reader.TokenType == JsonTokenType.StartObject ? "{"u8 : "["u8);
                    needComma = false;
                    pendingSuffix = null;
                    break;

                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    Write(output, reader.TokenType == JsonTokenType.EndObject ? "}"u8 : "]"u8);
                    needComma = true;
                    break;

                case JsonTokenType.PropertyName:
                    Separator(output, ref needComma);
                    Write(output, "\""u8);
                    Write(output, reader.ValueSpan);
                    Write(output, "\":"u8);
                    needComma = false;
                    pendingSuffix = reader.CurrentDepth != 1 ? null
                        : reader.ValueTextEquals("id"u8) ? idBytes
                        : reader.ValueTextEquals("name"u8) ? nameBytes
                        : null;
                    break;

                case JsonTokenType.String:
                    // ValueSpan holds the string as written (escapes included), without quotes.
                    Separator(output, ref needComma);
                    Write(output, "\""u8);
                    Write(output, reader.ValueSpan);
                    if (pendingSuffix is not null)
                    {
                        Write(output, pendingSuffix);
                    }

                    Write(output, "\""u8);
                    needComma = true;
                    pendingSuffix = null;
                    break;

                default: // numbers, true, false, null
                    Separator(output, ref needComma);
                    Write(output, reader.ValueSpan);
                    needComma = true;
                    pendingSuffix = null;
                    break;
            }
        }

        return output.WrittenSpan.ToArray();
    }

    private static byte[]? SuffixBytes(string? suffix)
    {
        if (suffix is null)
        {
            return null;
        }

        // Suffixes are spliced into JSON strings verbatim, so they must need no escaping.
        foreach (char c in suffix)
        {
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\')
            {
                throw new ArgumentException($"Suffix must be printable ASCII without quotes: {suffix}", nameof(suffix));
            }
        }

        return Encoding.ASCII.GetBytes(suffix);
    }

    private static void Separator(ArrayBufferWriter<byte> output, ref bool needComma)
    {
        if (needComma)
        {
            Write(output, ","u8);
        }
    }

    private static void Write(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
