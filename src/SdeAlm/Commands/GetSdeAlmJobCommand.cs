using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>Get-SdeAlmJob: the sync runs of ALM connections, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "SdeAlmJob", DefaultParameterSetName = ListSet)]
[OutputType(typeof(AlmJob))]
public sealed class GetSdeAlmJobCommand : SdeAlmResourceCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Id { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, int.MaxValue)]
    public int[]? AlmConnectionId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int? ProjectId { get; set; }

    /// <summary>ALM connections whose jobs to list, as Get-SdeAlmConnection returns them.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public AlmConnection[]? InputObject { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = InputObjectSet)]
    public bool? Succeeded { get; set; }

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        if (ParameterSetName == InputObjectSet)
        {
            // Each ALM connection's jobs come from the server it was read from, newest first.
            foreach (var almConnection in InputObject!)
            {
                var origin = ConnectionOf(almConnection);
                var api = new AlmJobApi(origin.Client, origin);
                Write(api.List(null, almConnection.Id, Succeeded, NewRequestContext()));
            }

            return;
        }

        var connection = ResolveConnection();
        var jobs = new AlmJobApi(connection.Client, connection);
        var context = NewRequestContext();
        Write(ParameterSetName == IdSet ? ById(jobs, context) : Listed(jobs, context));
    });

    private void Write(IEnumerable<AlmJob> jobs)
    {
        foreach (var job in NewestFirst(jobs))
        {
            WriteObject(job);
        }
    }

    /// <summary>The jobs asked for by id; an unknown id is reported and the others still read.</summary>
    private List<AlmJob> ById(AlmJobApi api, RequestContext context) =>
        [.. ReadEach(Id!.Distinct(), id => api.Get(id, context))];

    /// <summary>The filtered lists: one request (and its pages) per ALM connection asked for, each job once.</summary>
    private List<AlmJob> Listed(AlmJobApi api, RequestContext context)
    {
        var connections = AlmConnectionId is null ? new int?[] { null } : AlmConnectionId.Distinct().Select(id => (int?)id);
        var seen = new HashSet<int>();
        var jobs = new List<AlmJob>();
        foreach (var connection in connections)
        {
            jobs.AddRange(api.List(ProjectId, connection, Succeeded, context).Where(job => seen.Add(job.Id)));
        }

        return jobs;
    }

    /// <summary>Newest run first; jobs without a time last, and the higher id first between equals.</summary>
    private static IEnumerable<AlmJob> NewestFirst(IEnumerable<AlmJob> jobs) =>
        jobs.OrderByDescending(job => job.LastRun.HasValue)
            .ThenByDescending(job => job.LastRun)
            .ThenByDescending(job => job.Id);
}
