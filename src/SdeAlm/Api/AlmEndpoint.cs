using System;
using System.Globalization;
using System.Management.Automation;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>The endpoints of system connectors and of project ALM connections: their paths, and how messages name them.</summary>
internal sealed class AlmEndpoint
{
    public static readonly AlmEndpoint Connector = new("connectors", "ALM connector", "Get-SdeAlmConnector", SdeErrorIds.AlmConnectorNotFound);

    public static readonly AlmEndpoint Connection = new("connections", "ALM connection", "Get-SdeAlmConnection", SdeErrorIds.AlmConnectionNotFound);

    private AlmEndpoint(string collection, string noun, string listCommand, string notFoundErrorId)
    {
        Collection = collection;
        Noun = noun;
        ListCommand = listCommand;
        NotFoundErrorId = notFoundErrorId;
    }

    /// <summary>The first path segment after api/v2/: connectors or connections.</summary>
    public string Collection { get; }

    /// <summary>How messages name one resource: "ALM connector" or "ALM connection".</summary>
    public string Noun { get; }

    /// <summary>The cmdlet that lists the ids, for messages that say what to do.</summary>
    public string ListCommand { get; }

    public string NotFoundErrorId { get; }

    /// <summary>The collection path under the server's context root, such as <c>api/v2/connectors/alm/</c>.</summary>
    public string CollectionPath(string generation) => $"api/v2/{Collection}/{generation}/";

    public string ItemPath(string generation, int id) =>
        CollectionPath(generation) + id.ToString(CultureInfo.InvariantCulture) + "/";

    /// <summary>An id the server does not know; <paramref name="bothPaths"/> when the path generation was not known yet either.</summary>
    public SdeApiException NotFound(int id, Uri baseUri, bool bothPaths, Exception inner) =>
        new(
            bothPaths
                ? $"There is no {Noun} with id {id} on {baseUri}: both the 'alm' and the 'issue-tracker' paths answered 404. Run {ListCommand} to list the ids; if that fails too, check that -Server on Connect-Sde includes SD Elements' context root."
                : $"There is no {Noun} with id {id} on {baseUri}. Run {ListCommand} to list the ids.",
            NotFoundErrorId,
            ErrorCategory.ObjectNotFound,
            id,
            404,
            inner);

    /// <summary>
    /// The server refused a DELETE that SD Elements does not document: 405, or 404 for a resource that
    /// a GET still finds. Every resource of the kind would fail alike.
    /// </summary>
    public SdeApiException RemoveNotAllowed(int id, Uri baseUri, SdeApiException refusal) =>
        new(
            $"SD Elements at {baseUri} does not allow removing an {Noun} through its API: DELETE answered {refusal.StatusCode}"
            + (refusal.StatusCode == 404 ? $" although {Noun} {id} exists" : " (method not allowed)")
            + $". SD Elements does not document removing {Noun}s through the API; remove {Noun} {id} in SD Elements' web interface.",
            SdeErrorIds.AlmRemoveNotAllowed,
            ErrorCategory.NotImplemented,
            id,
            refusal.StatusCode,
            refusal,
            refusal.ServerMessages);

    /// <summary>Neither generation of the collection exists: the server connection does not point at SD Elements' API root.</summary>
    public SdeApiException CollectionMissing(Uri baseUri, Exception inner) =>
        new(
            $"SD Elements at {baseUri} has no {Noun} endpoint: both {CollectionPath(AlmPathGeneration.Alm)} and {CollectionPath(AlmPathGeneration.IssueTracker)} answered 404. Check that -Server on Connect-Sde includes SD Elements' context root (for example https://sde.example.com/sde/).",
            SdeErrorIds.AlmApiNotFound,
            ErrorCategory.ObjectNotFound,
            baseUri,
            404,
            inner);
}
