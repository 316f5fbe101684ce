using System;
using System.Net;

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
}
