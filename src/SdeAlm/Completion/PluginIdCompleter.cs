using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Model;

namespace SdeAlm.Completion;

/// <summary>Completes plugin ids (-Id, -PluginId) from the catalog of the connection in use.</summary>
public sealed class PluginIdCompleter : CatalogCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IEnumerable<AlmPlugin> plugins, string? wordToComplete, IDictionary? fakeBoundParameters) =>
        plugins
            .Where(plugin => !string.IsNullOrEmpty(plugin.Id) && CompletionSource.Matches(plugin.Id!, wordToComplete))
            .Select(plugin => CompletionSource.Result(plugin.Id!, escapeWildcards: false, plugin.Name ?? plugin.Id!));
}
