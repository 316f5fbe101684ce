using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>
/// Set-SdeAlmConnection: changes an ALM connection's alias, frequency or settings. It reads the ALM
/// connection, changes only what differs (nothing is sent when nothing does) and never wipes the
/// settings it was not given.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SdeAlmConnection", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AlmConnection))]
public sealed class SetSdeAlmConnectionCommand : SdeAlmWriteCmdlet
{
    private const string ByIdSet = "ById";
    private const string ByObjectSet = "ByObject";

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0)]
    public int Id { get; set; }

    /// <summary>An ALM connection from Get-SdeAlmConnection: written back to the server it was read from.</summary>
    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmConnection? InputObject { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Alias { get; set; }

    /// <summary>The settings to change; keys not named keep their values, a key set to $null is cleared.</summary>
    [Parameter]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    [Parameter]
    [ValidateSet("manually", "hourly", "daily", "weekly", "monthly")]
    public string? Frequency { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        var id = InputObject?.Id ?? Id;
        var connection = InputObject is null
            ? ResolveConnection()
            : ResolveConnectionOf(InputObject.ServerConnection, InputObject.Server, $"ALM connection {id}");
        var context = NewRequestContext();
        context.WriteCheckHint = $"Run Get-SdeAlmConnection -Id {id} | Format-List to see whether it changed.";
        context.PermissionHint = EditPermissionHint;
        var cache = CacheFor(connection);
        var catalog = cache.Catalog(context);
        var wire = cache.Api.GetConnection(id, context);
        var current = cache.ToConnection(wire, context);
        var what = $"ALM connection {id} '{current.Alias}'";
        if (Setting is not null && wire.Params is not { ValueKind: System.Text.Json.JsonValueKind.Object })
        {
            throw new SdeApiException(
                $"SD Elements did not show the settings of {what} (the user needs the \"Edit ALM connections\" permission), so they cannot be merged; sending -Setting alone could wipe the others. Nothing was sent.",
                SdeErrorIds.PermissionDenied,
                ErrorCategory.PermissionDenied,
                id);
        }

        var changes = new List<SettingChange>();
        var alias = Alias is not null && Alias != current.Alias ? Alias : null;
        if (alias is not null)
        {
            changes.Add(new SettingChange("Alias", current.Alias, alias, isSecret: false));
        }

        var frequency = Frequency is not null && !string.Equals(Frequency, current.Frequency, System.StringComparison.OrdinalIgnoreCase) ? Frequency.ToLowerInvariant() : null;
        if (frequency is not null)
        {
            changes.Add(new SettingChange("Frequency", current.Frequency, frequency, isSecret: false));
        }

        var plugin = catalog.Find(current.PluginId);
        var (merged, settingChanges) = PlanSettings(plugin, current.PluginId, current.Settings, Setting, FieldScope.Project, what, connection.Server, catalog.SecretKeys(current.PluginId));
        changes.AddRange(settingChanges);
        if (changes.Count == 0)
        {
            WriteVerbose($"{what} on {connection.Server} already has these values: nothing sent.");
            WritePassThru(current);
            return;
        }

        if (!ShouldWrite($"Update {what} on {connection.Server}:", changes.Select(change => change.ToString()), "Update ALM connection"))
        {
            return;
        }

        var body = AlmRequestBody.Connection(alias, null, null, frequency, settingChanges.Count > 0 ? merged : null, ResourceSettingCheck.WireConverter(plugin));
        var updated = cache.Api.UpdateConnection(id, body, context);
        WritePassThru(cache.ToConnection(updated, context));
    });

    private void WritePassThru(AlmConnection connection)
    {
        if (PassThru)
        {
            WriteObject(connection);
        }
    }
}
