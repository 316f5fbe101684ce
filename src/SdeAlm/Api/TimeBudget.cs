using System;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>
/// -TimeoutSec as a budget for one call: every attempt and back-off comes out of it, and only the
/// waits the server asked for with Retry-After are added on top.
/// </summary>
internal sealed class TimeBudget
{
    private readonly CallClock _clock;
    private readonly TimeSpan _start;
    private TimeSpan _granted;

    public TimeBudget(TimeSpan? total, CallClock? clock = null)
    {
        Total = total;
        _granted = total ?? TimeSpan.Zero;
        _clock = clock ?? CallClock.Real;
        _start = _clock.Now;
    }

    public TimeSpan? Total { get; }

    public TimeSpan? Remaining => Total is null ? null : _granted - (_clock.Now - _start);

    public void Extend(TimeSpan wait) => _granted += wait;

    /// <summary>A token that fires when the user stops or the budget runs out, whichever is first.</summary>
    public CancellationTokenSource StartAttempt(HttpMethod method, Uri uri, CancellationToken userToken)
    {
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(userToken);
        if (Remaining is { } left)
        {
            if (left <= TimeSpan.Zero)
            {
                attempt.Dispose();
                throw TimedOut(method, uri, null);
            }

            attempt.CancelAfter(left);
        }

        return attempt;
    }

    public SdeApiException TimedOut(HttpMethod method, Uri uri, Exception? inner) =>
        new(
            $"{method} {uri} did not complete within -TimeoutSec {Total?.TotalSeconds} seconds. The server may be overloaded; try again or connect with a larger -TimeoutSec.",
            SdeErrorIds.Timeout,
            ErrorCategory.OperationTimeout,
            uri,
            null,
            inner);
}
