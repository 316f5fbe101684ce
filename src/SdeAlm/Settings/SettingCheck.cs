using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>What checking a settings set against one plugin at one scope found, and the keys as the catalog spells them.</summary>
internal sealed class SettingCheck
{
    private readonly IReadOnlyDictionary<string, AlmPluginField> _fields;

    internal SettingCheck(string? pluginId, IReadOnlyList<AlmPluginSettingProblem> problems, OrderedDictionary setting, IReadOnlyDictionary<string, AlmPluginField> fields)
    {
        PluginId = pluginId;
        Problems = problems;
        Setting = setting;
        _fields = fields;
    }

    public string? PluginId { get; }

    /// <summary>Errors and warnings, in the order of the plugin's fields, then the keys that are no field.</summary>
    public IReadOnlyList<AlmPluginSettingProblem> Problems { get; }

    /// <summary>
    /// The settings given, in their order and with their values, each key spelt as the catalog spells
    /// the field (keys that are no field as given): what would be sent to the server.
    /// </summary>
    public OrderedDictionary Setting { get; }

    /// <summary>True when no problem is an error.</summary>
    public bool IsValid => Problems.All(problem => problem.Severity != AlmPluginSettingSeverity.Error);

    public AlmPluginSettingTestResult ToTestResult() => new(PluginId, [.. Problems]);

    /// <summary>The plugin's field a key names, in any case; null for a key that is no field.</summary>
    public AlmPluginField? Field(string key) => _fields.TryGetValue(key, out var field) ? field : null;

    /// <summary>
    /// <see cref="Setting"/> with each value as the API takes it (<see cref="SettingValue.ForApi"/>): the
    /// body of a write. It holds secrets in clear text: serialize it and let it go.
    /// </summary>
    public OrderedDictionary ToApiValues()
    {
        var values = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Setting)
        {
            var key = (string)entry.Key;
            values[key] = SettingValue.ForApi(Field(key), entry.Value);
        }

        return values;
    }
}
