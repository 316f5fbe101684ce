using System.Collections.Generic;

namespace SdeAlm.Model;

/// <summary>A group of fields on a plugin's configuration form.</summary>
public sealed class AlmPluginSection
{
    internal AlmPluginSection(string? pluginId = null, string? label = null, bool optional = false, IList<AlmPluginField>? fields = null)
    {
        PluginId = pluginId;
        Label = label;
        Optional = optional;
        Fields = ReadOnlyJoinedList<AlmPluginField>.Of(fields);
    }

    /// <summary>The id of the plugin this section belongs to.</summary>
    public string? PluginId { get; }

    /// <summary>The section's heading; null for the unlabelled first section.</summary>
    public string? Label { get; }

    public bool Optional { get; }

    public ReadOnlyJoinedList<AlmPluginField> Fields { get; }

    public override string ToString() => Label ?? string.Empty;
}
