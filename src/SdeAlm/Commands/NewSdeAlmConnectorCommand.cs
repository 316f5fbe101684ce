using System.Collections;
using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Model;
using SdeAlm.Planning;

namespace SdeAlm.Commands;

/// <summary>New-SdeAlmConnector: creates a system ALM connector, its settings checked against the server's catalog first.</summary>
[Cmdlet(VerbsCommon.New, "SdeAlmConnector", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AlmConnector))]
public sealed class NewSdeAlmConnectorCommand : SdeAlmWriteCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string? PluginId { get; set; }

    /// <summary>The connector's (system-scope) settings, such as the output of New-SdeAlmPluginSetting -Scope system.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("Settings")]
    [SettingArgument]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    /// <summary>SD Elements cannot reach the ALM server itself (for example SaaS and an on-premises tracker).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter Inaccessible { get; set; }

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        var context = NewRequestContext();
        context.WriteCheckHint = $"Run Get-SdeAlmConnector -Name '{Name}' to see whether it was created.";
        context.PermissionHint = EditPermissionHint;
        var resources = ResourcesOf(ResolveConnection());
        var catalog = resources.Catalog(context);
        var pluginId = catalog.Find(PluginId)?.Id ?? PluginId!;
        var edit = ResourceEdits.NewConnector(Name!, pluginId, Inaccessible.IsPresent, Setting);
        if (Send(ResourcePlanner.Create(edit, pluginId, catalog, validate: !SkipValidation), resources, context) is { } created)
        {
            WriteObject(created);
        }
    });
}
