using System.Collections;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Settings;

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
        var connection = ResolveConnection();
        var cache = CacheFor(connection);
        var catalog = cache.Catalog(context);
        var plugin = catalog.Find(PluginId);
        var pluginId = plugin?.Id ?? PluginId!;
        var what = $"ALM connector '{Name}'";
        var settings = CheckSettings(plugin, PluginId, Setting!, FieldScope.System, what, connection.Server);

        var lines = DescribeSettings(settings, catalog.SecretKeys(pluginId)).ToList();
        if (Inaccessible)
        {
            lines.Insert(0, "Inaccessible = $true");
        }

        if (!ShouldWrite($"Create {what} for plugin '{pluginId}' on {connection.Server}:", lines, "Create ALM connector"))
        {
            return;
        }

        var body = AlmRequestBody.Connector(Name, pluginId, Inaccessible.IsPresent, settings, ResourceSettingCheck.WireConverter(plugin));
        var created = cache.Api.CreateConnector(body, context);
        WriteObject(cache.ToConnector(created, context));
    });
}
