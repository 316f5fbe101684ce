using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace SdeAlm.Api;

/// <summary>
/// Asks a server's port which protocol it speaks, after a request failed in a way that a wrong scheme
/// explains (https to a plain-http port, http to an https port). Sends no token and no request data
/// beyond a bare HEAD or a TLS handshake, and gives up quickly: a probe that cannot tell says false.
/// </summary>
internal static class PortProbe
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(2);

    /// <summary>True when the port answers a plain HTTP request with an HTTP status line.</summary>
    public static bool SpeaksHttp(Uri uri)
    {
        try
        {
            using var tcp = Connect(uri);
            if (tcp is null)
            {
                return false;
            }

            var stream = tcp.GetStream();
            var request = Encoding.ASCII.GetBytes($"HEAD / HTTP/1.0\r\nHost: {uri.Authority}\r\n\r\n");
            stream.Write(request, 0, request.Length);
            var answer = new byte[5];
            var read = 0;
            int count;
            while (read < answer.Length && (count = stream.Read(answer, read, answer.Length - read)) > 0)
            {
                read += count;
            }

            return read == answer.Length && Encoding.ASCII.GetString(answer) == "HTTP/";
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>True when the port completes a TLS handshake (whatever its certificate: nothing is sent over it).</summary>
    public static bool SpeaksTls(Uri uri)
    {
        try
        {
            using var tcp = Connect(uri);
            if (tcp is null)
            {
                return false;
            }

#pragma warning disable CA5359 // Only the handshake is wanted, to learn the protocol; no data goes over this stream.
            using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
#pragma warning restore CA5359
            tls.AuthenticateAsClient(uri.DnsSafeHost, null, SslProtocols.None, false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or ObjectDisposedException)
        {
            return false;
        }
    }

    private static TcpClient? Connect(Uri uri)
    {
        var tcp = new TcpClient();
        try
        {
            if (!tcp.ConnectAsync(uri.DnsSafeHost, uri.Port).Wait(s_limit))
            {
                tcp.Dispose();
                return null;
            }

            tcp.ReceiveTimeout = (int)s_limit.TotalMilliseconds;
            tcp.SendTimeout = (int)s_limit.TotalMilliseconds;
            return tcp;
        }
        catch (AggregateException)
        {
            tcp.Dispose();
            return null;
        }
    }
}
