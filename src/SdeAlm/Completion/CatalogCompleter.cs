using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using SdeAlm.Model;

namespace SdeAlm.Completion;

/// <summary>
/// A completer whose candidates come from the plugin catalog of the server connection on the line
/// (or the current one). A failing completer offers nothing rather than an error at the prompt.
/// </summary>
public abstract class CatalogCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters) =>
        CompletionSource.Safely(() => Complete(CompletionSource.Plugins(fakeBoundParameters), wordToComplete, fakeBoundParameters));

    /// <summary>The completions from the given catalog; may throw, which <see cref="CompleteArgument"/> turns into none.</summary>
    internal abstract IEnumerable<CompletionResult> Complete(IEnumerable<AlmPlugin> plugins, string? wordToComplete, IDictionary? fakeBoundParameters);
}
