using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Errors;
using SdeAlm.Filtering;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>Get-SdeAlmConnection: the ALM connections of SD Elements projects, all or by id, project, alias and plugin.</summary>
[Cmdlet(VerbsCommon.Get, "SdeAlmConnection")]
[OutputType(typeof(AlmConnection))]
public sealed class GetSdeAlmConnectionCommand : SdeAlmResourceCmdlet
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public int[]? Id { get; set; }

    /// <summary>Projects whose ALM connections to list; the server filters (<c>?project=</c>).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public int[]? ProjectId { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Alias { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string[]? PluginId { get; set; }

    /// <summary>Reads each ALM connection's last sync job with it (<c>?include=last_job</c>): LastJob and LastJobSucceeded.</summary>
    [Parameter]
    public SwitchParameter IncludeLastJob { get; set; }

    private WildcardFilter? _alias;
    private WildcardFilter? _pluginId;

    protected override void BeginProcessing()
    {
        _alias = WildcardFilter.Create(Alias);
        _pluginId = WildcardFilter.Create(PluginId);
    }

    protected override void ProcessRecord() => InvokeMappingErrors(() =>
    {
        var context = NewRequestContext();
        var cache = CacheFor(ResolveConnection());
        foreach (var connection in Connections(cache, context))
        {
            if ((_alias is null || _alias.IsMatch(connection.Alias)) && (_pluginId is null || _pluginId.IsMatch(connection.PluginId)))
            {
                WriteObject(connection);
            }
        }
    });

    private IEnumerable<AlmConnection> Connections(AlmReadCache cache, RequestContext context)
    {
        if (Id is null)
        {
            return cache.Connections(ProjectId, IncludeLastJob, context);
        }

        var projects = ProjectId is null ? null : new HashSet<int>(ProjectId);
        return ReadEach(Id, id => cache.Connection(id, IncludeLastJob, context), SdeErrorIds.AlmConnectionNotFound)
            .Where(connection => projects is null || projects.Contains(connection.ProjectId));
    }
}
