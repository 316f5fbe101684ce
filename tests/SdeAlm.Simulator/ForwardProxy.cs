using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace SdeAlm.Simulator;

/// <summary>
/// A small HTTP forward proxy for the proxy tests (<c>--proxy</c>): absolute-URI requests for http
/// (forwarded one per connection) and CONNECT tunnels for https, to loopback targets only. With a
/// credential it answers 407 until the client sends the matching <c>Proxy-Authorization: Basic</c>.
/// A plain request for <c>/_proxy/requests</c> reports what went through, as JSON.
/// </summary>
internal sealed class ForwardProxy(int port, string? credential) : IDisposable
{
    private const int MaximumHeadBytes = 64 * 1024;
    private const int MaximumRequestsPerConnection = 100;
    private const int MaximumJournal = 1000;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private readonly string? expectedAuthorization =
        credential is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credential));

    private readonly ConcurrentQueue<string> journal = new();
    private readonly TcpListener listener = new(IPAddress.Loopback, port);
    private long tunnels;
    private long forwards;
    private long challenges;

    public void Dispose() => listener.Dispose();

    /// <summary>Starts listening; returns the port (useful with port 0).</summary>
    public int Start()
    {
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                TcpClient client = await listener.AcceptTcpClientAsync(stopping).ConfigureAwait(false);
                _ = Task.Run(() => ServeAsync(client, stopping), stopping);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        using (client)
        {
            try
            {
                client.NoDelay = true;
                NetworkStream stream = client.GetStream();
                var reader = new HeadReader(stream);
                for (int i = 0; i < MaximumRequestsPerConnection; i++)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    idle.CancelAfter(IdleTimeout);
                    Head? head = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
                    if (head is null)
                    {
                        return;
                    }

                    if (head.Target.StartsWith('/'))
                    {
                        await WriteControlAsync(stream, head, stopping).ConfigureAwait(false);
                        continue;
                    }

                    if (expectedAuthorization is not null && head.Header("Proxy-Authorization") != expectedAuthorization)
                    {
                        Interlocked.Increment(ref challenges);
                        Record($"407 {head.Method} {head.Target}");
                        await WriteAsync(
                            stream,
                            "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"SdeAlm test proxy\"\r\nContent-Length: 0\r\n\r\n",
                            stopping).ConfigureAwait(false);
                        continue;
                    }

                    if (head.Method == "CONNECT")
                    {
                        await TunnelAsync(stream, head, reader.TakeLeftover(), stopping).ConfigureAwait(false);
                    }
                    else
                    {
                        await ForwardAsync(stream, head, reader.TakeLeftover(), stopping).ConfigureAwait(false);
                    }

                    return;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
            {
                // The client or the target went away, or sent something this proxy does not speak.
            }
        }
    }

    private async Task TunnelAsync(NetworkStream client, Head head, byte[] leftover, CancellationToken stopping)
    {
        if (!Uri.TryCreate("http://" + head.Target + "/", UriKind.Absolute, out Uri? authority) || !IsLoopback(authority.IdnHost))
        {
            await RefuseAsync(client, head, stopping).ConfigureAwait(false);
            return;
        }

        using var upstream = new TcpClient { NoDelay = true };
        await upstream.ConnectAsync(authority.IdnHost, authority.Port, stopping).ConfigureAwait(false);
        Interlocked.Increment(ref tunnels);
        Record($"CONNECT {head.Target}");
        NetworkStream target = upstream.GetStream();
        await WriteAsync(client, "HTTP/1.1 200 Connection established\r\n\r\n", stopping).ConfigureAwait(false);
        await target.WriteAsync(leftover, stopping).ConfigureAwait(false);

        // Either side closing ends the tunnel; so does the proxy stopping.
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task up = client.CopyToAsync(target, done.Token);
        Task down = target.CopyToAsync(client, done.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
    }

    private async Task ForwardAsync(NetworkStream client, Head head, byte[] leftover, CancellationToken stopping)
    {
        if (!Uri.TryCreate(head.Target, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp || !IsLoopback(uri.IdnHost))
        {
            await RefuseAsync(client, head, stopping).ConfigureAwait(false);
            return;
        }

        using var upstream = new TcpClient { NoDelay = true };
        await upstream.ConnectAsync(uri.IdnHost, uri.Port, stopping).ConfigureAwait(false);
        Interlocked.Increment(ref forwards);
        Record($"{head.Method} {head.Target}{(head.Header("Authorization") is null ? string.Empty : " (with Authorization)")}");

        // Origin-form request line; hop-by-hop and proxy headers dropped; one request per connection.
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"{head.Method} {uri.PathAndQuery} HTTP/1.1\r\n");
        foreach (var (name, value) in head.Headers)
        {
            if (!name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) &&
                !name.Equals("Connection", StringComparison.OrdinalIgnoreCase) &&
                !name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase))
            {
                request.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
            }
        }

        request.Append("Connection: close\r\n\r\n");
        NetworkStream target = upstream.GetStream();
        await WriteAsync(target, request.ToString(), stopping).ConfigureAwait(false);
        await target.WriteAsync(leftover, stopping).ConfigureAwait(false);

        // The target closes after its answer (Connection: close), which ends the copy.
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        answer.CancelAfter(TimeSpan.FromMinutes(2));
        await target.CopyToAsync(client, answer.Token).ConfigureAwait(false);
    }

    private async Task RefuseAsync(NetworkStream client, Head head, CancellationToken stopping)
    {
        Record($"403 {head.Method} {head.Target}");
        await WriteAsync(client, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", stopping).ConfigureAwait(false);
    }

    private async Task WriteControlAsync(NetworkStream client, Head head, CancellationToken stopping)
    {
        byte[] body;
        string status;
        if (head.Target.Split('?')[0] == "/_proxy/requests")
        {
            status = "200 OK";
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("tunnels", Interlocked.Read(ref tunnels));
                writer.WriteNumber("forwards", Interlocked.Read(ref forwards));
                writer.WriteNumber("challenges", Interlocked.Read(ref challenges));
                writer.WriteStartArray("requests");
                foreach (string entry in journal)
                {
                    writer.WriteStringValue(entry);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            body = buffer.ToArray();
        }
        else
        {
            status = "404 Not Found";
            body = Encoding.UTF8.GetBytes("""{"detail":"Not found."}""");
        }

        await WriteAsync(client, $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n", stopping).ConfigureAwait(false);
        await client.WriteAsync(body, stopping).ConfigureAwait(false);
    }

    private void Record(string entry)
    {
        journal.Enqueue(entry);
        while (journal.Count > MaximumJournal && journal.TryDequeue(out _))
        {
            // Keep the newest entries only.
        }
    }

    /// <summary>Only loopback targets: the tests must never reach beyond this machine through us.</summary>
    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));

    private static Task WriteAsync(Stream stream, string text, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).AsTask();

    /// <summary>A request line and its headers.</summary>
    private sealed record Head(string Method, string Target, List<KeyValuePair<string, string>> Headers)
    {
        public string? Header(string name) =>
            Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>Reads request heads off a connection, keeping whatever follows a head for the next step.</summary>
    private sealed class HeadReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[MaximumHeadBytes];
        private int filled;

        public async Task<Head?> ReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                int end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                if (end >= 0)
                {
                    string text = Encoding.Latin1.GetString(buffer, 0, end);
                    int consumed = end + 4;
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                    filled -= consumed;
                    return Parse(text);
                }

                if (filled == buffer.Length)
                {
                    throw new InvalidDataException("Request head too large.");
                }

                int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return null;
                }

                filled += read;
            }
        }

        public byte[] TakeLeftover()
        {
            byte[] leftover = buffer[..filled];
            filled = 0;
            return leftover;
        }

        private static Head Parse(string text)
        {
            string[] lines = text.Split("\r\n");
            string[] requestLine = lines[0].Split(' ');
            if (requestLine.Length != 3)
            {
                throw new InvalidDataException("Malformed request line.");
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (string line in lines.Skip(1))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            return new Head(requestLine[0], requestLine[1], headers);
        }
    }
}
