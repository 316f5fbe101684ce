using System.Collections;
using System.Management.Automation;
using SdeAlm.Completion;
using SdeAlm.Model;
using SdeAlm.Planning;

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
    [Alias("Settings")]
    [SettingArgument]
    [ValidateNotNull]
    public IDictionary? Setting { get; set; }

    [Parameter]
    public bool Inaccessible { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        var connection = InputObject is null ? ResolveConnection() : ConnectionOf(InputObject);
        bool? inaccessible = MyInvocation.BoundParameters.ContainsKey(nameof(Inaccessible)) ? Inaccessible : null;
        Update(
            connection,
            InputObject?.Id ?? Id,
            (resources, context) => resources.ReadConnector(InputObject?.Id ?? Id, context),
            current => ResourceEdits.ConnectorChange(current, Name, inaccessible, Setting),
            PassThru);
    });
}
