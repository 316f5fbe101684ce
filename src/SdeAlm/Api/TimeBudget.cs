using System;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>
/// -TimeoutSec as a budget for one call, counted from its start: every attempt and every wait (our
/// back-off and the server's Retry-After alike) comes out of it, so no call runs longer.
/// </summary>
internal sealed class TimeBudget
{
    private readonly CallClock _clock;
    private readonly TimeSpan _start;

    public TimeBudget(TimeSpan? total, CallClock? clock = null)
    {
        Total = total;
        _clock = clock ?? CallClock.Real;
        _start = _clock.Now;
    }

    public TimeSpan? Total { get; }

    /// <summary>What is left of the budget (negative once it is spent); null without a limit.</summary>
    public TimeSpan? Remaining => Total - (_clock.Now - _start);

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
