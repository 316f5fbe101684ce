using System.Collections.Concurrent;
using Microsoft.Net.Http.Headers;

namespace SdeAlm.Simulator;

/// <summary>
/// Per-prefix request bookkeeping. The running count doubles as the sequence number
/// that drives the stateful scenario options (throttle, fail), and tests read it back
/// through <c>/_sim/requests</c> and <c>/_sim/headers</c>.
/// </summary>
internal sealed class RequestJournal
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Records a request under <paramref name="prefix"/>; returns its 1-based sequence number.</summary>
    public long Record(string prefix, IHeaderDictionary headers)
    {
        Entry entry = entries.GetOrAdd(prefix, static _ => new Entry());
        if (headers.ContainsKey(HeaderNames.Authorization))
        {
            Interlocked.Increment(ref entry.WithAuth);
        }

        entry.LastHeaders = Snapshot(headers);
        return Interlocked.Increment(ref entry.Count);
    }

    public (long Count, long WithAuth) Counts(string prefix) =>
        entries.TryGetValue(prefix, out Entry? entry)
            ? (Interlocked.Read(ref entry.Count), Interlocked.Read(ref entry.WithAuth))
            : (0, 0);

    /// <summary>Headers of the most recent request under <paramref name="prefix"/>, or null if none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? LastHeaders(string prefix) =>
        entries.TryGetValue(prefix, out Entry? entry) ? entry.LastHeaders : null;

    private static KeyValuePair<string, string>[] Snapshot(IHeaderDictionary headers)
    {
        var result = new KeyValuePair<string, string>[headers.Count];
        int i = 0;
        foreach (var (name, values) in headers)
        {
            // Never echo credentials back; tests only need to know one was sent.
            string value = string.Equals(name, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase)
                ? "<present>"
                : values.ToString();
            result[i++] = new(name, value);
        }

        return i == result.Length ? result : result[..i];
    }

    private sealed class Entry
    {
        public long Count;
        public long WithAuth;
        public volatile KeyValuePair<string, string>[]? LastHeaders;
    }
}
