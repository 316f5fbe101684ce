using System;
using System.Runtime.CompilerServices;
using System.Threading;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>
/// Which names a server gives a family of endpoints: <c>alm</c> (SD Elements 4.x and 5.x) or
/// <c>issue-tracker</c> (current releases). The first request tries <c>alm</c> and, on 404,
/// <c>issue-tracker</c>; the answer is remembered per server connection, so each connection pays at most
/// one extra request. Parallel callers sharing a connection (runspaces, or the requests of one
/// -ThrottleLimit run) wait for that first answer rather than each probing. Connectors and ALM
/// connections are one family; jobs are another, since current releases keep them at <c>jobs/alm/</c>.
/// </summary>
#pragma warning disable CA1001 // SemaphoreSlim holds no OS handle unless AvailableWaitHandle is used; it lives as long as the client.
internal sealed class AlmPathGeneration
#pragma warning restore CA1001
{
    public const string Alm = "alm";
    public const string IssueTracker = "issue-tracker";

    private static readonly ConditionalWeakTable<SdeApiClient, AlmPathGeneration> s_byClient = new();
    private static readonly ConditionalWeakTable<SdeApiClient, AlmPathGeneration> s_jobsByClient = new();

    private readonly SemaphoreSlim _probing = new(1, 1);
    private readonly Uri _baseUri;
    private readonly string _paths;
    private string? _segment;

    private AlmPathGeneration(Uri baseUri, string paths)
    {
        _baseUri = baseUri;
        _paths = paths;
    }

    /// <summary>The generation of one server connection's connector and ALM connection paths, made on first use and dropped with the client.</summary>
    public static AlmPathGeneration For(SdeApiClient client) =>
        s_byClient.GetValue(client, c => new AlmPathGeneration(c.BaseUri, "connector and ALM connection paths"));

    /// <summary>The generation of one server connection's job paths (<c>jobs/…/</c>, <c>projects/{id}/jobs/…/</c>).</summary>
    public static AlmPathGeneration ForJobs(SdeApiClient client) =>
        s_jobsByClient.GetValue(client, c => new AlmPathGeneration(c.BaseUri, "job paths"));

    /// <summary>The path segment once known (alm or issue-tracker); null before the first answer.</summary>
    public string? Known => Volatile.Read(ref _segment);

    /// <summary>
    /// Runs <paramref name="request"/> with the generation's path segment. While the generation is
    /// unknown: tries <c>alm</c>, then <c>issue-tracker</c> after a 404, and remembers the first segment
    /// the server answered with anything but 404. When both answer 404, throws what
    /// <paramref name="bothMissing"/> makes of the two errors (a wrong context root, or an id that does not exist).
    /// </summary>
    public T Call<T>(Func<string, T> request, Func<SdeApiException, SdeApiException, SdeApiException> bothMissing, RequestContext context)
    {
        if (Known is { } known)
        {
            return request(known);
        }

        _probing.Wait(context.CancellationToken);
        try
        {
            if (Known is { } decided)
            {
                return request(decided);
            }

            SdeApiException almMissing;
            try
            {
                return Remember(Alm, request, context);
            }
            catch (SdeApiException ex) when (ex.StatusCode == 404)
            {
                almMissing = ex;
            }

            context.Verbose($"SD Elements at {_baseUri} has no 'alm' {_paths} (404); trying the 'issue-tracker' names of current releases.");
            try
            {
                return Remember(IssueTracker, request, context);
            }
            catch (SdeApiException ex) when (ex.StatusCode == 404)
            {
                throw bothMissing(almMissing, ex);
            }
        }
        finally
        {
            _probing.Release();
        }
    }

    private T Remember<T>(string segment, Func<string, T> request, RequestContext context)
    {
        try
        {
            var result = request(segment);
            Decide(segment, context);
            return result;
        }
        catch (SdeApiException ex) when (ex.StatusCode is { } status && status != 404)
        {
            // Any answer but 404 (a 400, a 403, a 500) shows the path exists.
            Decide(segment, context);
            throw;
        }
    }

    private void Decide(string segment, RequestContext context)
    {
        Volatile.Write(ref _segment, segment);
        context.Verbose(segment == Alm
            ? $"SD Elements at {_baseUri} uses the 'alm' {_paths} (SD Elements 4.x and 5.x); remembered for this server connection."
            : $"SD Elements at {_baseUri} uses the 'issue-tracker' {_paths} (current releases); remembered for this server connection.");
    }
}
