using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SdeAlm.Completion;

/// <summary>Completes Get-SdeAlmPluginField -Section with the section labels of the plugins named by -PluginId (all when none).</summary>
public sealed class SectionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters) =>
        CompletionSource.Safely(() => CompletionSource.Sections(fakeBoundParameters)
            .Where(section => !string.IsNullOrEmpty(section.Label) && CompletionSource.Matches(section.Label!, wordToComplete))
            .GroupBy(section => section.Label!, StringComparer.OrdinalIgnoreCase)
            .Select(same => same.First())
            .Select(section => CompletionSource.Result(section.Label!, escapeWildcards: true, $"{section.Label} ({section.PluginId}: {section.Fields.Length} fields)")));
}
