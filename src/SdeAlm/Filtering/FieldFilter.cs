using System.Collections.Generic;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Filtering;

/// <summary>
/// The conditions Get-SdeAlmPluginField applies to each field; all given ones must hold. Over the whole
/// input it remembers which literal names, sections and types found nothing (see <see cref="ItemFilter{T}"/>).
/// </summary>
internal sealed class FieldFilter
{
    /// <summary>How the views show, and -Section names, the unlabeled first section of a form (whose Label stays null, as the API sends it).</summary>
    public const string UnlabeledSection = "(general)";

    private readonly ItemFilter<AlmPluginField> _filter = new();

    public FieldFilter(string[]? name, string[]? section, string? scope, string[]? fieldType, bool requiredOnly)
    {
        // A field of the unlabeled section matches -Section '' (its label) and '(general)' (its name in the views).
        _filter
            .Where("Name", name, field => field.Name)
            .Where("Section", section, field => field.Section, field => string.IsNullOrEmpty(field.Section) ? UnlabeledSection : null)
            .Where("FieldType", fieldType, field => field.FieldType);
        if (scope is not null)
        {
            _filter.Where($"-Scope {scope}", field => FieldScope.Matches(field, scope));
        }

        if (requiredOnly)
        {
            _filter.Where("-Required", field => field.Required);
        }
    }

    /// <summary>The matching fields of the given sections, in catalog order.</summary>
    public IEnumerable<AlmPluginField> Select(IEnumerable<AlmPluginSection> sections)
    {
        foreach (var section in sections)
        {
            foreach (var field in section.Fields)
            {
                if (_filter.Keep(field))
                {
                    yield return field;
                }
            }
        }
    }

    public bool Matches(AlmPluginField field) => _filter.Keep(field);

    /// <summary>The literal values that found no field over the whole input (see <see cref="ItemFilter{T}.Misses"/>).</summary>
    public IReadOnlyList<FilterMiss> Misses(string noun) => _filter.Misses(noun);
}
