using System.Collections;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>Test-SdeAlmPluginSetting: checks a settings dictionary against a plugin's fields, offline.</summary>
// ByPlugin is the default set so that a piped plugin object binds to -InputObject as it is,
// rather than being converted to its id and fetched again.
[Cmdlet(VerbsDiagnostic.Test, "SdeAlmPluginSetting", DefaultParameterSetName = ByPluginSet)]
[OutputType(typeof(AlmPluginSettingTestResult), typeof(bool))]
public sealed class TestSdeAlmPluginSettingCommand : SdeDataCmdlet
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

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 1)]
    [Parameter(ParameterSetName = ByPluginSet, Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    [Parameter]
    [ValidateSet("system", "project")]
    public string? Scope { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord() => Run(() =>
    {
        var plugin = ParameterSetName == ByPluginSet
            ? InputObject
            : PluginResolver.GetOne(new AlmPluginCatalog(ResolveClient()), PluginId!, NewRequestContext(), WriteError);
        if (plugin is null)
        {
            return;
        }

        var result = SettingValidator.Validate(plugin, Setting!, Scope);
        WriteObject(Quiet ? result.IsValid : result);
    });
}
