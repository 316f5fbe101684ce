using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;

namespace SdeAlm.Api;

/// <summary>
/// The sync job endpoints of one server connection: <c>/api/v2/jobs/alm/</c> (filtered by ALM
/// connection, outcome and whether finished), one project's <c>/api/v2/projects/{id}/jobs/alm/</c>
/// (where a sync is queued), and one job by id. Current releases keep these <c>alm</c> paths; a server
/// that answers 404 there is tried with <c>issue-tracker</c>, remembered per server connection.
/// </summary>
internal sealed class AlmJobApi
{
    private const string ListName = "job list";

    private readonly SdeApiClient _client;
    private readonly object _serverConnection;
    private readonly AlmPathGeneration _generation;

    /// <param name="client">The HTTP client of the server connection.</param>
    /// <param name="serverConnection">The server connection the jobs read here will remember.</param>
    public AlmJobApi(SdeApiClient client, object serverConnection)
    {
        _client = client;
        _serverConnection = serverConnection;
        _generation = AlmPathGeneration.ForJobs(client);
    }

    public Uri BaseUri => _client.BaseUri;

    /// <summary>
    /// The jobs that match, newest first: the job SD Elements made last (the highest id) first. The
    /// server lists jobs oldest first, so each list is read from its last page backwards and a reader
    /// who stops early does not cost the whole history. Several ALM connections are one list each,
    /// merged by id as they are read.
    /// </summary>
    public IEnumerable<AlmJob> NewestFirst(int? projectId, IReadOnlyCollection<int>? almConnectionIds, bool? succeeded, RequestContext context)
    {
        if (almConnectionIds is null || almConnectionIds.Count == 0)
        {
            return Backwards(projectId, null, succeeded, context);
        }

        return MergeNewestFirst([.. almConnectionIds.Distinct().Select(id => Backwards(projectId, id, succeeded, context))]);
    }

    /// <summary>
    /// The jobs that have not finished yet (<c>?ready=false</c>), every page, in the server's order. A
    /// server that ignores the filter sends finished jobs too, each with its <c>Ready</c>.
    /// </summary>
    public IEnumerable<AlmJob> Unfinished(RequestContext context)
    {
        var (first, firstPage) = FirstPage(null, "?ready=false", context);
        var server = _client.BaseUri.ToString();
        foreach (var job in PageWalker.Walk(_client.BaseUri, first, ListName, uri => ReferenceEquals(uri, first) ? firstPage : _client.GetJson(uri, AlmJobJsonContext.Default.AlmJobPage, context)))
        {
            yield return AlmJobMapper.ToJob(job, server, _serverConnection);
        }
    }

    /// <summary>One job by id; a 404 becomes a "no such job" error naming the id.</summary>
    public AlmJob Get(int id, RequestContext context)
    {
        try
        {
            var wire = _generation.Call(
                generation => _client.GetJson(_client.Resolve(ListPath(generation, null) + Text(id) + "/"), AlmJobJsonContext.Default.AlmJobWire, context),
                (_, last) => NoSuchJob(id, bothPaths: true, last),
                context);
            return AlmJobMapper.ToJob(wire, _client.BaseUri.ToString(), _serverConnection);
        }
        catch (SdeApiException ex) when (ex.StatusCode == 404 && ex.ErrorId == SdeErrorIds.NotFound)
        {
            throw NoSuchJob(id, bothPaths: false, ex);
        }
    }

    /// <summary>
    /// Queues a sync of an ALM connection now (<c>POST /api/v2/projects/{project}/jobs/alm/</c>) and
    /// returns the job SD Elements made. A write: never sent again when the server may have acted. A
    /// refusal that concerns this ALM connection (a sync already queued or running, an ALM connection
    /// the server does not have, no permission for its project) is <see cref="SdeErrorIds.AlmSyncNotStarted"/>
    /// with the server's words.
    /// </summary>
    public AlmJob Start(int projectId, int almConnectionId, RequestContext context)
    {
        var body = AlmJobRequestBody.Start(almConnectionId);
        try
        {
            var wire = _generation.Call(
                generation =>
                {
                    var uri = _client.Resolve(ListPath(generation, projectId));
                    return _client.Send(HttpMethod.Post, uri, body, AlmJobJsonContext.Default.AlmJobWire, context)
                        ?? throw new SdeApiException(
                            $"POST {uri} answered 204 No Content where SD Elements sends the job it queued. Check that -Server points at SD Elements.",
                            SdeErrorIds.InvalidJson,
                            ErrorCategory.InvalidData,
                            uri,
                            204);
                },
                (_, last) => NoJobsApi(projectId, last),
                context);
            return AlmJobMapper.ToJob(wire, _client.BaseUri.ToString(), _serverConnection, almConnectionId, projectId);
        }
        catch (SdeApiException ex) when (ex.StatusCode is 400 or 403 or 404
            && ex.ErrorId is SdeErrorIds.BadRequest or SdeErrorIds.PermissionDenied or SdeErrorIds.NotFound)
        {
            throw NotStarted(projectId, almConnectionId, ex);
        }
    }

    /// <summary>One list read from its end; a job that a page boundary moved (a job deleted meanwhile) comes once.</summary>
    private IEnumerable<AlmJob> Backwards(int? projectId, int? almConnectionId, bool? succeeded, RequestContext context)
    {
        var filters = new List<string>();
        if (almConnectionId is { } connection)
        {
            filters.Add("connection=" + Text(connection));
        }

        if (succeeded is { } outcome)
        {
            filters.Add("succeeded=" + (outcome ? "true" : "false"));
        }

        var (first, firstPage) = FirstPage(projectId, filters.Count == 0 ? string.Empty : "?" + string.Join("&", filters), context);
        var server = _client.BaseUri.ToString();
        var seen = new HashSet<int>();
        foreach (var job in PageWalker.WalkBackwards(
            _client.BaseUri,
            first,
            ListName,
            uri => ReferenceEquals(uri, first) ? firstPage : _client.GetJson(uri, AlmJobJsonContext.Default.AlmJobPage, context),
            context))
        {
            if (seen.Add(job.Id))
            {
                yield return AlmJobMapper.ToJob(job, server, _serverConnection);
            }
        }
    }

    /// <summary>The first page of a job list, read while finding which names the server gives its job paths.</summary>
    private (Uri First, PageWire<AlmJobWire> Page) FirstPage(int? projectId, string query, RequestContext context)
    {
        Uri? first = null;
        var page = _generation.Call(
            generation =>
            {
                first = _client.Resolve(ListPath(generation, projectId) + query);
                return _client.GetJson(first, AlmJobJsonContext.Default.AlmJobPage, context);
            },
            (_, last) => NoJobsApi(projectId, last),
            context);
        return (first!, page);
    }

    /// <summary>Merges lists that are each newest first into one, reading each only as far as needed.</summary>
    private static IEnumerable<AlmJob> MergeNewestFirst(List<IEnumerable<AlmJob>> lists)
    {
        var readers = new List<IEnumerator<AlmJob>>();
        try
        {
            foreach (var list in lists)
            {
                var reader = list.GetEnumerator();
                readers.Add(reader);
                if (!reader.MoveNext())
                {
                    reader.Dispose();
                    readers.Remove(reader);
                }
            }

            while (readers.Count > 0)
            {
                var newest = readers[0];
                foreach (var reader in readers)
                {
                    if (reader.Current.Id > newest.Current.Id)
                    {
                        newest = reader;
                    }
                }

                yield return newest.Current;
                if (!newest.MoveNext())
                {
                    newest.Dispose();
                    readers.Remove(newest);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static string ListPath(string generation, int? projectId) =>
        projectId is { } project ? $"api/v2/projects/{Text(project)}/jobs/{generation}/" : $"api/v2/jobs/{generation}/";

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private SdeApiException NoSuchJob(int id, bool bothPaths, Exception inner) =>
        new(
            bothPaths
                ? $"There is no ALM job with id {id} on {_client.BaseUri}: both the 'alm' and the 'issue-tracker' job paths answered 404. Run Get-SdeAlmJob to list the jobs; if that fails too, check that -Server on Connect-Sde includes SD Elements' context root."
                : $"There is no ALM job with id {id} on {_client.BaseUri}. Run Get-SdeAlmJob to list the jobs.",
            SdeErrorIds.AlmJobNotFound,
            ErrorCategory.ObjectNotFound,
            id,
            404,
            inner);

    /// <summary>Neither name of the job paths exists: one error for the whole command, not one per record.</summary>
    private SdeApiException NoJobsApi(int? projectId, Exception inner) =>
        new(
            $"SD Elements at {_client.BaseUri} offers no jobs API: both {ListPath(AlmPathGeneration.Alm, projectId)} and {ListPath(AlmPathGeneration.IssueTracker, projectId)} answered 404. Check that -Server on Connect-Sde includes SD Elements' context root (for example https://sde.example.com/sde/); if it does, this SD Elements version does not offer sync jobs through its API: start and follow syncs in its web interface.",
            SdeErrorIds.AlmApiNotFound,
            ErrorCategory.ObjectNotFound,
            _client.BaseUri,
            404,
            inner);

    private static SdeApiException NotStarted(int projectId, int almConnectionId, SdeApiException refusal)
    {
        var said = refusal.ServerMessages.Count == 0 ? string.Empty : " The server said: " + string.Join(" ", refusal.ServerMessages);
        var connection = $"ALM connection {almConnectionId} (project {projectId})";
        var (message, category) = refusal.StatusCode switch
        {
            403 => ($"The API token's user may not start a sync of {connection} (403 Forbidden).{said} Ask an SD Elements administrator for access to project {projectId}.", ErrorCategory.PermissionDenied),
            404 => ($"SD Elements did not find {connection} to start its sync (404 Not Found).{said} Run Get-SdeAlmConnection -Id {almConnectionId} to see whether it still exists.", ErrorCategory.ObjectNotFound),
            _ => ($"SD Elements did not start a sync of {connection}.{said} Run Get-SdeAlmJob -AlmConnectionId {almConnectionId} to see its jobs.", ErrorCategory.InvalidOperation),
        };
        return new SdeApiException(message, SdeErrorIds.AlmSyncNotStarted, category, almConnectionId, refusal.StatusCode, refusal, refusal.ServerMessages);
    }
}
