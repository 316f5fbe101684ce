using System;
using System.Diagnostics;
using System.Threading;

namespace SdeAlm.Api;

/// <summary>
/// The time a call's -TimeoutSec budget and its retry waits are measured and spent in. Tests pass one
/// whose time moves only when it is waited on, so the bounds are checked without sleeping.
/// </summary>
internal class CallClock
{
    private static readonly Stopwatch s_started = Stopwatch.StartNew();

    public static CallClock Real { get; } = new();

    /// <summary>A monotonic reading, for measuring how long something took; not a time of day.</summary>
    public virtual TimeSpan Now => s_started.Elapsed;

    /// <summary>The time of day, to read a Retry-After date.</summary>
    public virtual DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    /// <summary>Waits <paramref name="wait"/>; false when <paramref name="token"/> fired first.</summary>
    public virtual bool Wait(TimeSpan wait, CancellationToken token) => !token.WaitHandle.WaitOne(wait);
}
