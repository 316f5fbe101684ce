using System.Collections.Specialized;
using System.Diagnostics.CodeAnalysis;

namespace SdeAlm.Settings;

/// <summary>
/// The settings of one ALM plugin, as New-SdeAlmPluginSetting makes them: an ordered dictionary with
/// case-insensitive keys (usable wherever an [ordered] one is) that also says, outside its keys, which
/// plugin and scope it was made for.
/// </summary>
[SuppressMessage("Design", "CA1010", Justification = "It is an OrderedDictionary on purpose, so that PowerShell treats it as [ordered] everywhere.")]
public sealed class AlmPluginSetting : OrderedDictionary
{
    internal AlmPluginSetting(string? pluginId, string? scope)
        : base(SettingKeys.Comparer)
    {
        PluginId = pluginId;
        Scope = scope;
    }

    /// <summary>The id of the plugin whose fields the keys are.</summary>
    public string? PluginId { get; }

    /// <summary>"system" or "project" when the template holds one scope's fields; null for all of them.</summary>
    public string? Scope { get; }

    public override string ToString() => PluginId ?? string.Empty;
}
