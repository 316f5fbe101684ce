using System;
using System.Threading;

namespace SdeAlm.Api;

/// <summary>
/// What one cmdlet invocation lends the HTTP layer: its Ctrl+C token and its -Verbose stream.
/// The log callback is only called on the thread that made the request.
/// </summary>
internal sealed class RequestContext
{
    public RequestContext(Action<string>? verbose, CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
        Verbose = verbose ?? (_ => { });
    }

    public static RequestContext None { get; } = new(null, CancellationToken.None);

    public CancellationToken CancellationToken { get; }

    public Action<string> Verbose { get; }
}
