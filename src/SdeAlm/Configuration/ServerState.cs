using System.Collections.Generic;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Configuration;

/// <summary>
/// What a document is planned against: a plugin catalog and the connectors and ALM connections a server
/// has, read once per run. The catalog is an input of its own, so that a document can be checked against
/// a catalog that did not come from the same read.
/// </summary>
internal sealed class ServerState
{
    public ServerState(PluginCatalogIndex catalog, IReadOnlyList<AlmConnector> connectors, IReadOnlyList<AlmConnection> connections, string server, object? serverConnection, bool catalogOnly = false)
    {
        Catalog = catalog;
        Connectors = connectors;
        Connections = connections;
        Server = server;
        ServerConnection = serverConnection;
        CatalogOnly = catalogOnly;
    }

    /// <summary>
    /// A catalog alone, such as a file from Export-SdeAlmPluginCatalog: a document is checked against it
    /// with no server, so nothing can be compared, secret references are checked for their form only, and
    /// a connector the document does not hold cannot be looked up.
    /// </summary>
    public bool CatalogOnly { get; }

    /// <summary>The state of a check without a server: <paramref name="catalog"/>, and no connectors or ALM connections.</summary>
    public static ServerState OfCatalogOnly(PluginCatalogIndex catalog, string source) => new(catalog, [], [], source, null, catalogOnly: true);

    public PluginCatalogIndex Catalog { get; }

    public IReadOnlyList<AlmConnector> Connectors { get; }

    public IReadOnlyList<AlmConnection> Connections { get; }

    /// <summary>The server as messages name it, context root included.</summary>
    public string Server { get; }

    /// <summary>The server connection it was read through; plan entries remember it.</summary>
    public object? ServerConnection { get; }
}
