using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace SdeAlm.Simulator;

/// <summary>
/// Per-prefix request bookkeeping. The running count doubles as the sequence number
/// that drives the stateful scenario options (throttle, fail), and tests read it back
/// through <c>/_sim/requests</c> (with <c>detail=1</c>: method, path, query and status of
/// each request, in order) and <c>/_sim/headers</c>. Bodies are not kept, except the JSON of job
/// POSTs (they hold no secrets; see <see cref="LoggedRequest.Body"/>).
/// </summary>
internal sealed class RequestJournal
{
    private const string ItemKey = "sim.logged";

    /// <summary>Requests listed per prefix; the counts go on past it (the fuzz and load tests send many).</summary>
    public const int MaxListed = 100_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Records a request under <paramref name="prefix"/>; returns its 1-based sequence number and its log line.</summary>
    public (long Sequence, LoggedRequest Logged) Record(string prefix, IHeaderDictionary headers, string method, string path, string query)
    {
        Entry entry = entries.GetOrAdd(prefix, static _ => new Entry());
        if (headers.ContainsKey(HeaderNames.Authorization))
        {
            Interlocked.Increment(ref entry.WithAuth);
        }

        entry.LastHeaders = Snapshot(headers);
        var logged = new LoggedRequest(method, path, query);
        long sequence;
        lock (entry.Requests)
        {
            // Under the lock so that the list order is the sequence order.
            sequence = Interlocked.Increment(ref entry.Count);
            if (entry.Requests.Count < MaxListed)
            {
                entry.Requests.Add(logged);
            }
        }

        return (sequence, logged);
    }

    /// <summary>Lets the API find the log line of the request it is answering (see <see cref="Find"/>).</summary>
    public static void Attach(HttpContext context, LoggedRequest logged) => context.Items[ItemKey] = logged;

    /// <summary>The log line of the request being answered, if it was recorded.</summary>
    public static LoggedRequest? Find(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out object? logged) ? logged as LoggedRequest : null;

    public (long Count, long WithAuth) Counts(string prefix) =>
        entries.TryGetValue(prefix, out Entry? entry)
            ? (Interlocked.Read(ref entry.Count), Interlocked.Read(ref entry.WithAuth))
            : (0, 0);

    /// <summary>The requests seen under <paramref name="prefix"/>, oldest first (at most <see cref="MaxListed"/>).</summary>
    public IReadOnlyList<LoggedRequest> Requests(string prefix)
    {
        if (!entries.TryGetValue(prefix, out Entry? entry))
        {
            return [];
        }

        lock (entry.Requests)
        {
            return [.. entry.Requests];
        }
    }

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
        public readonly List<LoggedRequest> Requests = [];
    }
}

/// <summary>One request as the journal lists it: the path is relative to the context root (<c>api/v2/…</c>); Status is 0 until answered.</summary>
internal sealed class LoggedRequest(string method, string path, string query)
{
    public string Method { get; } = method;

    public string Path { get; } = path;

    public string Query { get; } = query;

    public int Status { get; set; }

    /// <summary>The parsed JSON body of a job POST (they hold no secrets); null for every other request.</summary>
    public JsonNode? Body { get; set; }
}
