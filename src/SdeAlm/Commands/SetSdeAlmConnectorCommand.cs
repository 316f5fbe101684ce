using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>
/// Set-SdeAlmConnector: changes a connector's name, settings or reachability. It reads the connector,
/// changes only what differs (nothing is sent when nothing does) and never wipes the settings it was not given.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SdeAlmConnector", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AlmConnector))]
public sealed class SetSdeAlmConnectorCommand : SdeAlmWriteCmdlet
{
    private const string ByIdSet = "ById";
    private const string ByObjectSet = "ByObject";

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ConnectorIdCompleter))]
    public int Id { get; set; }

    /// <summary>A connector from Get-SdeAlmConnector: written back to the server it was read from.</summary>
    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmConnector? InputObject { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The settings to change; keys not named keep their values, a key set to $null is cleared.</summary>
    [Parameter]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    [Parameter]
    public bool Inaccessible { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        var id = InputObject?.Id ?? Id;
        var connection = InputObject is null
            ? ResolveConnection()
            : ResolveConnectionOf(InputObject.ServerConnection, InputObject.Server, $"ALM connector {id}");
        var context = NewRequestContext();
        context.WriteCheckHint = $"Run Get-SdeAlmConnector -Id {id} | Format-List to see whether it changed.";
        context.PermissionHint = EditPermissionHint;
        var cache = CacheFor(connection);
        var catalog = cache.Catalog(context);
        var current = cache.ToConnector(cache.Api.GetConnector(id, context), context);
        var what = $"ALM connector {id} '{current.Name}'";
        var secretKeys = catalog.SecretKeys(current.PluginId);

        var changes = new List<SettingChange>();
        var name = Name is not null && Name != current.Name ? Name : null;
        if (name is not null)
        {
            changes.Add(new SettingChange("Name", current.Name, name, isSecret: false));
        }

        bool? inaccessible = MyInvocation.BoundParameters.ContainsKey(nameof(Inaccessible)) && Inaccessible != current.Inaccessible ? Inaccessible : null;
        if (inaccessible is { } flag)
        {
            changes.Add(new SettingChange("Inaccessible", current.Inaccessible, flag, isSecret: false));
        }

        var plugin = catalog.Find(current.PluginId);
        var (merged, settingChanges) = PlanSettings(plugin, current.PluginId, current.Settings, Setting, FieldScope.System, what, connection.Server, secretKeys);
        changes.AddRange(settingChanges);
        if (changes.Count == 0)
        {
            WriteVerbose($"{what} on {connection.Server} already has these values: nothing sent.");
            WritePassThru(current);
            return;
        }

        if (!ShouldWrite($"Update {what} on {connection.Server}:", changes.Select(change => change.ToString()), "Update ALM connector"))
        {
            return;
        }

        var body = AlmRequestBody.Connector(name, null, inaccessible, settingChanges.Count > 0 ? merged : null, ResourceSettingCheck.WireConverter(plugin));
        var updated = cache.Api.UpdateConnector(id, body, context);
        WritePassThru(cache.ToConnector(updated, context));
    });

    private void WritePassThru(AlmConnector connector)
    {
        if (PassThru)
        {
            WriteObject(connector);
        }
    }
}
