using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>
/// The shared front of the settings cmdlets: one plugin, given as an id or as a plugin object, and an
/// optional scope. ByPlugin is the default set so that a piped plugin object binds to -InputObject as
/// it is, rather than being converted to its id and fetched again.
/// </summary>
public abstract class SdePluginSettingCmdlet : SdeConnectedCmdlet
{
    internal const string ByIdSet = "ById";
    internal const string ByPluginSet = "ByPlugin";

    /// <summary>A plugin id as text; a piped object with a PluginId property (a connector, an ALM connection, a field) gives its own.</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PluginIdArgument]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string? PluginId { get; set; }

    /// <summary>A plugin object from Get-SdeAlmPlugin: its fields are read without another request.</summary>
    [Parameter(ParameterSetName = ByPluginSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmPlugin? InputObject { get; set; }

    [Parameter]
    [ValidateSet(FieldScope.System, FieldScope.Project)]
    public string? Scope { get; set; }

    /// <summary>The plugin to work on; null after an unknown id has been reported as a non-terminating error.</summary>
    internal AlmPlugin? ResolvePlugin() =>
        ParameterSetName == ByPluginSet
            ? InputObject
            : new PluginResolver(ResolveClient(), NewRequestContext(), WriteError).GetOne(PluginId!);
}
