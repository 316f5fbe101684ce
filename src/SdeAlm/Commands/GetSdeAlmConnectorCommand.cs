using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Errors;
using SdeAlm.Filtering;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>Get-SdeAlmConnector: the system ALM connectors of a server, all or by id, name and plugin.</summary>
[Cmdlet(VerbsCommon.Get, "SdeAlmConnector")]
[OutputType(typeof(AlmConnector))]
public sealed class GetSdeAlmConnectorCommand : SdeAlmResourceCmdlet
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

    private WildcardFilter? _name;
    private WildcardFilter? _pluginId;

    protected override void BeginProcessing()
    {
        _name = WildcardFilter.Create(Name);
        _pluginId = WildcardFilter.Create(PluginId);
    }

    protected override void ProcessRecord() => InvokeMappingErrors(() =>
    {
        var context = NewRequestContext();
        var cache = CacheFor(ResolveConnection());
        foreach (var connector in Connectors(cache, context))
        {
            if ((_name is null || _name.IsMatch(connector.Name)) && (_pluginId is null || _pluginId.IsMatch(connector.PluginId)))
            {
                WriteObject(connector);
            }
        }
    });

    private IEnumerable<AlmConnector> Connectors(AlmReadCache cache, RequestContext context) =>
        Id is null
            ? cache.Connectors(context)
            : ReadEach(Id, id => cache.Connector(id, context), SdeErrorIds.AlmConnectorNotFound);
}
