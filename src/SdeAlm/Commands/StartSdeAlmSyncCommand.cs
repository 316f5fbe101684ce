using System;
using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Model;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// Start-SdeAlmSync: queues a sync of ALM connections now (by id or piped), up to -ThrottleLimit at
/// once, and with -Wait waits for the whole set together and writes each finished job.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "SdeAlmSync", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(AlmJob))]
public sealed class StartSdeAlmSyncCommand : SdeAlmParallelCmdlet<AlmJob>
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    /// <summary>The jobs queued, in input order, for -Wait.</summary>
    private readonly List<(AlmJob Job, AlmJobApi Api)> _queued = [];

    /// <summary>One job API per server, so that -Wait asks each server once per round.</summary>
    private readonly Dictionary<string, AlmJobApi> _jobApis = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The ALM connections to sync, by id (the Id of Get-SdeAlmConnection); each is read first for its project.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
    [ValidateRange(1, int.MaxValue)]
    public int[]? AlmConnectionId { get; set; }

    /// <summary>The ALM connections to sync, as Get-SdeAlmConnection returns them.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public AlmConnection[]? InputObject { get; set; }

    /// <summary>Wait until every queued job has finished, and write the finished jobs instead of the queued ones.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait, how many seconds to wait at most, from when the last job was queued.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Timeout { get; set; }

    protected override void BeginProcessing()
    {
        if (Timeout is { } seconds && !Wait)
        {
            InvokeMappingErrors(() => throw new SdeApiException(
                $"-Timeout {seconds} bounds the wait of -Wait, and -Wait was not given. Add -Wait, or leave out -Timeout. Nothing was started.",
                SdeErrorIds.AlmSyncTimeoutWithoutWait,
                ErrorCategory.InvalidArgument,
                seconds));
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            foreach (var id in AlmConnectionId!)
            {
                StartRecord(() => Prepare(ResolveConnection(), id, null, null));
            }

            return;
        }

        foreach (var almConnection in InputObject!)
        {
            StartRecord(() => Prepare(ConnectionOf(almConnection), almConnection.Id, almConnection.ProjectId, almConnection.Alias));
        }
    }

    protected override void EndProcessing()
    {
        FinishRecords();
        if (!Wait || _queued.Count == 0)
        {
            return;
        }

        InvokeMappingErrors(() =>
        {
            var waiter = new AlmJobWaiter(_queued, Timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
            foreach (var outcome in waiter.Wait(NewRequestContext()))
            {
                if (outcome.Problem is { } problem)
                {
                    WriteError(problem.ToErrorRecord());
                }

                if (outcome.Job is { } job)
                {
                    WriteObject(job);
                }
            }
        });
    }

    /// <summary>Without -Wait each queued job is written at once; with it, kept for the wait.</summary>
    private protected override void WriteResult(AlmJob result)
    {
        if (Wait)
        {
            _queued.Add((result, _jobApis[result.Server]));
        }
        else
        {
            WriteObject(result);
        }
    }

    /// <summary>On the pipeline thread: asks ShouldProcess, then returns the requests that queue the sync (reading the project first when only the id is known).</summary>
    private Func<RequestContext, AlmJob?>? Prepare(SdeConnection connection, int almConnectionId, int? projectId, string? alias)
    {
        var target = alias is null
            ? $"ALM connection {almConnectionId} on {connection.Server}"
            : $"ALM connection {almConnectionId} '{alias}' (project {projectId}) on {connection.Server}";
        if (!ShouldProcess(target, "Start a sync"))
        {
            return null;
        }

        var resources = ResourcesOf(connection);
        if (!_jobApis.TryGetValue(connection.Client.BaseUri.ToString(), out var jobs))
        {
            jobs = new AlmJobApi(connection.Client, connection);
            _jobApis.Add(jobs.BaseUri.ToString(), jobs);
        }

        return context =>
        {
            context.WriteCheckHint = $"Run Get-SdeAlmJob -AlmConnectionId {almConnectionId} to see whether it was queued.";
            return jobs.Start(projectId ?? resources.ProjectOf(almConnectionId, context), almConnectionId, context);
        };
    }
}
