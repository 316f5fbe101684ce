using System.Collections;
using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Model;
using SdeAlm.Planning;

namespace SdeAlm.Commands;

/// <summary>
/// New-SdeAlmConnection: links an SD Elements project to an ALM project through a connector. Rows pipe
/// in by property name; the catalog and each distinct connector are read once per pipeline.
/// </summary>
[Cmdlet(VerbsCommon.New, "SdeAlmConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AlmConnection))]
public sealed class NewSdeAlmConnectionCommand : SdeAlmWriteCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public int ProjectId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ConnectorIdCompleter))]
    public int ConnectorId { get; set; }

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Alias { get; set; }

    /// <summary>The ALM connection's (project-scope) settings, such as the ALM project key.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Settings")]
    [SettingArgument]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("manually", "hourly", "daily", "weekly", "monthly")]
    public string? Frequency { get; set; }

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        var context = NewRequestContext();
        context.WriteCheckHint = $"Run Get-SdeAlmConnection -ProjectId {ProjectId} to see whether it was created.";
        context.PermissionHint = EditPermissionHint;
        var resources = ResourcesOf(ResolveConnection());
        var catalog = resources.Catalog(context);
        var connector = resources.Connector(ConnectorId, context);
        var edit = ResourceEdits.NewConnection(ProjectId, connector, Alias!, Frequency, Setting);
        if (Send(ResourcePlanner.Create(edit, connector.PluginId, catalog, validate: !SkipValidation), resources, context) is { } created)
        {
            WriteObject(created);
        }
    });
}
