using System;
using System.Threading;
using SdeAlm.Api;

namespace SdeAlm.Tests;

/// <summary>
/// A clock whose time moves only when the code under test waits on it (or a test advances it): hours
/// of retry waits take no time, and what was waited is known exactly.
/// </summary>
internal sealed class FakeClock : CallClock
{
    /// <summary>The time of day at <see cref="CallClock.Now"/> zero, for Retry-After dates.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private long _ticks;
    private long _waitedTicks;

    public override TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public override DateTimeOffset UtcNow => Epoch + Now;

    /// <summary>The sum of every wait the code asked for.</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override bool Wait(TimeSpan wait, CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return false;
        }

        Interlocked.Add(ref _waitedTicks, wait.Ticks);
        Advance(wait);
        return true;
    }
}
