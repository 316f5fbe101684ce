using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SdeAlm.Json;

/// <summary>
/// The JSON of a catalog file: <c>{"results": [...]}</c>, the shape of an unpaginated plugin list, so
/// that the file reads like the API's answer. The plugins are written as the server sent them (every
/// property, in its order, numbers as sent), indented so that a change between two exports reads as a
/// diff, with non-ASCII text as UTF-8 rather than escapes.
/// </summary>
internal static class PluginCatalogDocument
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,

        // A file for people and diffs: "Architecture & Design", not "Architecture \u0026 Design".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly byte[] s_lineEnd = Encoding.UTF8.GetBytes(Environment.NewLine);

    /// <summary>The document of <paramref name="plugins"/>, as UTF-8 without a byte order mark, ending in a line break.</summary>
    public static byte[] Write(IEnumerable<JsonElement> plugins)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("results");
            foreach (var plugin in plugins)
            {
                plugin.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.Write(s_lineEnd, 0, s_lineEnd.Length);
        return stream.ToArray();
    }
}
