using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>
/// Get-SdeAlmJob: the sync runs of ALM connections, newest first: the job SD Elements made last (the
/// highest id) first, read from the end of the server's list so that the newest cost the fewest requests.
/// </summary>
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

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            // Each ALM connection's jobs come from the server it was read from, newest first.
            foreach (var almConnection in InputObject!)
            {
                InvokeForRecord(() =>
                {
                    var origin = ConnectionOf(almConnection);
                    WriteEach(new AlmJobApi(origin.Client, origin).NewestFirst(null, [almConnection.Id], Succeeded, NewRequestContext()));
                });
            }

            return;
        }

        InvokeForRecord(() =>
        {
            var connection = ResolveConnection();
            var jobs = new AlmJobApi(connection.Client, connection);
            var context = NewRequestContext();
            WriteEach(ParameterSetName == IdSet
                ? ReadEach(Id!.Distinct(), id => jobs.Get(id, context)).OrderByDescending(job => job.Id)
                : jobs.NewestFirst(ProjectId, AlmConnectionId, Succeeded, context));
        });
    }

    /// <summary>Writes each job as it is read, so that Select-Object -First stops the reading too.</summary>
    private void WriteEach(IEnumerable<AlmJob> jobs)
    {
        foreach (var job in jobs)
        {
            WriteObject(job);
        }
    }
}
