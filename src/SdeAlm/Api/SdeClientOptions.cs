using System;
using System.Management.Automation;
using System.Net;
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

    private static readonly string[] s_proxySchemes = ["http", "https", "socks4", "socks4a", "socks5"];
}
