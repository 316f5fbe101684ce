using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SdeAlm.Model;

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
        CompletionSource.Safely(() => Complete(CompletionSource.Plugins(fakeBoundParameters), wordToComplete, fakeBoundParameters));

    /// <summary>The completions from the given catalog; may throw, which <see cref="CompleteArgument"/> turns into none.</summary>
    internal static IEnumerable<CompletionResult> Complete(IEnumerable<AlmPlugin> plugins, string? wordToComplete, IDictionary? fakeBoundParameters) =>
 plugins
            .Where(plugin => !string.IsNullOrEmpty(plugin.Id) && CompletionSource.Matches(plugin.Id!, wordToComplete))
            .Select(plugin => CompletionSource.Result(plugin.Id!, escapeWildcards: false, plugin.Name ?? plugin.Id!));
}
