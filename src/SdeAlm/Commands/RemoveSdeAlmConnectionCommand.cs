using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>
/// Remove-SdeAlmConnection: removes projects' ALM connections (and with them their sync jobs), by id or
/// piped, each from the server it was read from.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SdeAlmConnection", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSdeAlmConnectionCommand : SdeAlmRemoveCmdlet<AlmConnection>
{
    private const string ByIdSet = "ById";
    private const string ByObjectSet = "ByObject";

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0)]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Id { get; set; }

    /// <summary>ALM connections from Get-SdeAlmConnection: each is removed from the server it was read from.</summary>
    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmConnection[]? InputObject { get; set; }

    internal override string Noun => "ALM connection";

    internal override string GetCommand => "Get-SdeAlmConnection";

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

        foreach (var connection in InputObject)
        {
            InvokeForRecord(() => RemoveOne(ConnectionOf(connection), connection.Id));
        }
    }

    internal override AlmConnection Read(AlmResources resources, int id, RequestContext context) => resources.ReadConnection(id, includeLastJob: false, context);

    internal override string Describe(AlmConnection resource) => $"ALM connection {resource.Id} '{resource.Alias}' of project {resource.ProjectId}";

    internal override void Remove(AlmResources resources, AlmConnection resource, RequestContext context) => resources.Remove(resource, context);
}
