using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>
/// The named fields of a plugin by name, the first of each name, worked out once per plugin object: a
/// plan of 500 ALM connections checks the same plugin's fields a thousand times, and building the
/// index each time was most of what planning allocated.
/// </summary>
internal sealed class PluginFields
{
    private static readonly ConditionalWeakTable<AlmPlugin, PluginFields> s_known = new();

    private PluginFields(AlmPlugin plugin)
    {
        var byName = new Dictionary<string, AlmPluginField>(SettingKeys.Comparer);
        foreach (var field in plugin.Sections.SelectMany(section => section.Fields))
        {
            if (!string.IsNullOrEmpty(field.Name) && !byName.ContainsKey(field.Name!))
            {
                byName.Add(field.Name!, field);
            }
        }

        ByName = byName;
    }

    /// <summary>The fields by name, compared as setting keys are (<see cref="SettingKeys.Comparer"/>); its values in catalog order.</summary>
    public IReadOnlyDictionary<string, AlmPluginField> ByName { get; }

    /// <summary>The fields of <paramref name="plugin"/>; plugin objects are read-only, so what is worked out once holds.</summary>
    public static PluginFields Of(AlmPlugin plugin) => s_known.GetValue(plugin, key => new PluginFields(key));
}
