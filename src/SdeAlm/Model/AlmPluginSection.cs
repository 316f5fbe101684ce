using System.Text.Json.Serialization;
using SdeAlm.Json;

namespace SdeAlm.Model;

/// <summary>A group of fields on a plugin's configuration form.</summary>
public sealed class AlmPluginSection
{
    /// <summary>The id of the plugin this section belongs to.</summary>
    [JsonIgnore]
    public string? PluginId { get; set; }

    /// <summary>The section's heading; null for the unlabelled first section.</summary>
    [JsonPropertyName("label")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Label { get; set; }

    [JsonPropertyName("optional")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Optional { get; set; }

    [JsonPropertyName("fields")]
    public AlmPluginField[] Fields { get; set; } = [];

    public override string ToString() => Label ?? string.Empty;

    internal void Normalize(string? pluginId)
    {
        PluginId = pluginId;
        Fields = ArrayCleaner.WithoutNulls(Fields);
        foreach (var field in Fields)
        {
            field.Normalize(pluginId, Label);
        }
    }
}
