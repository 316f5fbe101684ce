using System;
using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Errors;

namespace SdeAlm.Sessions;

/// <summary>
/// A connection to one SD Elements server, as returned by Connect-Sde. It holds the API token only
/// inside its private HTTP client: no property, ToString or serializer can reveal it.
/// Safe to share between runspaces (ForEach-Object -Parallel).
/// </summary>
public sealed class SdeConnection
{
    private readonly SdeApiClient _client;

    internal SdeConnection(SdeApiClient client, SdeClientOptions options, string? user, DateTimeOffset connectedAt)
    {
        _client = client;
        Server = client.BaseUri.ToString();
        User = user;
        ConnectedAt = connectedAt;
        TimeoutSec = options.Timeout is { } timeout ? (int)timeout.TotalSeconds : 0;
        MaximumRetryCount = options.MaximumRetryCount;
        RetryIntervalSec = options.RetryIntervalSec;
        SkipCertificateCheck = options.SkipCertificateCheck;
        Proxy = options.Proxy;
    }

    /// <summary>The base URL every API call is made under, context root included.</summary>
    public string Server { get; }

    /// <summary>Who the token belongs to, from /api/v2/users/me/; null with -SkipValidation.</summary>
    public string? User { get; }

    public DateTimeOffset ConnectedAt { get; }

    public int TimeoutSec { get; }

    public int MaximumRetryCount { get; }

    public int RetryIntervalSec { get; }

    public bool SkipCertificateCheck { get; }

    public Uri? Proxy { get; }

    /// <summary>False once Disconnect-Sde has closed it.</summary>
    public bool IsOpen => !_client.IsDisposed;

    /// <summary>
    /// True when it is the connection cmdlets of this runspace use without -Connection (see
    /// Select-SdeConnection). Another runspace has a current connection of its own.
    /// </summary>
    public bool IsCurrent => SdeSession.IsCurrent(this);

    public override string ToString() => User is null ? Server : $"{User} @ {Server}";

    internal SdeApiClient Client => _client.IsDisposed ? throw Closed() : _client;

    internal SdeApiException Closed() =>
        new(
            $"The connection to {Server} was closed by Disconnect-Sde. Run Connect-Sde to open a new one.",
            SdeErrorIds.ConnectionClosed,
            ErrorCategory.InvalidOperation,
            this);

    internal void Close() => _client.Dispose();
}
