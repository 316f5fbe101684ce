using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Api;

/// <summary>
/// What one pipeline reads once from one server connection: the plugin catalog (to know each plugin's
/// fields and secrets) and each connector an ALM connection refers to. 500 piped rows make one catalog
/// read and one read per distinct connector, not 500. Lives as long as the cmdlet invocation.
/// </summary>
internal sealed class AlmReadCache
{
    private readonly SdeApiClient _client;
    private readonly object _serverConnection;
    private readonly string _server;
    private readonly Dictionary<int, (AlmConnector? Connector, ExceptionDispatchInfo? Failure)> _connectors = [];
    private PluginCatalogIndex? _catalog;

    /// <param name="client">The HTTP client of the server connection.</param>
    /// <param name="serverConnection">The server connection the objects read here will remember.</param>
    /// <param name="server">The server as the server connection names it.</param>
    public AlmReadCache(SdeApiClient client, object serverConnection, string server)
    {
        _client = client;
        _serverConnection = serverConnection;
        _server = server;
        Api = new AlmResourceApi(client);
    }

    public AlmResourceApi Api { get; }

    /// <summary>The server's plugin catalog, read on first use.</summary>
    public PluginCatalogIndex Catalog(RequestContext context) =>
        _catalog ??= new PluginCatalogIndex(new AlmPluginCatalog(_client).GetAll(context));

    /// <summary>A connector by id, read once; a failure (such as an unknown id) is remembered and thrown again.</summary>
    public AlmConnector Connector(int id, RequestContext context)
    {
        if (!_connectors.TryGetValue(id, out var known))
        {
            try
            {
                known = (ToConnector(Api.GetConnector(id, context), context), null);
            }
            catch (SdeApiException ex) when (ex.StatusCode is >= 400 and < 500)
            {
                known = (null, ExceptionDispatchInfo.Capture(ex));
            }

            _connectors[id] = known;
        }

        known.Failure?.Throw();
        return known.Connector!;
    }

    /// <summary>Every connector of the server.</summary>
    public IEnumerable<AlmConnector> Connectors(RequestContext context)
    {
        foreach (var wire in Api.ListConnectors(context))
        {
            yield return ToConnector(wire, context);
        }
    }

    /// <summary>An ALM connection by id; with <paramref name="includeLastJob"/> it carries its last sync job.</summary>
    public AlmConnection Connection(int id, bool includeLastJob, RequestContext context) =>
        ToConnection(Api.GetConnection(id, context, includeLastJob), context);

    /// <summary>
    /// Every ALM connection, or those of <paramref name="projectIds"/>: one list per project, which the
    /// server filters.
    /// </summary>
    public IEnumerable<AlmConnection> Connections(IEnumerable<int>? projectIds, bool includeLastJob, RequestContext context)
    {
        var projects = projectIds?.Select(id => (int?)id) ?? [null];
        foreach (var project in projects)
        {
            foreach (var wire in Api.ListConnections(project, context, includeLastJob))
            {
                yield return ToConnection(wire, context);
            }
        }
    }

    public AlmConnector ToConnector(AlmConnectorWire wire, RequestContext context) =>
        AlmResourceMapper.ToConnector(wire, Catalog(context), _server, _serverConnection);

    public AlmConnection ToConnection(AlmConnectionWire wire, RequestContext context) =>
        AlmResourceMapper.ToConnection(wire, Catalog(context), _server, _serverConnection);
}
