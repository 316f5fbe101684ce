using System;
using System.Management.Automation;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>Turns what users type for -Server into the base URL every API path hangs off.</summary>
internal static class ServerAddress
{
    /// <summary>
    /// Accepts <c>host</c>, <c>host:port</c>, <c>https://host</c> and <c>https://host/context-root</c>;
    /// no scheme means https. The result always ends with a slash so that relative API paths keep the context root.
    /// </summary>
    public static Uri Parse(string server)
    {
        var text = server?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw Invalid(server, "it is empty");
        }

        if (text.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw Invalid(server, "it is not a host name or URL");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw Invalid(server, $"the scheme '{uri.Scheme}' is neither https nor http");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw Invalid(server, "it has a query, fragment or user name in it");
        }

        var builder = new UriBuilder(uri);
        if (!builder.Path.EndsWith("/", StringComparison.Ordinal))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    private static SdeApiException Invalid(string? server, string reason) =>
        new(
            $"'{server}' is not a valid SD Elements server: {reason}. Use a host name such as 'sde.example.com', 'sde.example.com:8443' or 'https://sde.example.com/context-root'.",
            SdeErrorIds.ServerInvalid,
            ErrorCategory.InvalidArgument,
            server);

    /// <summary>True when both URLs name the same scheme, host and port: only there is the token sent.</summary>
    public static bool IsSameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
