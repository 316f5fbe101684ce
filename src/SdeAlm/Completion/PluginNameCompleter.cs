using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Model;

namespace SdeAlm.Completion;

/// <summary>Completes Get-SdeAlmPlugin -Name with the plugin names of the catalog, the id as tooltip.</summary>
public sealed class PluginNameCompleter : CatalogCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IEnumerable<AlmPlugin> plugins, string? wordToComplete, IDictionary? fakeBoundParameters) =>
        plugins
            .Where(plugin => !string.IsNullOrEmpty(plugin.Name) && CompletionSource.Matches(plugin.Name!, wordToComplete))
            .Select(plugin => CompletionSource.Result(plugin.Name!, escapeWildcards: true, plugin.Id ?? plugin.Name!));
}
