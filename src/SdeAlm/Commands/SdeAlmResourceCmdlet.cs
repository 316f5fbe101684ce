using System;
using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Model;
using SdeAlm.Planning;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// What the connector and ALM connection cmdlets share: what each server connection they use has read
/// for this invocation, and the rule that an object read from one server is only ever written back to it.
/// </summary>
public abstract class SdeAlmResourceCmdlet : SdeConnectedCmdlet
{
    /// <summary>What a 403 adds: the permission SD Elements' documentation names for writing and testing these resources.</summary>
    internal const string EditPermissionHint = "SD Elements requires the \"Edit ALM connections\" permission for this.";

    private readonly Dictionary<SdeConnection, AlmResources> _resources = [];

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

    /// <summary>
    /// Stops this record with every problem of a plan that may not be sent (see <see cref="ResourcePlan.Refusal"/>),
    /// and writes what -Verbose tells about the settings and the warnings about the keys it was given.
    /// </summary>
    internal void Check(ResourcePlan plan, string server)
    {
        foreach (var note in plan.Notes)
        {
            WriteVerbose($"{plan.Target}: {note}");
        }

        if (plan.Refusal(server) is { } refusal)
        {
            throw refusal;
        }

        foreach (var warning in plan.Warnings)
        {
            WriteWarning($"{plan.Target}: {warning.Field}: {warning.Message}");
        }
    }

    /// <summary>The server connection a piped connector was read through (see <see cref="ResolveConnectionOf"/>).</summary>
    internal SdeConnection ConnectionOf(AlmConnector connector) =>
        ResolveConnectionOf(connector.ServerConnection, connector.Server, $"ALM connector {connector.Id}");

    /// <summary>The server connection a piped ALM connection was read through (see <see cref="ResolveConnectionOf"/>).</summary>
    internal SdeConnection ConnectionOf(AlmConnection connection) =>
        ResolveConnectionOf(connection.ServerConnection, connection.Server, $"ALM connection {connection.Id}");

    /// <summary>The server connection a piped job was read through (see <see cref="ResolveConnectionOf"/>).</summary>
    internal SdeConnection ConnectionOf(AlmJob job) =>
        ResolveConnectionOf(job.ServerConnection, job.Server, job.ToString());

    /// <summary>The connectors and ALM connections of a server connection, as this invocation reads and writes them.</summary>
    internal AlmResources ResourcesOf(SdeConnection connection)
    {
        if (!_resources.TryGetValue(connection, out var resources))
        {
            resources = new AlmResources(connection.Client, connection, connection.Server);
            _resources.Add(connection, resources);
        }

        return resources;
    }

    private static bool SameServer(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
