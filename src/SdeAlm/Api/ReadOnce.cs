using System;
using System.Threading;

namespace SdeAlm.Api;

/// <summary>
/// A value read from the server the first time it is needed and kept: callers on several threads at
/// once (the requests of a -ThrottleLimit run) wait for that one read instead of each making it. A read
/// that throws keeps nothing, so the next caller reads again; the wait ends with Ctrl+C.
/// </summary>
#pragma warning disable CA1001 // SemaphoreSlim holds no OS handle unless AvailableWaitHandle is used; it lives as long as the value.
internal sealed class ReadOnce<T>
#pragma warning restore CA1001
    where T : class
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private T? _value;

    public T Get(Func<T> read, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _value) is { } known)
        {
            return known;
        }

        _reading.Wait(cancellationToken);
        try
        {
            if (_value is { } readMeanwhile)
            {
                return readMeanwhile;
            }

            var value = read();
            Volatile.Write(ref _value, value);
            return value;
        }
        finally
        {
            _reading.Release();
        }
    }
}
