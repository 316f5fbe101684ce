using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>Get-SdeAlmConnector: the system ALM connectors of a server, all or by id, name and plugin.</summary>
[Cmdlet(VerbsCommon.Get, "SdeAlmConnector")]
[OutputType(typeof(AlmConnector))]
public sealed class GetSdeAlmConnectorCommand : SdeAlmListCmdlet<AlmConnector>
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ConnectorIdCompleter))]
    public int[]? Id { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string[]? PluginId { get; set; }

    protected override void BeginProcessing()
    {
        FilterBy(Name, connector => connector.Name);
        FilterBy(PluginId, connector => connector.PluginId);
    }

    internal override IEnumerable<AlmConnector> Read(RequestContext context)
    {
        var resources = ResourcesOf(ResolveConnection());
        return Id is null
            ? resources.Connectors(context)
            : ReadEach(Id, id => resources.ReadConnector(id, context));
    }
}
