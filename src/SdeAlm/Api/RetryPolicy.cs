using System;
using System.Globalization;
using System.Net.Http.Headers;

namespace SdeAlm.Api;

/// <summary>Decides whether and how long to wait before trying a request again.</summary>
internal sealed class RetryPolicy
{
    public RetryPolicy(int maximumRetryCount, int retryIntervalSec)
    {
        MaximumRetryCount = maximumRetryCount;
        RetryInterval = TimeSpan.FromSeconds(retryIntervalSec);
    }

    public int MaximumRetryCount { get; }

    public TimeSpan RetryInterval { get; }

    /// <summary>Only answers that say "try again later" are retried; everything else is final.</summary>
    public static bool IsRetryableStatus(int statusCode) =>
        statusCode is 429 or 502 or 503 or 504;

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based) when the server gave no Retry-After:
    /// the interval doubled each time, so a struggling server gets room.
    /// </summary>
    public TimeSpan Backoff(int retry)
    {
        var factor = Math.Pow(2, Math.Min(retry - 1, 10));
        return TimeSpan.FromTicks((long)(RetryInterval.Ticks * factor));
    }

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
}
