using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>Explains why a request never got an answer, and whether trying again could help.</summary>
internal static class ConnectionFailures
{
    /// <param name="failure">What HttpClient threw.</param>
    /// <param name="uri">The URL requested.</param>
    /// <param name="transient">True when trying again could help.</param>
    /// <param name="certificateProblem">Why the server's certificate was refused, when it was (from <see cref="CertificateCheck"/>).</param>
    /// <param name="timeLeft">What is left of the call's -TimeoutSec (null: no limit); a port probe takes no more.</param>
    public static SdeApiException Classify(Exception failure, Uri uri, out bool transient, string? certificateProblem = null, TimeSpan? timeLeft = null)
    {
        if (FailedProxy(failure, uri) is { } proxy)
        {
            transient = false;
            return ProxyFailed(proxy, failure, uri);
        }

        var classified = ClassifyAtServer(failure, uri, out transient, certificateProblem);

        // A wrong scheme looks like a broken TLS handshake (https to an http port) or like a connection
        // dropped without an answer (http to an https port, which would otherwise be retried): ask the port.
        var probeLimit = PortProbe.LimitWithin(timeLeft);
        if (uri.Scheme == Uri.UriSchemeHttps && certificateProblem is null && IsHandshakeFailure(failure) && PortProbe.SpeaksHttp(uri, probeLimit))
        {
            transient = false;
            return WrongScheme(uri, Uri.UriSchemeHttp, failure);
        }

        if (uri.Scheme == Uri.UriSchemeHttp && transient && PortProbe.SpeaksTls(uri, probeLimit))
        {
            transient = false;
            return WrongScheme(uri, Uri.UriSchemeHttps, failure);
        }

        return classified;
    }

    /// <summary>
    /// Explains an answer that broke off after its status line. The server answered, so the proxy and
    /// the scheme were right: only the connection is looked at, and no port is probed.
    /// </summary>
    public static SdeApiException ClassifyBrokenAnswer(Exception failure, Uri uri, out bool transient) =>
        ClassifyAtServer(failure, uri, out transient, null);

    private static SdeApiException ClassifyAtServer(Exception failure, Uri uri, out bool transient, string? certificateProblem)
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
                    return TlsFailed(endpoint, certificateProblem, tls.Message, uri, failure);
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
            WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure => TlsFailed(endpoint, certificateProblem, web.Message, uri, failure),
            WebExceptionStatus.NameResolutionFailure => Fail(SdeErrorIds.HostNotFound, $"The host name '{uri.Host}' could not be resolved. Check the -Server value and your DNS.", uri, failure),
            _ => Fail(SdeErrorIds.ConnectionFailed, $"Could not reach {endpoint}: {web.Message}", uri, failure),
        };
    }

    /// <summary>
    /// Our certificate check says why it refused a certificate; when it refused none (or -SkipCertificateCheck
    /// is on), the handshake failed for another reason and -SkipCertificateCheck is no advice.
    /// </summary>
    private static SdeApiException TlsFailed(string endpoint, string? certificateProblem, string runtimeMessage, Uri uri, Exception failure) =>
        certificateProblem is null
            ? Fail(
                SdeErrorIds.ConnectionFailed,
                $"The TLS handshake with {endpoint} failed, not because of its certificate: {runtimeMessage.TrimEnd('.')}. Check that this port speaks https and accepts TLS 1.2 or later.",
                uri,
                failure)
            : Fail(
                SdeErrorIds.CertificateInvalid,
                $"Could not make a trusted TLS connection to {endpoint}. {certificateProblem} If this is a test server whose self-signed certificate you trust, connect with -SkipCertificateCheck; otherwise install the issuing CA certificate.",
                uri,
                failure);

    private static bool IsHandshakeFailure(Exception failure)
    {
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException or WebException { Status: WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure })
            {
                return true;
            }
        }

        return false;
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

    /// <summary>
    /// The proxy, when it is what could not be reached. Only .NET (PowerShell 7) names the host and port it
    /// failed to connect to, as "(host:port)" ending HttpRequestException's message; when that is not the
    /// server's, it is the proxy's (from -Proxy or HTTPS_PROXY/HTTP_PROXY). Windows PowerShell says so in its status.
    /// </summary>
    private static string? FailedProxy(Exception failure, Uri uri)
    {
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebException { Status: WebExceptionStatus.ProxyNameResolutionFailure })
            {
                return "the proxy";
            }

            if (inner is HttpRequestException && inner.InnerException is SocketException && s_connectTarget.Match(inner.Message) is { Success: true } target)
            {
                var host = target.Groups["host"].Value.Trim('[', ']');
                var port = target.Groups["port"].Value;
                var isServer = string.Equals(host, uri.DnsSafeHost.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
                    && port == uri.Port.ToString(CultureInfo.InvariantCulture);
                return isServer ? null : $"the proxy {target.Groups["host"].Value}:{port}";
            }
        }

        return null;
    }

    private static SdeApiException ProxyFailed(string proxy, Exception failure, Uri uri)
    {
        var reason = Innermost(failure) switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "refused the connection: nothing listens there",
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => "could not be found: its host name does not resolve",
            WebException { Status: WebExceptionStatus.ProxyNameResolutionFailure } => "could not be found: its host name does not resolve",
            var other => $"could not be reached ({other.Message.TrimEnd('.')})",
        };
        return new SdeApiException(
            $"Could not reach {uri.Host}:{uri.Port} because {proxy} {reason}. Check the -Proxy value of Connect-Sde, or the HTTPS_PROXY and HTTP_PROXY environment variables when -Proxy was not given.",
            SdeErrorIds.ProxyFailed,
            ErrorCategory.ConnectionError,
            uri,
            null,
            failure);
    }

    private static SdeApiException WrongScheme(Uri uri, string spoken, Exception failure)
    {
        var fixedUri = new UriBuilder(uri) { Scheme = spoken, Port = uri.Port }.Uri;
        var use = fixedUri.GetLeftPart(UriPartial.Authority) + "/";
        var advice = spoken == Uri.UriSchemeHttps
            ? $"use Connect-Sde -Server {use} (with the context root, if any), and the token travels encrypted."
            : $"use Connect-Sde -Server {use} -AllowUnencryptedAuthentication if this server has no https port; -SkipCertificateCheck does not help here.";
        return new SdeApiException(
            $"{uri.Host}:{uri.Port} did not answer {uri.Scheme}: this port speaks {spoken}, {advice}",
            SdeErrorIds.WrongScheme,
            ErrorCategory.ConnectionError,
            uri,
            null,
            failure);
    }

    private static readonly Regex s_connectTarget = new(@"\((?<host>[^()\s]+):(?<port>\d{1,5})\)\s*$", RegexOptions.CultureInvariant);

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
