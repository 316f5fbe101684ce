using System.Collections;
using System.Management.Automation;
using SdeAlm.Model;
using SdeAlm.Planning;

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
    [Alias("Settings")]
    [SettingArgument]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    [Parameter]
    [ValidateSet("manually", "hourly", "daily", "weekly", "monthly")]
    public string? Frequency { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => InvokeForRecord(() =>
        Update(
            InputObject is null ? ResolveConnection() : ConnectionOf(InputObject),
            InputObject?.Id ?? Id,
            (resources, context) => resources.ReadConnection(InputObject?.Id ?? Id, includeLastJob: false, context),
            current => ResourceEdits.ConnectionChange(current, Alias, Frequency, Setting),
            PassThru));
}
