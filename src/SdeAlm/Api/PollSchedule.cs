using System;

namespace SdeAlm.Api;

/// <summary>
/// How long to wait between two rounds of asking about running jobs: about a second at first, so a
/// short sync is seen soon, then half as long again each round up to ten seconds, so a long one costs
/// a request every ten seconds and no more.
/// </summary>
internal sealed class PollSchedule
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);
    private const double Growth = 1.5;

    private TimeSpan _next = First;

    /// <summary>The wait before the next round; each call moves the schedule on.</summary>
    public TimeSpan Next()
    {
        var wait = _next;
        var grown = TimeSpan.FromTicks((long)(_next.Ticks * Growth));
        _next = grown < Longest ? grown : Longest;
        return wait;
    }
}
