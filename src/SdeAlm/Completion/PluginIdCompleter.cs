using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SdeAlm.Completion;

/// <summary>Completes plugin ids (-Id, -PluginId) from the catalog of the connection in use.</summary>
public sealed class PluginIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters) =>
        CompletionSource.Safely(() => CompletionSource.Plugins(fakeBoundParameters)
            .Where(plugin => !string.IsNullOrEmpty(plugin.Id) && CompletionSource.Matches(plugin.Id!, wordToComplete))
            .Select(plugin => CompletionSource.Result(plugin.Id!, escapeWildcards: false, plugin.Name ?? plugin.Id!)));
}
