using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Filtering;
using SdeAlm.Model;

namespace SdeAlm.Completion;

/// <summary>
/// Completes Get-SdeAlmPluginField -Section with the section labels of the plugins named by -PluginId
/// (all when none), and "(general)" for an unlabeled section.
/// </summary>
public sealed class SectionCompleter : CatalogCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IEnumerable<AlmPlugin> plugins, string? wordToComplete, IDictionary? fakeBoundParameters) =>
        CompletionSource.Sections(plugins, fakeBoundParameters)
            .Select(section => (Name: string.IsNullOrEmpty(section.Label) ? FieldFilter.UnlabeledSection : section.Label!, Section: section))
            .Where(named => CompletionSource.Matches(named.Name, wordToComplete))
            .GroupBy(named => named.Name, StringComparer.OrdinalIgnoreCase)
            .Select(same => same.First())
            .Select(named => CompletionSource.Result(named.Name, escapeWildcards: true, $"{named.Name} ({named.Section.PluginId}: {named.Section.Fields.Length} fields)"));
}
