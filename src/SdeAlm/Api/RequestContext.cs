using System;
using System.Management.Automation;
using System.Threading;

namespace SdeAlm.Api;

/// <summary>
/// What one cmdlet invocation lends the HTTP layer for one record: its Ctrl+C token, its -Verbose and
/// progress streams, and hints that make errors specific to what the cmdlet was doing. The callbacks are
/// only called on the thread that made the request: on the pipeline thread they write at once; a
/// -ThrottleLimit worker's context queues what they get for the pipeline thread to write.
/// </summary>
internal sealed class RequestContext
{
    public RequestContext(Action<string>? verbose, CancellationToken cancellationToken, Action<ProgressRecord>? progress = null)
    {
        CancellationToken = cancellationToken;
        Verbose = verbose ?? (_ => { });
        Progress = progress ?? (_ => { });
    }

    public CancellationToken CancellationToken { get; }

    public Action<string> Verbose { get; }

    public Action<ProgressRecord> Progress { get; }

    /// <summary>
    /// How to see whether a change was made, added to the error when a write may or may not have
    /// happened; for example "Run Get-SdeAlmConnection -ProjectId 7 to see it.".
    /// </summary>
    public string? WriteCheckHint { get; set; }

    /// <summary>
    /// What permission the call needs, added to a 403 error; for example "SD Elements needs the
    /// 'Edit ALM connections' permission for this.".
    /// </summary>
    public string? PermissionHint { get; set; }
}
