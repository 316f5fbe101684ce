using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;

namespace SdeAlm.Api;

/// <summary>
/// Asks a server's port which protocol it speaks, after a request failed in a way that a wrong scheme
/// explains (https to a plain-http port, http to an https port). Sends no token and no request data
/// beyond a bare HEAD or a TLS handshake, and gives up quickly: a probe that cannot tell says false.
/// </summary>
internal static class PortProbe
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a probe may take within <paramref name="timeLeft"/> of the call's -TimeoutSec (null:
    /// no limit): at most 2 s, and never more than is left, so that a probe does not stretch the call.
    /// </summary>
    public static TimeSpan LimitWithin(TimeSpan? timeLeft) =>
        timeLeft is { } left && left < s_limit ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : s_limit;

    /// <summary>True when the port answers a plain HTTP request with an HTTP status line.</summary>
    public static bool SpeaksHttp(Uri uri, TimeSpan limit) =>
        Probe(uri, limit, stream =>
        {
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
        });

    /// <summary>True when the port completes a TLS handshake (whatever its certificate: nothing is sent over it).</summary>
    public static bool SpeaksTls(Uri uri, TimeSpan limit) =>
        Probe(uri, limit, stream =>
        {
#pragma warning disable CA5359 // Only the handshake is wanted, to learn the protocol; no data goes over this stream.
            using var tls = new SslStream(stream, false, (_, _, _, _) => true);
#pragma warning restore CA5359
            tls.AuthenticateAsClient(uri.DnsSafeHost, null, SslProtocols.None, false);
            return true;
        });

    private static bool Probe(Uri uri, TimeSpan limit, Func<NetworkStream, bool> ask)
    {
        if (limit <= TimeSpan.Zero)
        {
            return false;
        }

        using var tcp = new TcpClient();

        // One deadline for the whole probe: closing the socket ends a connect, read or handshake that still waits.
        using var deadline = new CancellationTokenSource(limit);
        using var close = deadline.Token.Register(tcp.Dispose);
        try
        {
            return tcp.ConnectAsync(uri.DnsSafeHost, uri.Port).Wait(limit) && ask(tcp.GetStream());
        }
        catch (Exception ex) when (ex is AggregateException or IOException or SocketException or AuthenticationException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }
}
