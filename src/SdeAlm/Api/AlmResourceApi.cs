using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using SdeAlm.Errors;
using SdeAlm.Json;

namespace SdeAlm.Api;

/// <summary>
/// The connector and ALM connection endpoints of one server connection: lists (following <c>next</c>),
/// one by id, create and update, on whichever path generation the server has.
/// </summary>
internal sealed class AlmResourceApi
{
    /// <summary>Adds an ALM connection's last sync job to it.</summary>
    private const string IncludeLastJob = "include=last_job";

    private readonly SdeApiClient _client;
    private readonly AlmPathGeneration _generation;

    public AlmResourceApi(SdeApiClient client)
    {
        _client = client;
        _generation = AlmPathGeneration.For(client);
    }

    public Uri BaseUri => _client.BaseUri;

    public IEnumerable<AlmConnectorWire> ListConnectors(RequestContext context) =>
        List(AlmEndpoint.Connector, null, AlmResourceJsonContext.Default.AlmConnectorPage, context);

    /// <summary>Each connector's id, name and plugin id, without its settings: what Tab completion shows.</summary>
    public IEnumerable<(int Id, string Name, string PluginId)> ListConnectorNames(RequestContext context) =>
        ListConnectors(context).Select(wire => (wire.Id, wire.Name ?? string.Empty, wire.System?.Id ?? string.Empty));

    /// <summary>
    /// Every ALM connection, or one project's (the server filters with <c>?project=</c>); with
    /// <paramref name="includeLastJob"/> each carries its last sync job (<c>?include=last_job</c>).
    /// </summary>
    public IEnumerable<AlmConnectionWire> ListConnections(int? projectId, RequestContext context, bool includeLastJob = false)
    {
        var filters = new List<string>();
        if (projectId is { } project)
        {
            filters.Add("project=" + project.ToString(CultureInfo.InvariantCulture));
        }

        if (includeLastJob)
        {
            filters.Add(IncludeLastJob);
        }

        return List(
            AlmEndpoint.Connection,
            filters.Count == 0 ? null : "?" + string.Join("&", filters),
            AlmResourceJsonContext.Default.AlmConnectionPage,
            context);
    }

    public AlmConnectorWire GetConnector(int id, RequestContext context) =>
        GetOne(AlmEndpoint.Connector, id, AlmResourceJsonContext.Default.AlmConnectorWire, context);

    public AlmConnectionWire GetConnection(int id, RequestContext context, bool includeLastJob = false) =>
        GetOne(AlmEndpoint.Connection, id, AlmResourceJsonContext.Default.AlmConnectionWire, context, includeLastJob ? "?" + IncludeLastJob : null);

    /// <summary>POSTs a new connector; a 404 on the 'alm' path (nothing created) moves to the 'issue-tracker' path.</summary>
    public AlmConnectorWire CreateConnector(byte[] body, RequestContext context) =>
        Create(AlmEndpoint.Connector, body, AlmResourceJsonContext.Default.AlmConnectorWire, context);

    public AlmConnectionWire CreateConnection(byte[] body, RequestContext context) =>
        Create(AlmEndpoint.Connection, body, AlmResourceJsonContext.Default.AlmConnectionWire, context);

    /// <summary>PATCHes a connector with the properties in <paramref name="body"/>.</summary>
    public AlmConnectorWire UpdateConnector(int id, byte[] body, RequestContext context) =>
        Update(AlmEndpoint.Connector, id, body, AlmResourceJsonContext.Default.AlmConnectorWire, context);

    public AlmConnectionWire UpdateConnection(int id, byte[] body, RequestContext context) =>
        Update(AlmEndpoint.Connection, id, body, AlmResourceJsonContext.Default.AlmConnectionWire, context);

    /// <summary>DELETEs a connector; see <see cref="Delete"/>.</summary>
    public void DeleteConnector(int id, RequestContext context) =>
        Delete(AlmEndpoint.Connector, id, () => GetConnector(id, context), context);

    /// <summary>DELETEs an ALM connection; see <see cref="Delete"/>.</summary>
    public void DeleteConnection(int id, RequestContext context) =>
        Delete(AlmEndpoint.Connection, id, () => GetConnection(id, context), context);

    private T Create<T>(AlmEndpoint kind, byte[] body, JsonTypeInfo<T> answerType, RequestContext context)
        where T : class =>
        _generation.Call(
            generation => Write(HttpMethod.Post, _client.Resolve(kind.CollectionPath(generation)), body, answerType, context),
            (_, last) => kind.CollectionMissing(_client.BaseUri, last),
            context);

    private T Update<T>(AlmEndpoint kind, int id, byte[] body, JsonTypeInfo<T> answerType, RequestContext context)
        where T : class
    {
        try
        {
            return _generation.Call(
                generation => Write(new HttpMethod("PATCH"), _client.Resolve(kind.ItemPath(generation, id)), body, answerType, context),
                (_, last) => kind.NotFound(id, _client.BaseUri, bothPaths: true, last),
                context);
        }
        catch (SdeApiException ex) when (ex.StatusCode == 404 && ex.ErrorId == SdeErrorIds.NotFound)
        {
            throw kind.NotFound(id, _client.BaseUri, bothPaths: false, ex);
        }
    }

    /// <summary>
    /// DELETEs a resource, sent once like every write (only a 429 or 503 that says the server did not
    /// act is sent again). SD Elements does not document DELETE for connectors and ALM connections: a
    /// 405, or a 404 for a resource that <paramref name="read"/> still finds (a server that hides the
    /// method), is SdeAlmRemoveNotAllowed; a 404 for one that is gone is the usual "no such id".
    /// </summary>
    private void Delete(AlmEndpoint kind, int id, Action read, RequestContext context)
    {
        try
        {
            _generation.Call(
                generation => _client.Send(HttpMethod.Delete, _client.Resolve(kind.ItemPath(generation, id)), null, SdeJsonContext.Default.JsonElement, context),
                (_, last) => kind.NotFound(id, _client.BaseUri, bothPaths: true, last),
                context);
        }
        catch (SdeApiException ex) when (ex.StatusCode == 405)
        {
            throw kind.RemoveNotAllowed(id, _client.BaseUri, ex);
        }
        catch (SdeApiException ex) when (ex.StatusCode == 400 && kind == AlmEndpoint.Connector)
        {
            // SD Elements refuses to remove a connector that ALM connections use; its words name them.
            throw new SdeApiException(
                $"{ex.Message} Remove those ALM connections first (Get-SdeAlmConnection | Where-Object ConnectorId -EQ {id} | Remove-SdeAlmConnection), or point them at another connector.",
                ex.ErrorId,
                ex.Category,
                ex.TargetObject,
                ex.StatusCode,
                ex,
                ex.ServerMessages);
        }
        catch (SdeApiException ex) when (ex.StatusCode == 404 && (ex.ErrorId == SdeErrorIds.NotFound || ex.ErrorId == kind.NotFoundErrorId))
        {
            try
            {
                read();
            }
            catch (SdeApiException gone) when (gone.ErrorId == kind.NotFoundErrorId)
            {
                throw kind.NotFound(id, _client.BaseUri, bothPaths: false, ex);
            }

            throw kind.RemoveNotAllowed(id, _client.BaseUri, ex);
        }
    }

    /// <summary>Sends a write and reads the resource the server answers with.</summary>
    private T Write<T>(HttpMethod method, Uri uri, byte[] body, JsonTypeInfo<T> answerType, RequestContext context)
        where T : class =>
        _client.Send(method, uri, body, answerType, context)
        ?? throw new SdeApiException(
            $"{method} {uri} answered 204 No Content where SD Elements sends the resource it wrote. Check that -Server points at SD Elements.",
            SdeErrorIds.InvalidJson,
            ErrorCategory.InvalidData,
            uri,
            204);

    private T GetOne<T>(AlmEndpoint kind, int id, JsonTypeInfo<T> answerType, RequestContext context, string? query = null)
        where T : class
    {
        try
        {
            return _generation.Call(
                generation => _client.GetJson(_client.Resolve(kind.ItemPath(generation, id) + query), answerType, context),
                (_, last) => kind.NotFound(id, _client.BaseUri, bothPaths: true, last),
                context);
        }
        catch (SdeApiException ex) when (ex.StatusCode == 404 && ex.ErrorId == SdeErrorIds.NotFound)
        {
            throw kind.NotFound(id, _client.BaseUri, bothPaths: false, ex);
        }
    }

    private IEnumerable<T> List<T>(AlmEndpoint kind, string? query, JsonTypeInfo<PageWire<T>> pageType, RequestContext context)
        where T : class
    {
        Uri? first = null;
        var firstPage = _generation.Call(
            generation =>
            {
                first = _client.Resolve(kind.CollectionPath(generation) + query);
                return _client.GetJson(first, pageType, context);
            },
            (_, last) => kind.CollectionMissing(_client.BaseUri, last),
            context);

        // The first page was read while finding which generation of paths the server has; the walker
        // reads the pages after it.
        foreach (var item in PageWalker.Walk(
            _client.BaseUri,
            first!,
            kind.Noun + " list",
            uri => ReferenceEquals(uri, first) ? firstPage : _client.GetJson(uri, pageType, context)))
        {
            yield return item;
        }
    }
}
