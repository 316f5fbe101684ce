using System;

namespace SdeAlm.Model;

/// <summary>
/// One synchronization run of a project's ALM connection, as SD Elements keeps it. Read-only: SD
/// Elements writes jobs as it synchronizes.
/// </summary>
public sealed class AlmJob
{
    internal AlmJob(
        int id,
        int? almConnectionId,
        int? projectId,
        int? user,
        bool succeeded,
        bool ready,
        bool automatic,
        DateTimeOffset? lastRun,
        string? message,
        string server,
        object? serverConnection = null)
    {
        Id = id;
        AlmConnectionId = almConnectionId;
        ProjectId = projectId;
        User = user;
        Succeeded = succeeded;
        Ready = ready;
        Automatic = automatic;
        LastRun = lastRun;
        Message = message;
        Server = server;
        ServerConnection = serverConnection;
    }

    public int Id { get; }

    /// <summary>The ALM connection that ran (the job's <c>connection</c>).</summary>
    public int? AlmConnectionId { get; }

    /// <summary>The SD Elements project of the ALM connection, when the server sends <c>project_id</c>; else null.</summary>
    public int? ProjectId { get; }

    /// <summary>The id of the SD Elements user who ran the job, or whose schedule did.</summary>
    public int? User { get; }

    /// <summary>True when the run finished without error. False while it runs: see <see cref="Ready"/>.</summary>
    public bool Succeeded { get; }

    /// <summary>True once the run has finished.</summary>
    public bool Ready { get; }

    /// <summary>Running until the job is Ready, then Succeeded or Failed: what Ready and Succeeded say together.</summary>
    public AlmJobStatus Status => !Ready ? AlmJobStatus.Running : Succeeded ? AlmJobStatus.Succeeded : AlmJobStatus.Failed;

    /// <summary>True for a scheduled run, false for one started by a user.</summary>
    public bool Automatic { get; }

    /// <summary>When the run started, in the local time zone; null when the server sent no time.</summary>
    public DateTimeOffset? LastRun { get; }

    /// <summary>What the run reported (the job's <c>result_message</c>).</summary>
    public string? Message { get; }

    /// <summary>The server the job was read from, context root included.</summary>
    public string Server { get; }

    /// <summary>The server connection the job was read through, so that its ALM connection is read from the same server.</summary>
    internal object? ServerConnection { get; }

    public override string ToString() => $"ALM job {Id}";
}
