using System.Text.Json.Serialization;
using SdeAlm.Json;

namespace SdeAlm.Model;

/// <summary>An ALM integration plugin as SD Elements describes it.</summary>
public sealed class AlmPlugin
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Name { get; set; }

    [JsonPropertyName("short_name")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? ShortName { get; set; }

    [JsonPropertyName("command")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Command { get; set; }

    [JsonPropertyName("sections")]
    public AlmPluginSection[] Sections { get; set; } = [];

    public override string ToString() => Id ?? string.Empty;

    /// <summary>
    /// Drops null entries the server may send and tells every section and field which plugin and
    /// section it belongs to, so that fields make sense on their own in a pipeline.
    /// </summary>
    internal AlmPlugin Normalize()
    {
        Sections = ArrayCleaner.WithoutNulls(Sections);
        foreach (var section in Sections)
        {
            section.Normalize(Id);
        }

        return this;
    }
}
