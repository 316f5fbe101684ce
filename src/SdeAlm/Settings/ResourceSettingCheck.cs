using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>
/// The check New-/Set- run before a write: the settings against one plugin's fields for one scope
/// (system for a connector, project for an ALM connection), with the keys spelt as the catalog spells them.
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

    /// <summary>Spells and, unless <paramref name="validate"/> is false, checks <paramref name="settings"/>.</summary>
    public static ResourceSettingCheck Run(AlmPlugin? plugin, IDictionary settings, string scope, bool validate)
    {
        var spelled = Spell(plugin, settings);
        var problems = validate && plugin is not null
            ? SettingValidator.Validate(plugin, spelled, scope).Problems
            : [];
        return new ResourceSettingCheck(spelled, problems);
    }

    private static OrderedDictionary Spell(AlmPlugin? plugin, IDictionary settings)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in plugin?.Sections.SelectMany(section => section.Fields) ?? [])
        {
            if (!string.IsNullOrEmpty(field.Name) && !names.ContainsKey(field.Name!))
            {
                names.Add(field.Name!, field.Name!);
            }
        }

        var spelled = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in settings)
        {
            var key = SettingValue.AsText(entry.Key) ?? string.Empty;
            spelled[names.TryGetValue(key, out var name) ? name : key] = SettingValue.Unwrap(entry.Value);
        }

        return spelled;
    }
}
