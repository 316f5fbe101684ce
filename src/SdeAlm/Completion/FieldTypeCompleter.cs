using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Model;

namespace SdeAlm.Completion;

/// <summary>Completes Get-SdeAlmPluginField -FieldType with the field types of the plugins named by -PluginId (all when none).</summary>
public sealed class FieldTypeCompleter : CatalogCompleter
{
    internal override IEnumerable<CompletionResult> Complete(IEnumerable<AlmPlugin> plugins, string? wordToComplete, IDictionary? fakeBoundParameters) =>
        CompletionSource.Sections(plugins, fakeBoundParameters)
            .SelectMany(section => section.Fields)
            .Select(field => field.FieldType)
            .OfType<string>()
            .Where(fieldType => fieldType.Length > 0 && CompletionSource.Matches(fieldType, wordToComplete))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(fieldType => fieldType, StringComparer.OrdinalIgnoreCase)
            .Select(fieldType => CompletionSource.Result(fieldType, escapeWildcards: true, fieldType));
}
