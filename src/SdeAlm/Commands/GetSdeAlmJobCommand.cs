using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Json;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>Get-SdeAlmJob: the sync runs of ALM connections, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "SdeAlmJob", DefaultParameterSetName = ListSet)]
[OutputType(typeof(AlmJob))]
public sealed class GetSdeAlmJobCommand : SdeConnectedCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

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

    [Parameter(ParameterSetName = ListSet)]
    public bool? Succeeded { get; set; }

    protected override void ProcessRecord() => InvokeMappingErrors(() =>
    {
        var api = new AlmJobApi(ResolveClient());
        var context = NewRequestContext();
        var server = api.BaseUri.ToString();
        var jobs = ParameterSetName == IdSet
            ? ById(api, context)
            : Listed(api, context);
        foreach (var job in NewestFirst(jobs.Select(job => AlmJobMapper.ToJob(job, server))))
        {
            WriteObject(job);
        }
    });

    /// <summary>The jobs asked for by id; an unknown id is reported and the others still read.</summary>
    private List<AlmJobJson> ById(AlmJobApi api, RequestContext context)
    {
        var jobs = new List<AlmJobJson>();
        foreach (var id in Id!.Distinct())
        {
            try
            {
                jobs.Add(api.Get(id, context));
            }
            catch (SdeApiException ex) when (ex.ErrorId == SdeErrorIds.AlmJobNotFound)
            {
                WriteError(ex.ToErrorRecord());
            }
        }

        return jobs;
    }

    /// <summary>The filtered lists: one request (and its pages) per ALM connection asked for, each job once.</summary>
    private List<AlmJobJson> Listed(AlmJobApi api, RequestContext context)
    {
        var connections = AlmConnectionId is null ? new int?[] { null } : AlmConnectionId.Distinct().Select(id => (int?)id);
        var seen = new HashSet<int>();
        var jobs = new List<AlmJobJson>();
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
