using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Filtering;
using SdeAlm.Model;

namespace SdeAlm.Completion;

/// <summary>
/// Completes Get-SdeAlmPluginField -Name with the names of the fields the command would return: those
/// of the plugins named by -PluginId (all plugins when none), within the -Section, -Scope, -FieldType
/// and -Required already on the line.
/// </summary>
public sealed class FieldNameCompleter : CatalogCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IEnumerable<AlmPlugin> plugins, string? wordToComplete, IDictionary? fakeBoundParameters)
    {
        var filter = new FieldFilter(
            null,
            CompletionSource.BoundTexts(fakeBoundParameters, "Section"),
            CompletionSource.BoundTexts(fakeBoundParameters, "Scope")?.FirstOrDefault(),
            CompletionSource.BoundTexts(fakeBoundParameters, "FieldType"),
            CompletionSource.BoundValue(fakeBoundParameters, "Required") is SwitchParameter { IsPresent: true } or true);
        return filter.Select(CompletionSource.Sections(plugins, fakeBoundParameters))
            .Where(field => !string.IsNullOrEmpty(field.Name) && CompletionSource.Matches(field.Name!, wordToComplete))
            .GroupBy(field => field.Name!, StringComparer.OrdinalIgnoreCase)
            .Select(same => same.First())
            .Select(field => CompletionSource.Result(field.Name!, escapeWildcards: true, $"{field.Label} ({field.PluginId}, {field.FieldType})"));
    }
}
