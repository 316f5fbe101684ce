using System.Collections;
using System.Management.Automation;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>Test-SdeAlmPluginSetting: checks a settings dictionary against a plugin's fields, offline.</summary>
[Cmdlet(VerbsDiagnostic.Test, "SdeAlmPluginSetting", DefaultParameterSetName = ByPluginSet)]
[OutputType(typeof(AlmPluginSettingTestResult), typeof(bool))]
public sealed class TestSdeAlmPluginSettingCommand : SdePluginSettingCmdlet
{
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 1)]
    [Parameter(ParameterSetName = ByPluginSet, Mandatory = true, Position = 0)]
    [Alias("Settings")]
    [SettingArgument(SharesPosition = true)]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        var plugin = ResolvePlugin();
        if (plugin is null)
        {
            return;
        }

        var check = SettingValidator.Check(plugin, Setting!, Scope);
        foreach (var note in check.Notes)
        {
            WriteVerbose($"Plugin '{plugin.Id}': {note}");
        }

        var result = check.ToTestResult();
        WriteObject(Quiet ? result.IsValid : result);
    });
}
