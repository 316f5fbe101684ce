using System;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using SdeAlm.Api;
using SdeAlm.Errors;
using Xunit;

namespace SdeAlm.Tests;

public class ConnectionFailuresTests
{
    // Nothing listens on port 1 of the loopback: the port probes get a refusal at once.
    private static readonly Uri s_deadHttps = new("https://127.0.0.1:1/api/v2/users/me/");
    private static readonly Uri s_deadHttp = new("http://127.0.0.1:1/api/v2/users/me/");

    [Fact]
    public void A_connect_failure_at_another_host_and_port_names_the_proxy()
    {
        var failure = new HttpRequestException("Connection refused (proxy.example.com:3128)", new SocketException((int)SocketError.ConnectionRefused));

        var error = ConnectionFailures.Classify(failure, new Uri("https://sde.example.com/api/v2/users/me/"), out var transient);

        Assert.Equal("SdeProxyFailed", error.ErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.Category);
        Assert.Contains("the proxy proxy.example.com:3128 refused the connection", error.Message, StringComparison.Ordinal);
        Assert.False(transient);
    }

    [Fact]
    public void A_connect_failure_at_the_servers_own_host_and_port_is_the_servers()
    {
        var failure = new HttpRequestException("Connection refused (sde.example.com:443)", new SocketException((int)SocketError.ConnectionRefused));

        var error = ConnectionFailures.Classify(failure, new Uri("https://SDE.example.com/api/v2/users/me/"), out _);

        Assert.Equal("SdeConnectionFailed", error.ErrorId);
        Assert.Contains("Nothing accepted a connection at sde.example.com:443", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_host_that_does_not_resolve_is_named()
    {
        var failure = new HttpRequestException("Name or service not known (proxy.invalid:8080)", new SocketException((int)SocketError.HostNotFound));

        var error = ConnectionFailures.Classify(failure, new Uri("http://sde.example.com:8080/api/"), out _);

        Assert.Equal("SdeProxyFailed", error.ErrorId);
        Assert.Contains("the proxy proxy.invalid:8080 could not be found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_certificate_advises_SkipCertificateCheck()
    {
        var failure = new HttpRequestException("The SSL connection could not be established", new AuthenticationException("The remote certificate is invalid"));

        var error = ConnectionFailures.Classify(failure, s_deadHttps, out _, "The certificate 'CN=test' was refused: it is self-signed.");

        Assert.Equal("SdeCertificateInvalid", error.ErrorId);
        Assert.Contains("-SkipCertificateCheck", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handshake_that_failed_without_a_certificate_problem_does_not_blame_the_certificate()
    {
        var failure = new HttpRequestException("The SSL connection could not be established", new AuthenticationException("Cannot determine the frame size or a corrupted frame was received."));

        var error = ConnectionFailures.Classify(failure, s_deadHttps, out var transient);

        Assert.Equal("SdeConnectionFailed", error.ErrorId);
        Assert.Contains("not because of its certificate", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-SkipCertificateCheck", error.Message, StringComparison.Ordinal);
        Assert.False(transient);
    }

    [Fact]
    public void A_dropped_http_connection_stays_transient_when_the_port_does_not_speak_https()
    {
        var failure = new HttpRequestException("An error occurred while sending the request.", new IOException("The response ended prematurely."));

        var error = ConnectionFailures.Classify(failure, s_deadHttp, out var transient);

        Assert.Equal("SdeConnectionFailed", error.ErrorId);
        Assert.True(transient);
    }

    [Theory]
    [InlineData("http://proxy.example.com:3128")]
    [InlineData("https://proxy.example.com")]
    [InlineData("socks5://127.0.0.1:1080")]
    public void CheckProxy_accepts_the_schemes_HttpClient_uses(string proxy) =>
        Assert.Equal(new Uri(proxy), SdeClientOptions.CheckProxy(new Uri(proxy)));

    [Theory]
    [InlineData("ftp://x", "the scheme 'ftp'", "http://x")]
    [InlineData("proxy.example.com:3128", "no scheme and host", "http://proxy.example.com:3128")]
    public void CheckProxy_refuses_what_is_not_a_proxy_URL(string proxy, string reason, string example)
    {
        var uri = new Uri(proxy, UriKind.RelativeOrAbsolute);

        var error = Assert.Throws<SdeApiException>(() => SdeClientOptions.CheckProxy(uri));

        Assert.Equal("SdeProxyInvalid", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
        Assert.Same(uri, error.TargetObject);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(example, error.Message, StringComparison.Ordinal);
    }
}
