using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Settings;

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
        var connection = ResolveConnection();
        var cache = CacheFor(connection);
        var catalog = cache.Catalog(context);
        var connector = cache.Connector(ConnectorId, context);
        var plugin = catalog.Find(connector.PluginId);
        var what = $"ALM connection '{Alias}' of project {ProjectId}";
        var settings = CheckSettings(plugin, connector.PluginId, Setting ?? new OrderedDictionary(), FieldScope.Project, what, connection.Server);

        var lines = DescribeSettings(settings, catalog.SecretKeys(connector.PluginId)).ToList();
        if (Frequency is not null)
        {
            lines.Insert(0, $"Frequency = '{Frequency}'");
        }

        if (!ShouldWrite($"Create {what} through connector {connector.Id} '{connector.Name}' on {connection.Server}:", lines, "Create ALM connection"))
        {
            return;
        }

        var body = AlmRequestBody.Connection(Alias, ConnectorId, ProjectId, Frequency?.ToLowerInvariant(), settings, ResourceSettingCheck.WireConverter(plugin));
        var created = cache.Api.CreateConnection(body, context);
        WriteObject(cache.ToConnection(created, context));
    });
}
