using System.Collections.Specialized;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>New-SdeAlmPluginSetting: a settings template for a plugin, every settable field with its default.</summary>
// ByPlugin is the default set so that a piped plugin object binds to -InputObject as it is,
// rather than being converted to its id and fetched again.
[Cmdlet(VerbsCommon.New, "SdeAlmPluginSetting", DefaultParameterSetName = ByPluginSet)]
[OutputType(typeof(OrderedDictionary))]
public sealed class NewSdeAlmPluginSettingCommand : SdeDataCmdlet
{
    private const string ByIdSet = "ById";
    private const string ByPluginSet = "ByPlugin";

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string? PluginId { get; set; }

    /// <summary>A plugin object from Get-SdeAlmPlugin: its fields are read without another request.</summary>
    [Parameter(ParameterSetName = ByPluginSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmPlugin? InputObject { get; set; }

    [Parameter]
    [ValidateSet("system", "project")]
    public string? Scope { get; set; }

    protected override void ProcessRecord() => Run(() =>
    {
        var plugin = ParameterSetName == ByPluginSet
            ? InputObject
            : PluginResolver.GetOne(new AlmPluginCatalog(ResolveClient()), PluginId!, NewRequestContext(), WriteError);
        if (plugin is not null)
        {
            WriteObject(SettingTemplate.Build(plugin, Scope));
        }
    });
}
