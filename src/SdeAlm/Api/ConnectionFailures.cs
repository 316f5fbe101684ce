using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace SdeAlm.Api;

/// <summary>Explains why a request never got an answer, and whether trying again could help.</summary>
internal static class ConnectionFailures
{
    /// <param name="failure">What HttpClient threw.</param>
    /// <param name="uri">The URL requested.</param>
    /// <param name="transient">True when trying again could help.</param>
    /// <param name="certificateProblem">Why the server's certificate was refused, when it was (from <see cref="CertificateCheck"/>).</param>
    public static SdeApiException Classify(Exception failure, Uri uri, out bool transient, string? certificateProblem = null)
    {
        transient = false;
        var endpoint = $"{uri.Host}:{uri.Port}";
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (IsProxyAuthenticationRequired(inner))
            {
                return new SdeApiException(
                    $"The proxy refused to open a connection to {endpoint} (407 Proxy Authentication Required). Pass -ProxyCredential to Connect-Sde.",
                    SdeErrorIds.AuthenticationFailed,
                    ErrorCategory.AuthenticationError,
                    uri,
                    407,
                    failure);
            }

            switch (inner)
            {
                case AuthenticationException tls:
                    return Fail(
                        SdeErrorIds.CertificateInvalid,
                        $"Could not make a trusted TLS connection to {endpoint}. {certificateProblem ?? tls.Message.TrimEnd('.') + "."} If this is a test server whose self-signed certificate you trust, connect with -SkipCertificateCheck; otherwise install the issuing CA certificate.",
                        uri,
                        failure);
                case SocketException socket when socket.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain:
                    return Fail(SdeErrorIds.HostNotFound, $"The host name '{uri.Host}' could not be resolved. Check the -Server value and your DNS.", uri, failure);
                case SocketException socket when socket.SocketErrorCode is SocketError.ConnectionRefused:
                    return Fail(SdeErrorIds.ConnectionFailed, $"Nothing accepted a connection at {endpoint} (connection refused). Check the -Server value and that SD Elements is running.", uri, failure);
                case SocketException socket when socket.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown:
                    transient = true;
                    return Fail(SdeErrorIds.ConnectionFailed, $"The connection to {endpoint} was reset: {socket.Message}", uri, failure);
                case WebException web:
                    return FromWebException(web, uri, endpoint, failure, certificateProblem, out transient);
                case IOException io when io.InnerException is null:
                    transient = true;
                    return Fail(SdeErrorIds.ConnectionFailed, $"The connection to {endpoint} broke off: {io.Message}", uri, failure);
            }
        }

        return Fail(SdeErrorIds.ConnectionFailed, $"Could not reach {endpoint}: {Innermost(failure).Message}", uri, failure);
    }

    // Windows PowerShell 5.1 reports failures through WebException.Status instead of SocketException.
    private static SdeApiException FromWebException(WebException web, Uri uri, string endpoint, Exception failure, string? certificateProblem, out bool transient)
    {
        transient = web.Status is WebExceptionStatus.ConnectionClosed or WebExceptionStatus.ReceiveFailure or WebExceptionStatus.KeepAliveFailure;
        return web.Status switch
        {
            WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure => Fail(
                SdeErrorIds.CertificateInvalid,
                $"Could not make a trusted TLS connection to {endpoint}. {certificateProblem ?? web.Message} If this is a test server whose self-signed certificate you trust, connect with -SkipCertificateCheck; otherwise install the issuing CA certificate.",
                uri,
                failure),
            WebExceptionStatus.NameResolutionFailure => Fail(SdeErrorIds.HostNotFound, $"The host name '{uri.Host}' could not be resolved. Check the -Server value and your DNS.", uri, failure),
            _ => Fail(SdeErrorIds.ConnectionFailed, $"Could not reach {endpoint}: {web.Message}", uri, failure),
        };
    }

    /// <summary>
    /// An https tunnel (CONNECT) the proxy answered with 407. .NET 5 and later say so in
    /// HttpRequestException.StatusCode, which netstandard2.0 cannot name; older runtimes only in the text.
    /// </summary>
    private static bool IsProxyAuthenticationRequired(Exception failure)
    {
        if (failure is not HttpRequestException)
        {
            return false;
        }

        var status = typeof(HttpRequestException).GetProperty("StatusCode")?.GetValue(failure);
        return status is HttpStatusCode code
            ? code == HttpStatusCode.ProxyAuthenticationRequired
            : failure.Message.IndexOf("407", StringComparison.Ordinal) >= 0 && failure.Message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    private static Exception Innermost(Exception failure)
    {
        var inner = failure;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner;
    }

    private static SdeApiException Fail(string errorId, string message, Uri uri, Exception failure) =>
        new(message, errorId, ErrorCategory.ConnectionError, uri, null, failure);
}
