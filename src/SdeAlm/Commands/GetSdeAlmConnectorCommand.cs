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
        FilterBy(nameof(Name), Name, connector => connector.Name);
        FilterBy(nameof(PluginId), PluginId, connector => connector.PluginId);
    }

    internal override string ReadNoun => Id is null ? "ALM connector" : $"ALM connector with -Id {string.Join(", ", Id)}";

    internal override IEnumerable<AlmConnector> Read(RequestContext context)
    {
        var resources = ResourcesOf(ResolveConnection());
        return Id is null
            ? resources.Connectors(context)
            : ReadEach(Id, id => resources.ReadConnector(id, context));
    }
}
