using System.Collections.Generic;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Filtering;

/// <summary>The conditions Get-SdeAlmPluginField applies to each field; all given ones must hold.</summary>
internal sealed class FieldFilter
{
    /// <summary>How the views show, and -Section names, the unlabeled first section of a form (whose Label stays null, as the API sends it).</summary>
    public const string UnlabeledSection = "(general)";

    private readonly WildcardFilter? _name;
    private readonly WildcardFilter? _section;
    private readonly WildcardFilter? _fieldType;
    private readonly string? _scope;
    private readonly bool _requiredOnly;

    public FieldFilter(string[]? name, string[]? section, string? scope, string[]? fieldType, bool requiredOnly)
    {
        _name = WildcardFilter.Create(name);
        _section = WildcardFilter.Create(section);
        _fieldType = WildcardFilter.Create(fieldType);
        _scope = scope;
        _requiredOnly = requiredOnly;
    }

    /// <summary>The matching fields of the given sections, in catalog order.</summary>
    public IEnumerable<AlmPluginField> Select(IEnumerable<AlmPluginSection> sections)
    {
        foreach (var section in sections)
        {
            if (!MatchesSection(section))
            {
                continue;
            }

            foreach (var field in section.Fields)
            {
                if (Matches(field))
                {
                    yield return field;
                }
            }
        }
    }

    /// <summary>
    /// True when the section's label matches, or the section has no label and "(general)", the name
    /// the views give it, matches.
    /// </summary>
    public bool MatchesSection(AlmPluginSection section) =>
        _section is null
        || _section.IsMatch(section.Label)
        || (string.IsNullOrEmpty(section.Label) && _section.IsMatch(UnlabeledSection));

    public bool Matches(AlmPluginField field) =>
        (!_requiredOnly || field.Required)
        && (_name is null || _name.IsMatch(field.Name))
        && (_fieldType is null || _fieldType.IsMatch(field.FieldType))
        && FieldScope.Matches(field, _scope);
}
