using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>
/// Remove-SdeAlmConnector: removes system ALM connectors, by id or piped, each from the server it was
/// read from. SD Elements refuses to remove a connector that ALM connections still use.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SdeAlmConnector", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSdeAlmConnectorCommand : SdeAlmRemoveCmdlet<AlmConnector>
{
    private const string ByIdSet = "ById";
    private const string ByObjectSet = "ByObject";

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0)]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(ConnectorIdCompleter))]
    public int[]? Id { get; set; }

    /// <summary>Connectors from Get-SdeAlmConnector: each is removed from the server it was read from.</summary>
    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmConnector[]? InputObject { get; set; }

    internal override string Noun => "ALM connector";

    internal override string GetCommand => "Get-SdeAlmConnector";

    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            foreach (var id in Id!)
            {
                InvokeForRecord(() => RemoveOne(ResolveConnection(), id));
            }

            return;
        }

        foreach (var connector in InputObject)
        {
            InvokeForRecord(() => RemoveOne(ConnectionOf(connector), connector.Id));
        }
    }

    internal override AlmConnector Read(AlmResources resources, int id, RequestContext context) => resources.ReadConnector(id, context);

    internal override string Describe(AlmConnector resource) => $"ALM connector {resource.Id} '{resource.Name}' ({resource.PluginId})";

    internal override void Remove(AlmResources resources, AlmConnector resource, RequestContext context) => resources.Remove(resource, context);
}
