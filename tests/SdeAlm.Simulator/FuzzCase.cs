namespace SdeAlm.Simulator;

/// <summary>Which real answer a fuzz mutation starts from.</summary>
internal enum FuzzTarget
{
    /// <summary>The plugin list, <c>GET /api/v2/plugins/alm/</c>.</summary>
    List,

    /// <summary>One plugin, <c>GET /api/v2/plugins/alm/{id}/</c>.</summary>
    Plugin,
}

/// <summary>One mutated answer: the body and the few headers a mutation may also change.</summary>
/// <param name="Kind">A short family name for reports, e.g. <c>truncate</c> or <c>type-swap</c>.</param>
/// <param name="Detail">What exactly was changed, for the test's failure messages.</param>
/// <param name="Body">The bytes to send (already compressed when <paramref name="ContentEncoding"/> is set).</param>
/// <param name="Preserving">True when the mutation keeps the meaning: the client must return exactly the original objects.</param>
/// <param name="ContentType">The Content-Type header, or null to send none.</param>
/// <param name="ContentEncoding">The Content-Encoding header, or null.</param>
/// <param name="CutShort">Announce the full length, send half the body and drop the connection.</param>
internal sealed record FuzzCase(
    string Kind,
    string Detail,
    byte[] Body,
    bool Preserving = false,
    string? ContentType = FuzzCase.Json,
    string? ContentEncoding = null,
    bool CutShort = false)
{
    public const string Json = "application/json; charset=utf-8";

    /// <summary>The id of the plugin the mutation started from; "*" for the list.</summary>
    public string BaseId { get; init; } = "*";
}
