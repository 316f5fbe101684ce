using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SdeAlm.Model;

namespace SdeAlm.Completion;

/// <summary>Completes Get-SdeAlmPluginField -FieldType with the field types of the plugins named by -PluginId (all when none).</summary>
public sealed class FieldTypeCompleter : IArgumentCompleter
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
 CompletionSource.Sections(plugins, fakeBoundParameters)
            .SelectMany(section => section.Fields)
            .Select(field => field.FieldType)
            .OfType<string>()
            .Where(fieldType => fieldType.Length > 0 && CompletionSource.Matches(fieldType, wordToComplete))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(fieldType => fieldType, StringComparer.OrdinalIgnoreCase)
            .Select(fieldType => CompletionSource.Result(fieldType, escapeWildcards: true, fieldType));
}
