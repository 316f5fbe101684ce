using System;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>
/// One call's retries: whether a failure may be tried again (by the call's <see cref="RetryRule"/>),
/// how long to wait first (Retry-After, else a doubling back-off) and the -TimeoutSec budget every
/// attempt and wait comes out of: no call runs past -TimeoutSec from its start. Waits run on the
/// calling thread, so progress can be shown.
/// </summary>
internal sealed class RetryPolicy
{
    /// <summary>Waits at least this long show a progress bar, so a long Retry-After is not silent.</summary>
    internal static readonly TimeSpan ProgressThreshold = TimeSpan.FromSeconds(1);

    private const int ProgressActivityId = 0x5DE;

    private readonly TimeBudget _budget;
    private readonly CallClock _clock;

    public RetryPolicy(RetryRule rule, int maximumRetryCount, TimeSpan retryInterval, TimeSpan? timeout, CallClock? clock = null)
    {
        Rule = rule;
        MaximumRetryCount = maximumRetryCount;
        RetryInterval = retryInterval;
        _clock = clock ?? CallClock.Real;
        _budget = new TimeBudget(timeout, _clock);
    }

    public RetryRule Rule { get; }

    public int MaximumRetryCount { get; }

    public TimeSpan RetryInterval { get; }

    /// <summary>How many times the call was sent again so far.</summary>
    public int Retries { get; private set; }

    /// <summary>
    /// Why the last failure was not retried although it could have been: its wait would not end
    /// within -TimeoutSec. A sentence for the error; null when that was not the reason.
    /// </summary>
    public string? NotRetried { get; private set; }

    /// <summary>
    /// Whether an answer says "try again later" under <paramref name="rule"/>. A write is repeated only
    /// when the server said it did not act: 429, or 503 with Retry-After. A 502 or 504 comes from a
    /// gateway that may have passed the write on.
    /// </summary>
    public static bool IsRetryableStatus(RetryRule rule, int statusCode, bool hasRetryAfter) =>
        rule == RetryRule.Read
            ? statusCode is 429 or 502 or 503 or 504
            : statusCode == 429 || (statusCode == 503 && hasRetryAfter);

    /// <summary>Reads Retry-After as seconds or as an HTTP date; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public static string Describe(TimeSpan wait) =>
        wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based) when the server gave no Retry-After:
    /// the interval doubled each time, so a struggling server gets room.
    /// </summary>
    public TimeSpan Backoff(int retry)
    {
        var factor = Math.Pow(2, Math.Min(retry - 1, 10));
        return TimeSpan.FromTicks((long)(RetryInterval.Ticks * factor));
    }

    /// <inheritdoc cref="TimeBudget.StartAttempt"/>
    public CancellationTokenSource StartAttempt(HttpMethod method, Uri uri, CancellationToken userToken) =>
        _budget.StartAttempt(method, uri, userToken);

    public SdeApiException TimedOut(HttpMethod method, Uri uri, Exception? inner) => _budget.TimedOut(method, uri, inner);

    /// <inheritdoc cref="TimeBudget.Remaining"/>
    public TimeSpan? Remaining => _budget.Remaining;

    /// <summary>
    /// After a request got no answer, or only part of one: waits the back-off and returns true when it
    /// may be sent again. Only reads are repeated, since a write may have reached the server before the
    /// connection broke.
    /// </summary>
    public bool RetryAfterNoAnswer(bool transient, string request, RequestContext context, string what = "got no answer")
    {
        NotRetried = null;
        if (Rule != RetryRule.Read || !transient || Retries >= MaximumRetryCount)
        {
            return false;
        }

        return WaitForRetry(Backoff(Retries + 1), serverAsked: false, $"{request} {what}", context);
    }

    /// <summary>After a failure status: waits as the server asked (or the back-off) and returns true when the request may be sent again.</summary>
    public bool RetryAfterAnswer(HttpResponseMessage response, string request, TimeSpan elapsed, RequestContext context)
    {
        NotRetried = null;
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter(response.Headers.RetryAfter, _clock.UtcNow);
        if (!IsRetryableStatus(Rule, status, retryAfter.HasValue) || Retries >= MaximumRetryCount)
        {
            return false;
        }

        var outcome = $"{status} {response.ReasonPhrase}".TrimEnd();
        var wait = retryAfter ?? Backoff(Retries + 1);
        context.Verbose($"{request} -> {outcome} in {(long)elapsed.TotalMilliseconds} ms; retry {Retries + 1} of {MaximumRetryCount} in {Describe(wait)}");
        var reason = retryAfter.HasValue ? $"{request} answered {outcome}; the server asked to wait" : $"{request} answered {outcome}";
        return WaitForRetry(wait, serverAsked: retryAfter.HasValue, reason, context);
    }

    /// <summary>Waits before a retry unless the wait would not end within the call's time budget, or the user stops.</summary>
    private bool WaitForRetry(TimeSpan wait, bool serverAsked, string reason, RequestContext context)
    {
        // -TimeoutSec bounds the whole call: the server's Retry-After comes out of it like our own
        // back-off, and must leave time for the retry itself.
        if (_budget.Remaining is { } left && wait >= left)
        {
            context.Verbose($"Not retrying: waiting {Describe(wait)} would exceed -TimeoutSec.");
            var timeout = "-TimeoutSec " + _budget.Total!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            var wasLeft = Describe(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            NotRetried = serverAsked
                ? $"The server asked to wait {Describe(wait)} before trying again, longer than {timeout} allows ({wasLeft} of it left): try again later, or connect with a larger -TimeoutSec."
                : $"Retry {Retries + 1} would have waited {Describe(wait)}, longer than {timeout} allows ({wasLeft} of it left): try again later, or connect with a larger -TimeoutSec.";
            return false;
        }

        if (wait >= ProgressThreshold)
        {
            WaitShowingProgress(wait, reason, context);
        }
        else
        {
            Sleep(wait, context.CancellationToken);
        }

        Retries++;
        return true;
    }

    /// <summary>A progress bar that counts down the wait, a second at a time; Ctrl+C ends it at once.</summary>
    private void WaitShowingProgress(TimeSpan wait, string reason, RequestContext context)
    {
        var activity = $"Waiting {Describe(wait)} before retry {Retries + 1} of {MaximumRetryCount}";
        var end = _clock.Now + wait;
        try
        {
            for (var left = wait; left > TimeSpan.Zero; left = end - _clock.Now)
            {
                context.Progress(new ProgressRecord(ProgressActivityId, activity, reason)
                {
                    SecondsRemaining = (int)Math.Ceiling(left.TotalSeconds),
                    PercentComplete = (int)(100 * (1 - (left.TotalMilliseconds / wait.TotalMilliseconds))),
                });
                Sleep(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), context.CancellationToken);
            }
        }
        finally
        {
            if (!context.CancellationToken.IsCancellationRequested)
            {
                context.Progress(new ProgressRecord(ProgressActivityId, activity, reason) { RecordType = ProgressRecordType.Completed });
            }
        }
    }

    private void Sleep(TimeSpan wait, CancellationToken userToken)
    {
        if (!_clock.Wait(wait, userToken))
        {
            userToken.ThrowIfCancellationRequested();
        }
    }
}
