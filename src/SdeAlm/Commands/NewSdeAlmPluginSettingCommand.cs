using System.Management.Automation;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>New-SdeAlmPluginSetting: a settings template for a plugin, every settable field with its default, labelled with the plugin.</summary>
[Cmdlet(VerbsCommon.New, "SdeAlmPluginSetting", DefaultParameterSetName = ByPluginSet)]
[OutputType(typeof(AlmPluginSetting))]
public sealed class NewSdeAlmPluginSettingCommand : SdePluginSettingCmdlet
{
    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        var plugin = ResolvePlugin();
        if (plugin is not null)
        {
            WriteObject(SettingTemplate.Build(plugin, Scope));
        }
    });
}
