using System;
using System.Management.Automation;
using System.Net;
using System.Text.RegularExpressions;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>How a connection talks HTTP; fixed when Connect-Sde creates it.</summary>
internal sealed class SdeClientOptions
{
    public SdeClientOptions(Uri baseUri)
    {
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Budget for one call including its retries; null means no limit.</summary>
    public TimeSpan? Timeout { get; set; } = TimeSpan.FromSeconds(100);

    public int MaximumRetryCount { get; set; } = 3;

    public int RetryIntervalSec { get; set; } = 1;

    public bool SkipCertificateCheck { get; set; }

    public Uri? Proxy { get; set; }

    public NetworkCredential? ProxyCredential { get; set; }

    public string UserAgent { get; set; } = "SdeAlm";

    /// <summary>
    /// Checks a -Proxy value before any request, so that a typo is an argument error naming the value
    /// rather than a NotSupportedException from deep inside HttpClient on the first call.
    /// </summary>
    public static Uri CheckProxy(Uri proxy)
    {
        // A user name and password in the URL are not sent (only -ProxyCredential is) and would show
        // in the connection's Proxy property and in messages: refuse them, and echo neither.
        if (proxy.OriginalString.IndexOf('@') >= 0)
        {
            throw UserInfoRefused(proxy);
        }

        // "proxy.example.com:3128" parses as a URI with the scheme "proxy.example.com": say how to write it.
        var example = proxy.IsAbsoluteUri && proxy.Host.Length > 0 ? $"http://{proxy.Authority}" : "http://proxy.example.com:3128";
        var reason =
            !proxy.IsAbsoluteUri || proxy.Host.Length == 0 ? "it has no scheme and host"
            : Array.IndexOf(s_proxySchemes, proxy.Scheme) < 0 ? $"the scheme '{proxy.Scheme}' is not one of {string.Join(", ", s_proxySchemes)}"
            : null;
        return reason is null
            ? proxy
            : throw new SdeApiException(
                $"-Proxy '{proxy.OriginalString}' is not a proxy address: {reason}. Give it as a URL such as {example}.",
                SdeErrorIds.ProxyInvalid,
                ErrorCategory.InvalidArgument,
                proxy);
    }

    private static SdeApiException UserInfoRefused(Uri proxy)
    {
        // Only what follows the last '@' may be shown, and only when it is a plain host[:port].
        string? address = null;
        string? example = null;
        if (proxy.IsAbsoluteUri && proxy.Host.Length > 0)
        {
            address = proxy.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
            example = Array.IndexOf(s_proxySchemes, proxy.Scheme) < 0 ? $"http://{proxy.Authority}" : address;
        }
        else if (s_hostAndPort.Match(proxy.OriginalString.Substring(proxy.OriginalString.LastIndexOf('@') + 1)) is { Success: true } hostAndPort)
        {
            example = "http://" + hostAndPort.Groups["address"].Value;
        }

        return new SdeApiException(
            $"-Proxy{(address is null ? string.Empty : $" '{address}'")} holds a user name and password, which SdeAlm does not send to the proxy and would show wherever the connection is shown. "
                + $"Give -Proxy the address alone, such as {example ?? "http://proxy.example.com:3128"}, and the user name and password with -ProxyCredential (for example -ProxyCredential (Get-Credential)).",
            SdeErrorIds.ProxyInvalid,
            ErrorCategory.InvalidArgument,
            address is null ? null : new Uri(address));
    }

    private static readonly string[] s_proxySchemes = ["http", "https", "socks4", "socks4a", "socks5"];

    private static readonly Regex s_hostAndPort = new(@"^(?<address>([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+(:\d{1,5})?)/?$", RegexOptions.CultureInvariant);
}
