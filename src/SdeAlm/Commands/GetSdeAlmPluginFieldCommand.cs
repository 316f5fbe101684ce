using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Filtering;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>Get-SdeAlmPluginField: the configuration fields of plugins, filtered by name, section, scope, type.</summary>
[Cmdlet(VerbsCommon.Get, "SdeAlmPluginField", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(AlmPluginField))]
public sealed class GetSdeAlmPluginFieldCommand : SdeConnectedCmdlet
{
    private const string ByIdSet = "ById";
    private const string ByPluginSet = "ByPlugin";

    /// <summary>
    /// Plugin ids as text; piped objects with a PluginId property (connectors, ALM connections, fields)
    /// give theirs. The attribute reads that property (ByPropertyName says so to Get-Help), and leaves
    /// piped plugins to -InputObject.
    /// </summary>
    [Parameter(ParameterSetName = ByIdSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [PluginIdArgument(KeepPlugins = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string[]? PluginId { get; set; }

    /// <summary>Plugin objects from Get-SdeAlmPlugin: their fields are read without another request.</summary>
    [Parameter(ParameterSetName = ByPluginSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmPlugin[]? InputObject { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter]
    [SupportsWildcards]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(SectionCompleter))]
    public string[]? Section { get; set; }

    [Parameter]
    [ValidateSet(FieldScope.System, FieldScope.Project)]
    public string? Scope { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldTypeCompleter))]
    public string[]? FieldType { get; set; }

    [Parameter]
    public SwitchParameter Required { get; set; }

    private readonly List<string> _plugins = [];
    private FieldFilter _filter = null!;
    private bool _named;

    protected override void BeginProcessing() =>
        _filter = new FieldFilter(Name, Section, Scope, FieldType, Required);

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        _named |= PluginId is not null || InputObject is not null;
        foreach (var plugin in Plugins())
        {
            if (plugin.Id is { } id && !_plugins.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                _plugins.Add(id);
            }

            foreach (var field in _filter.Select(plugin.Sections))
            {
                WriteObject(field);
            }
        }
    });

    protected override void EndProcessing() => WriteMisses(_filter.Misses(FieldNoun()));

    /// <summary>"field of trac" when plugins were named, to say where the value was looked for; "field" for the whole catalog.</summary>
    private string FieldNoun() => (_named, _plugins.Count) switch
    {
        (false, _) or (_, 0) => "field",
        (_, <= 3) => "field of " + (_plugins.Count == 1 ? _plugins[0] : $"{string.Join(", ", _plugins.Take(_plugins.Count - 1))} or {_plugins[_plugins.Count - 1]}"),
        _ => $"field of the {_plugins.Count} plugins",
    };

    private IEnumerable<AlmPlugin> Plugins() =>
        ParameterSetName == ByPluginSet
            ? InputObject!
            : new PluginResolver(ResolveClient(), NewRequestContext(), WriteError).Resolve(PluginId);
}
