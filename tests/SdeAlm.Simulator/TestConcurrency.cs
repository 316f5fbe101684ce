namespace SdeAlm.Simulator;

/// <summary>
/// Connectivity tests of one prefix: how many are in flight now, the most that ever were at once,
/// and how many there were. Lock-free and exact: every increment's own result feeds the maximum.
/// </summary>
internal sealed class TestConcurrency
{
    private long current;
    private long max;
    private long total;

    public long Current => Interlocked.Read(ref current);

    public long Max => Interlocked.Read(ref max);

    public long Total => Interlocked.Read(ref total);

    public void Enter()
    {
        Interlocked.Increment(ref total);
        long now = Interlocked.Increment(ref current);
        long seen = Interlocked.Read(ref max);
        while (now > seen)
        {
            long previous = Interlocked.CompareExchange(ref max, now, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }

    public void Leave() => Interlocked.Decrement(ref current);
}
