using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Planning;
using SdeAlm.Settings;

namespace SdeAlm.Api;

/// <summary>
/// The connectors and ALM connections of one server connection, as one cmdlet invocation uses them.
/// The plugin catalog (each plugin's fields and secrets) and each connector an ALM connection refers to
/// are read once: 500 piped rows make one catalog read and one read per distinct connector, not 500.
/// Plans are sent here and the answers come back as the public objects; the cmdlets never see what the
/// API sent. Safe to use from several threads at once (the requests of a -ThrottleLimit run): each of
/// those reads is still made once, and the others wait for it.
/// </summary>
internal sealed class AlmResources
{
    private readonly SdeApiClient _client;
    private readonly object _serverConnection;
    private readonly AlmResourceApi _api;
    private readonly ConcurrentDictionary<int, ReadOnce<KnownConnector>> _connectors = new();
    private readonly ReadOnce<PluginCatalogIndex> _catalog = new();

    /// <param name="client">The HTTP client of the server connection.</param>
    /// <param name="serverConnection">The server connection the objects read here will remember.</param>
    /// <param name="server">The server as the server connection names it.</param>
    public AlmResources(SdeApiClient client, object serverConnection, string server)
    {
        _client = client;
        _serverConnection = serverConnection;
        Server = server;
        _api = new AlmResourceApi(client);
    }

    /// <summary>The server as the server connection names it, context root included.</summary>
    public string Server { get; }

    /// <summary>The server's plugin catalog, read on first use.</summary>
    public PluginCatalogIndex Catalog(RequestContext context) =>
        _catalog.Get(() => new PluginCatalogIndex(new AlmPluginCatalog(_client).GetAll(context)), context.CancellationToken);

    /// <summary>A connector by id, read once; a failure the server answered (such as an unknown id) is remembered and thrown again.</summary>
    public AlmConnector Connector(int id, RequestContext context)
    {
        var known = _connectors.GetOrAdd(id, _ => new ReadOnce<KnownConnector>()).Get(
            () =>
            {
                try
                {
                    return new KnownConnector(ReadConnector(id, context), null);
                }
                catch (SdeApiException ex) when (ex.StatusCode is >= 400 and < 500)
                {
                    return new KnownConnector(null, ExceptionDispatchInfo.Capture(ex));
                }
            },
            context.CancellationToken);
        known.Failure?.Throw();
        return known.Connector!;
    }

    /// <summary>The SD Elements project of an ALM connection, read now; the catalog is not needed for it.</summary>
    public int ProjectOf(int almConnectionId, RequestContext context) => _api.GetConnection(almConnectionId, context).Project;

    /// <summary>A connector by id, read now (not from what this invocation read before).</summary>
    public AlmConnector ReadConnector(int id, RequestContext context) => ToConnector(_api.GetConnector(id, context), context);

    /// <summary>Every connector of the server.</summary>
    public IEnumerable<AlmConnector> Connectors(RequestContext context) =>
        _api.ListConnectors(context).Select(wire => ToConnector(wire, context));

    /// <summary>An ALM connection by id, read now; with <paramref name="includeLastJob"/> it carries its last sync job.</summary>
    public AlmConnection ReadConnection(int id, bool includeLastJob, RequestContext context) =>
        ToConnection(_api.GetConnection(id, context, includeLastJob), context);

    /// <summary>
    /// Every ALM connection, or those of <paramref name="projectIds"/>: one list per project, which the
    /// server filters.
    /// </summary>
    public IEnumerable<AlmConnection> Connections(IEnumerable<int>? projectIds, bool includeLastJob, RequestContext context)
    {
        var projects = projectIds?.Select(id => (int?)id) ?? [null];
        foreach (var project in projects)
        {
            foreach (var wire in _api.ListConnections(project, context, includeLastJob))
            {
                yield return ToConnection(wire, context);
            }
        }
    }

    /// <summary>Sends a plan (create or update) and returns the resource as the server answered: an AlmConnector or an AlmConnection.</summary>
    public object Write(ResourcePlan plan, RequestContext context)
    {
        var body = AlmRequestBody.Write(
            plan.PropertiesToSend.Select(property => new KeyValuePair<string, object?>(property.WireName, property.Value)),
            plan.SettingsToSend,
            SettingValue.WireConverter(plan.Plugin));
        return (plan.Kind, plan.Id) switch
        {
            (AlmResourceKind.Connector, null) => ToConnector(_api.CreateConnector(body, context), context),
            (AlmResourceKind.Connector, int id) => ToConnector(_api.UpdateConnector(id, body, context), context),
            (_, null) => ToConnection(_api.CreateConnection(body, context), context),
            (_, int id) => ToConnection(_api.UpdateConnection(id, body, context), context),
        };
    }

    /// <summary>Removes a connector from the server (see <see cref="AlmResourceApi.DeleteConnector"/>).</summary>
    public void Remove(AlmConnector connector, RequestContext context)
    {
        _connectors.TryRemove(connector.Id, out _);
        _api.DeleteConnector(connector.Id, context);
    }

    /// <summary>Removes an ALM connection, and with it its sync jobs (see <see cref="AlmResourceApi.DeleteConnection"/>).</summary>
    public void Remove(AlmConnection connection, RequestContext context) => _api.DeleteConnection(connection.Id, context);

    /// <summary>Asks SD Elements to reach the ALM server with a saved connector's settings, secrets included.</summary>
    public AlmConnectionTestResult Test(AlmConnector connector, RequestContext context)
    {
        var catalog = Catalog(context);
        return new AlmConnectivityTestApi(_client).Run(
            AlmConnectivityTestApi.Connectors,
            [Property("name", connector.Name ?? string.Empty), Property("system", PluginReference(connector.PluginId ?? string.Empty))],
            connector.Settings,
            catalog.Find(connector.PluginId),
            catalog.SecretKeys(connector.PluginId),
            $"connector {connector.Id}",
            context);
    }

    /// <summary>Asks SD Elements to reach the ALM server and find the ALM project with an ALM connection's settings.</summary>
    public AlmConnectionTestResult Test(AlmConnection connection, RequestContext context)
    {
        var catalog = Catalog(context);
        var properties = new List<KeyValuePair<string, object?>>
        {
            Property("connector", connection.ConnectorId),
            Property("alias", connection.Alias),
            Property("project", connection.ProjectId),
        };
        if (connection.PluginId is not null)
        {
            properties.Add(Property("system", PluginReference(connection.PluginId)));
        }

        return new AlmConnectivityTestApi(_client).Run(
            AlmConnectivityTestApi.Connections,
            properties,
            connection.Settings,
            catalog.Find(connection.PluginId),
            catalog.SecretKeys(connection.PluginId),
            $"connection {connection.Id}",
            context);
    }

    /// <summary>Asks SD Elements to reach the ALM server with connector settings not saved yet (a create plan, checked).</summary>
    public AlmConnectionTestResult Test(ResourcePlan unsaved, string name, RequestContext context) =>
        new AlmConnectivityTestApi(_client).Run(
            AlmConnectivityTestApi.Connectors,
            [Property("name", name), Property("system", PluginReference(unsaved.PluginId ?? string.Empty))],
            unsaved.SettingsToSend ?? SettingKeys.NewDictionary(),
            unsaved.Plugin,
            unsaved.SecretKeys,
            $"plugin {unsaved.PluginId} (unsaved)",
            context);

    /// <summary>The <c>system</c> of a request body: the plugin, by id.</summary>
    public static Dictionary<string, object?> PluginReference(string pluginId) => new() { ["id"] = pluginId };

    private static KeyValuePair<string, object?> Property(string name, object? value) => new(name, value);

    private AlmConnector ToConnector(AlmConnectorWire wire, RequestContext context) =>
        AlmResourceMapper.ToConnector(wire, Catalog(context), Server, _serverConnection);

    private AlmConnection ToConnection(AlmConnectionWire wire, RequestContext context) =>
        AlmResourceMapper.ToConnection(wire, Catalog(context), Server, _serverConnection);

    /// <summary>What reading a connector by id gave: the connector, or the failure to throw again.</summary>
    private sealed class KnownConnector
    {
        public KnownConnector(AlmConnector? connector, ExceptionDispatchInfo? failure)
        {
            Connector = connector;
            Failure = failure;
        }

        public AlmConnector? Connector { get; }

        public ExceptionDispatchInfo? Failure { get; }
    }
}
