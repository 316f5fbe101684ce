using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Errors;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>
/// Get-SdeAlmConnection: the ALM connections of SD Elements projects, all or by id, project, alias and
/// plugin; or those of piped jobs, or piped ALM connections read again.
/// </summary>
/// <remarks>
/// Jobs and ALM connections bind by value, which PowerShell tries before property names: bound by
/// their ProjectId instead, a piped job gave every ALM connection of its project.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "SdeAlmConnection", DefaultParameterSetName = ListSet)]
[OutputType(typeof(AlmConnection))]
public sealed class GetSdeAlmConnectionCommand : SdeAlmListCmdlet<AlmConnection>
{
    private const string ListSet = "List";
    private const string InputObjectSet = "InputObject";
    private const string JobSet = "Job";

    [Parameter(ParameterSetName = ListSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public int[]? Id { get; set; }

    /// <summary>Projects whose ALM connections to list; the server filters (<c>?project=</c>).</summary>
    [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public int[]? ProjectId { get; set; }

    /// <summary>ALM connections to read again, each from the server it was read from.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmConnection[]? InputObject { get; set; }

    /// <summary>Sync jobs from Get-SdeAlmJob: the ALM connection that ran each, read from the job's server.</summary>
    [Parameter(ParameterSetName = JobSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AlmJob[]? Job { get; set; }

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

    /// <summary>The ALM connections of the jobs piped so far: the many jobs of one ALM connection give it once.</summary>
    private readonly HashSet<(string Server, int? AlmConnectionId)> _jobConnections = [];

    protected override void BeginProcessing()
    {
        FilterBy(nameof(Alias), Alias, connection => connection.Alias);
        FilterBy(nameof(PluginId), PluginId, connection => connection.PluginId);
    }

    internal override string ReadNoun => ParameterSetName switch
    {
        JobSet => "ALM connection of the piped jobs",
        InputObjectSet => "piped ALM connection",
        _ => "ALM connection"
            + (Id is null ? string.Empty : $" with -Id {string.Join(", ", Id)}")
            + (ProjectId is null ? string.Empty : $" of project{(ProjectId.Length == 1 ? string.Empty : "s")} {string.Join(", ", ProjectId)}"),
    };

    internal override IEnumerable<AlmConnection> Read(RequestContext context) => ParameterSetName switch
    {
        InputObjectSet => ReadEach(InputObject!, piped => ResourcesOf(ConnectionOf(piped)).ReadConnection(piped.Id, IncludeLastJob, context)),
        JobSet => ReadEach(Job!.Where(job => _jobConnections.Add((job.Server, job.AlmConnectionId))), job => ConnectionOfJob(job, context)),
        _ => Listed(ResourcesOf(ResolveConnection()), context),
    };

    private IEnumerable<AlmConnection> Listed(AlmResources resources, RequestContext context)
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

    /// <summary>The ALM connection a job ran; one that no longer exists is an error about that job.</summary>
    private AlmConnection ConnectionOfJob(AlmJob job, RequestContext context)
    {
        var resources = ResourcesOf(ConnectionOf(job));
        if (job.AlmConnectionId is not { } almConnectionId)
        {
            throw new SdeApiException(
                $"{job} on {job.Server} names no ALM connection: the server sent the job without one.",
                SdeErrorIds.AlmConnectionNotFound,
                ErrorCategory.ObjectNotFound,
                job);
        }

        try
        {
            return resources.ReadConnection(almConnectionId, IncludeLastJob, context);
        }
        catch (SdeApiException ex) when (ex.ErrorId == SdeErrorIds.AlmConnectionNotFound)
        {
            throw new SdeApiException(
                $"{job} ran ALM connection {almConnectionId}, which no longer exists on {job.Server}.",
                SdeErrorIds.AlmConnectionNotFound,
                ErrorCategory.ObjectNotFound,
                job,
                ex.StatusCode,
                ex);
        }
    }
}
