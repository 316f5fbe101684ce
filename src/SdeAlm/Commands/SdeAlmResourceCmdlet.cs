using System;
using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// What the connector and ALM connection cmdlets share: the per-pipeline read cache of each server
/// connection they use, and the rule that an object read from one server is only ever written back to it.
/// </summary>
public abstract class SdeAlmResourceCmdlet : SdeConnectedCmdlet
{
    private readonly Dictionary<SdeConnection, AlmReadCache> _caches = [];

    /// <summary>
    /// The server connection to write a piped object back through: the one it was read with. An
    /// explicit -Connection to the same server is used instead (for example after reconnecting); one to
    /// another server is refused, never a silent write elsewhere.
    /// </summary>
    internal SdeConnection ResolveConnectionOf(object? serverConnection, string server, object target)
    {
        if (Connection is { } explicitConnection)
        {
            if (!SameServer(explicitConnection.Server, server))
            {
                throw new SdeApiException(
                    $"{target} was read from {server}, but -Connection points at {explicitConnection.Server}. SdeAlm writes an object only back to the server it came from: drop -Connection, or read the object through that server connection first.",
                    SdeErrorIds.ServerConnectionMismatch,
                    ErrorCategory.InvalidArgument,
                    target);
            }

            return explicitConnection;
        }

        if (serverConnection is SdeConnection origin)
        {
            // A closed origin may be replaced by the current server connection to the same server.
            return !origin.IsOpen && SdeSession.Current is { IsOpen: true } current && SameServer(current.Server, server) ? current : origin;
        }

        // An object built by hand (not read by SdeAlm) falls back to the usual server connection.
        var resolved = ResolveConnection();
        if (!SameServer(resolved.Server, server))
        {
            throw new SdeApiException(
                $"{target} names server {server}, but the server connection in use is {resolved.Server}. Connect to {server} (Connect-Sde) or pass -Connection for it.",
                SdeErrorIds.ServerConnectionMismatch,
                ErrorCategory.InvalidArgument,
                target);
        }

        return resolved;
    }

    /// <summary>The read cache of a server connection for this pipeline.</summary>
    internal AlmReadCache CacheFor(SdeConnection connection)
    {
        if (!_caches.TryGetValue(connection, out var cache))
        {
            cache = new AlmReadCache(connection.Client, connection, connection.Server);
            _caches.Add(connection, cache);
        }

        return cache;
    }

    private static bool SameServer(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
