using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>Get-SdeAlmConnection: the ALM connections of SD Elements projects, all or by id, project, alias and plugin.</summary>
[Cmdlet(VerbsCommon.Get, "SdeAlmConnection")]
[OutputType(typeof(AlmConnection))]
public sealed class GetSdeAlmConnectionCommand : SdeAlmListCmdlet<AlmConnection>
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

    /// <summary>The type name that selects the view with LastJobSucceeded (SdeAlm.Format.ps1xml), which only -IncludeLastJob fills.</summary>
    internal const string WithLastJobTypeName = "SdeAlm.Model.AlmConnection#IncludeLastJob";

    protected override void BeginProcessing()
    {
        FilterBy(Alias, connection => connection.Alias);
        FilterBy(PluginId, connection => connection.PluginId);
    }

    internal override IEnumerable<AlmConnection> Read(AlmResources resources, RequestContext context)
    {
        if (Id is null)
        {
            return resources.Connections(ProjectId, IncludeLastJob, context);
        }

        var projects = ProjectId is null ? null : new HashSet<int>(ProjectId);
        return ReadEach(Id, id => resources.ReadConnection(id, IncludeLastJob, context))
            .Where(connection => projects is null || projects.Contains(connection.ProjectId));
    }

    internal override object Output(AlmConnection item)
    {
        if (!IncludeLastJob)
        {
            return item;
        }

        var shown = PSObject.AsPSObject(item);
        shown.TypeNames.Insert(0, WithLastJobTypeName);
        return shown;
    }
}
