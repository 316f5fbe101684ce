using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>
/// The check New-/Set- run before a write: <see cref="SettingValidator.Check"/> against one plugin's
/// fields for one scope (system for a connector, project for an ALM connection), the keys spelt as the
/// catalog spells them, and the values turned into what the API takes.
/// </summary>
internal sealed class ResourceSettingCheck
{
    private ResourceSettingCheck(OrderedDictionary spelled, IReadOnlyList<AlmPluginSettingProblem> problems)
    {
        Spelled = spelled;
        Problems = problems;
    }

    /// <summary>The settings with every key the catalog knows spelt its way; unknown keys as given.</summary>
    public OrderedDictionary Spelled { get; }

    public IReadOnlyList<AlmPluginSettingProblem> Problems { get; }

    public IEnumerable<AlmPluginSettingProblem> Errors => Problems.Where(problem => problem.Severity == AlmPluginSettingSeverity.Error);

    public IEnumerable<AlmPluginSettingProblem> Warnings => Problems.Where(problem => problem.Severity == AlmPluginSettingSeverity.Warning);

    /// <summary>
    /// Spells and, unless <paramref name="validate"/> is false, checks <paramref name="settings"/>.
    /// Without a plugin (not in the server's catalog) the settings stay as given.
    /// </summary>
    public static ResourceSettingCheck Run(AlmPlugin? plugin, IDictionary settings, string scope, bool validate)
    {
        if (plugin is null)
        {
            var given = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in settings)
            {
                given[SettingValue.AsText(entry.Key) ?? string.Empty] = SettingValue.Unwrap(entry.Value);
            }

            return new ResourceSettingCheck(given, []);
        }

        var check = SettingValidator.Check(plugin, settings, scope);
        return new ResourceSettingCheck(check.Setting, validate ? check.Problems : []);
    }

    /// <summary>
    /// Turns a setting into what the API takes for its field of <paramref name="plugin"/>
    /// (<see cref="SettingValue.ForApi"/>); keys that are no field go as given.
    /// </summary>
    public static Func<string, object?, object?> WireConverter(AlmPlugin? plugin)
    {
        var fields = new Dictionary<string, AlmPluginField>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in plugin?.Sections.SelectMany(section => section.Fields) ?? [])
        {
            if (!string.IsNullOrEmpty(field.Name) && !fields.ContainsKey(field.Name!))
            {
                fields.Add(field.Name!, field);
            }
        }

        return (key, value) => SettingValue.ForApi(fields.TryGetValue(key, out var field) ? field : null, value);
    }
}
