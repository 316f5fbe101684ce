using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;

namespace SdeAlm.Api;

/// <summary>
/// The sync job endpoints of one server connection: <c>/api/v2/jobs/alm/</c> (filtered by ALM
/// connection and outcome), one project's <c>/api/v2/projects/{id}/jobs/alm/</c>, and one job by id.
/// Jobs keep these paths on servers that use the issue-tracker names for everything else.
/// </summary>
internal sealed class AlmJobApi
{
    private const string ListPath = "api/v2/jobs/alm/";

    private readonly SdeApiClient _client;
    private readonly object _serverConnection;

    /// <param name="client">The HTTP client of the server connection.</param>
    /// <param name="serverConnection">The server connection the jobs read here will remember.</param>
    public AlmJobApi(SdeApiClient client, object serverConnection)
    {
        _client = client;
        _serverConnection = serverConnection;
    }

    public Uri BaseUri => _client.BaseUri;

    /// <summary>Every page of the jobs that match: of one project or all, of one ALM connection or all, with one outcome or both.</summary>
    public IEnumerable<AlmJob> List(int? projectId, int? almConnectionId, bool? succeeded, RequestContext context)
    {
        var path = projectId is { } project
            ? "api/v2/projects/" + project.ToString(CultureInfo.InvariantCulture) + "/jobs/alm/"
            : ListPath;
        var filters = new List<string>();
        if (almConnectionId is { } connection)
        {
            filters.Add("connection=" + connection.ToString(CultureInfo.InvariantCulture));
        }

        if (succeeded is { } outcome)
        {
            filters.Add("succeeded=" + (outcome ? "true" : "false"));
        }

        var first = _client.Resolve(filters.Count == 0 ? path : path + "?" + string.Join("&", filters));
        var server = _client.BaseUri.ToString();
        foreach (var job in PageWalker.Walk(
            _client.BaseUri,
            first,
            "job list",
            page => _client.GetJson(page, AlmJobJsonContext.Default.AlmJobPage, context)))
        {
            yield return AlmJobMapper.ToJob(job, server, _serverConnection);
        }
    }

    /// <summary>One job by id; a 404 becomes a "no such job" error naming the id.</summary>
    public AlmJob Get(int id, RequestContext context)
    {
        var uri = _client.Resolve(ListPath + id.ToString(CultureInfo.InvariantCulture) + "/");
        try
        {
            return AlmJobMapper.ToJob(_client.GetJson(uri, AlmJobJsonContext.Default.AlmJobWire, context), _client.BaseUri.ToString(), _serverConnection);
        }
        catch (SdeApiException ex) when (ex.StatusCode == 404 && ex.ErrorId == SdeErrorIds.NotFound)
        {
            throw new SdeApiException(
                $"There is no ALM job with id {id} on {_client.BaseUri}. Run Get-SdeAlmJob to list the jobs.",
                SdeErrorIds.AlmJobNotFound,
                ErrorCategory.ObjectNotFound,
                id,
                404,
                ex);
        }
    }
}
