using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

/// <summary>
/// A plugin of the list exactly as the API sent it, unread: what Export-SdeAlmPluginCatalog writes to
/// a catalog file, so that the file holds the server's JSON rather than SdeAlm's idea of it.
/// </summary>
[JsonConverter(typeof(RawPluginConverter))]
internal sealed class RawPluginWire
{
    public RawPluginWire(JsonElement json)
    {
        Json = json;
    }

    /// <summary>The plugin's JSON, detached from the answer it was read from.</summary>
    public JsonElement Json { get; }
}

/// <summary>Keeps a list item as its JSON; a null item stays null, as in every other list.</summary>
internal sealed class RawPluginConverter : JsonConverter<RawPluginWire>
{
    public override RawPluginWire Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawPluginWire(document.RootElement.Clone());
    }

    public override void Write(Utf8JsonWriter writer, RawPluginWire value, JsonSerializerOptions options) => value.Json.WriteTo(writer);
}
