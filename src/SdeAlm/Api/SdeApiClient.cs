using System;
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using SdeAlm.Json;

namespace SdeAlm.Api;

/// <summary>
/// The one HTTP client of a connection: authentication, timeouts, retries, redirects, size limits and
/// error mapping live here so the cmdlets only ask for typed objects. Safe to share across runspaces.
/// </summary>
internal sealed class SdeApiClient : IDisposable
{
    /// <summary>The largest answer we read; the whole catalog of a big server is a few MB.</summary>
    internal const long MaximumResponseBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The most JSON values (objects, arrays, strings, numbers, literals) an answer may hold, so that a
    /// flood of tiny values cannot turn 64 MiB into gigabytes of objects. A real plugin is a few hundred
    /// values; this allows several thousand plugins.
    /// </summary>
    internal const int MaximumResponseValues = 2_000_000;

    /// <summary>
    /// Answers up to this size skip the value count: even 4 MiB of empty plugins builds only 1.4 million
    /// small objects (about +130 MB measured), and a real catalog of that size is read in one pass.
    /// </summary>
    internal const int ValueCountThresholdBytes = 4 * 1024 * 1024;

    private const int MaximumRedirects = 5;

    private readonly HttpClient _http;
    private readonly CertificateCheck _certificates = new();
    private readonly AuthenticationHeaderValue _authorization;
    private readonly RetryPolicy _retry;
    private readonly TimeSpan? _timeout;
    private int _disposed;

    public SdeApiClient(SdeClientOptions options, string token)
    {
        BaseUri = options.BaseUri;
        _timeout = options.Timeout;
        _retry = new RetryPolicy(options.MaximumRetryCount, options.RetryIntervalSec);
        _authorization = new AuthenticationHeaderValue("Token", token);
        _http = HttpClientFactory.Create(options, _certificates);
    }

    public Uri BaseUri { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>An API path such as <c>api/v2/plugins/alm/</c>, kept under the server's context root.</summary>
    public Uri Resolve(string relativePath) => new(BaseUri, relativePath);

    /// <summary>GETs <paramref name="uri"/> and deserializes the JSON answer, within the size and value caps.</summary>
    public T GetJson<T>(Uri uri, JsonTypeInfo<T> typeInfo, RequestContext context)
        where T : class
    {
        try
        {
            return Send(uri, typeInfo, context);
        }
        catch (ObjectDisposedException ex) when (IsDisposed)
        {
            throw ClosedDuring(uri, ex);
        }
    }

    /// <summary>Disconnect-Sde closed the connection (perhaps from another runspace) while this call ran.</summary>
    private SdeApiException ClosedDuring(Uri uri, Exception inner) =>
        new(
            $"The connection to {BaseUri} was closed by Disconnect-Sde while GET {uri} was running. Run Connect-Sde to open a new one.",
            SdeErrorIds.ConnectionClosed,
            ErrorCategory.InvalidOperation,
            uri,
            null,
            inner);

    private T Send<T>(Uri uri, JsonTypeInfo<T> typeInfo, RequestContext context)
        where T : class
    {
        var budget = new TimeBudget(_timeout);
        var retries = 0;
        var redirects = 0;
        var current = uri;
        while (true)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            using var attempt = budget.StartAttempt(current, context.CancellationToken);
            var clock = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = _http.SendAsync(NewRequest(current), HttpCompletionOption.ResponseHeadersRead, attempt.Token)
                    .GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex) when (IsDisposed)
            {
                // Disposing HttpClient cancels what it is sending: that is not a timeout.
                throw ClosedDuring(current, ex);
            }
            catch (OperationCanceledException ex)
            {
                throw budget.TimedOut(current, ex);
            }
            catch (HttpRequestException ex)
            {
                var failure = ConnectionFailures.Classify(ex, current, out var transient, _certificates.LastProblem);
                context.Verbose($"GET {current} failed after {clock.ElapsedMilliseconds} ms: {failure.Message}");
                if (transient && retries < _retry.MaximumRetryCount && TryWait(_retry.Backoff(retries + 1), budget, context, extendsBudget: false))
                {
                    retries++;
                    continue;
                }

                throw failure;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    context.Verbose($"GET {current} -> {status} {response.ReasonPhrase} in {clock.ElapsedMilliseconds} ms, redirect to {location}");
                    current = FollowRedirect(current, location, ++redirects);
                    continue;
                }

                if (RetryPolicy.IsRetryableStatus(status) && retries < _retry.MaximumRetryCount)
                {
                    var retryAfter = RetryPolicy.RetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
                    var wait = retryAfter ?? _retry.Backoff(retries + 1);
                    context.Verbose($"GET {current} -> {status} {response.ReasonPhrase} in {clock.ElapsedMilliseconds} ms; retry {retries + 1} of {_retry.MaximumRetryCount} in {RetryPolicy.Describe(wait)}");
                    if (TryWait(wait, budget, context, extendsBudget: retryAfter.HasValue))
                    {
                        retries++;
                        continue;
                    }
                }

                if (status is < 200 or >= 300)
                {
                    context.Verbose($"GET {current} -> {status} {response.ReasonPhrase} in {clock.ElapsedMilliseconds} ms");
                    var error = HttpErrors.FromResponse(response, current, BaseUri, retries, attempt.Token);
                    context.CancellationToken.ThrowIfCancellationRequested();
                    throw error;
                }

                var result = ReadJson(response, current, typeInfo, budget, out var bytes, attempt.Token, context.CancellationToken);
                context.Verbose($"GET {current} -> {status} {response.ReasonPhrase} in {clock.ElapsedMilliseconds} ms, {FormatSize(bytes)}");
                return result;
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _http.Dispose();
        }
    }

    private HttpRequestMessage NewRequest(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = _authorization;
        return request;
    }

    /// <summary>Redirects are followed by hand: the token may only travel to the origin the user connected to.</summary>
    private static Uri FollowRedirect(Uri from, Uri location, int redirects)
    {
        var target = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (!ServerAddress.IsSameOrigin(target, from))
        {
            throw new SdeApiException(
                $"The server redirected GET {from} to {target}, another host or scheme. SdeAlm does not follow it so that the API token is never sent anywhere else. If that address is the real SD Elements server, run Connect-Sde with it.",
                SdeErrorIds.RedirectRefused,
                ErrorCategory.SecurityError,
                target);
        }

        if (redirects > MaximumRedirects)
        {
            throw new SdeApiException(
                $"GET {from} was redirected more than {MaximumRedirects} times. Check the -Server value.",
                SdeErrorIds.RedirectRefused,
                ErrorCategory.ProtocolError,
                from);
        }

        return target;
    }

    /// <summary>Waits before a retry unless the wait would overrun the call's time budget or the user stops.</summary>
    private static bool TryWait(TimeSpan wait, TimeBudget budget, RequestContext context, bool extendsBudget)
    {
        // The server's own Retry-After is waited on top of -TimeoutSec, but only up to -TimeoutSec itself;
        // our own back-off must fit into what is left of the budget.
        var allowed = extendsBudget ? budget.Total : budget.Remaining;
        if (allowed is { } limit && wait > limit)
        {
            context.Verbose($"Not retrying: waiting {RetryPolicy.Describe(wait)} would exceed -TimeoutSec.");
            return false;
        }

        if (context.CancellationToken.WaitHandle.WaitOne(wait))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
        }

        if (extendsBudget)
        {
            budget.Extend(wait);
        }

        return true;
    }

    private static T ReadJson<T>(
        HttpResponseMessage response,
        Uri uri,
        JsonTypeInfo<T> typeInfo,
        TimeBudget budget,
        out long bytes,
        CancellationToken attemptToken,
        CancellationToken userToken)
        where T : class
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!IsJson(mediaType))
        {
            throw new SdeApiException(
                $"Expected a JSON answer from {uri} but the server sent Content-Type '{mediaType ?? "(none)"}'. This is usually a sign-in page from a proxy or single sign-on gateway in front of SD Elements, or a -Server that points at another site.",
                SdeErrorIds.UnexpectedContentType,
                ErrorCategory.InvalidData,
                uri,
                (int)response.StatusCode);
        }

        var body = ReadBody(response, uri, budget, attemptToken, userToken);
        try
        {
            bytes = body.Count;
            return ParseJson(body, uri, typeInfo);
        }
        finally
        {
            // The objects copy what they keep, so the buffer can serve the next answer.
            ArrayPool<byte>.Shared.Return(body.Array!);
        }
    }

    /// <summary>
    /// Reads the whole body into memory, at most <see cref="MaximumResponseBytes"/> after decompression,
    /// within the attempt's time budget and stoppable by the user.
    /// </summary>
    private static ArraySegment<byte> ReadBody(HttpResponseMessage response, Uri uri, TimeBudget budget, CancellationToken attemptToken, CancellationToken userToken)
    {
        try
        {
            using var body = new LimitedReadStream(response.Content.ReadAsStreamAsync().GetAwaiter().GetResult(), MaximumResponseBytes, uri);

            // Content-Length only hints at the size (it counts compressed bytes, and a server may lie), but
            // sizing the buffer from it avoids regrowth; a pooled buffer spares the GC a large object per call.
            var announced = response.Content.Headers.ContentLength ?? 0;
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(announced + 1, 16 * 1024), MaximumResponseBytes + 1));
            var length = 0;
            try
            {
                int read;
                while ((read = body.ReadAsync(buffer, length, buffer.Length - length, attemptToken).GetAwaiter().GetResult()) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, length);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            return new ArraySegment<byte>(buffer, 0, length);
        }
        catch (OperationCanceledException) when (userToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw budget.TimedOut(uri, ex);
        }
        catch (InvalidDataException ex)
        {
            // A Content-Encoding (gzip, deflate) whose data does not decompress.
            throw InvalidJson(uri, $"its compressed body is corrupt ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw ConnectionFailures.Classify(ex, uri, out _);
        }
    }

    /// <summary>Checks the answer's size in values and its syntax, then builds the objects from it.</summary>
    private static T ParseJson<T>(ArraySegment<byte> body, Uri uri, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (body.Count == 0)
        {
            throw InvalidJson(uri, "the answer is empty", null);
        }

        try
        {
            var json = JsonAnswer.WithoutByteOrderMark(new ReadOnlySpan<byte>(body.Array, body.Offset, body.Count));
            // Below the threshold even the densest answer builds few enough objects; above it, count the
            // values first so that a flood of tiny ones cannot exhaust memory. This keeps the usual catalog
            // to a single pass over the bytes.
            if (json.Length > ValueCountThresholdBytes && !JsonAnswer.FitsIn(json, MaximumResponseValues))
            {
                throw new SdeApiException(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "The answer from {0} holds more than {1:N0} JSON values, the most SdeAlm reads. The server may be misconfigured or not an SD Elements server.",
                        uri,
                        MaximumResponseValues),
                    SdeErrorIds.ResponseTooLarge,
                    ErrorCategory.LimitsExceeded,
                    uri);
            }

            return JsonSerializer.Deserialize(json, typeInfo) ?? throw InvalidJson(uri, "the answer is the JSON literal null", null);
        }
        catch (JsonException ex)
        {
            throw InvalidJson(uri, JsonAnswer.Describe(ex), ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DecoderFallbackException or ArgumentException or FormatException or OverflowException)
        {
            // Utf8JsonReader reports invalid UTF-8 and out-of-range numbers with these.
            throw InvalidJson(uri, ex.Message, ex);
        }
    }

    private static bool IsJson(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static SdeApiException InvalidJson(Uri uri, string reason, Exception? inner) =>
        new(
            $"The answer from {uri} is not a valid SD Elements plugin document: {reason}. Check that -Server points at SD Elements.",
            SdeErrorIds.InvalidJson,
            ErrorCategory.InvalidData,
            uri,
            null,
            inner);

    private static string FormatSize(long bytes) =>
        bytes < 1024
            ? string.Format(CultureInfo.InvariantCulture, "{0} B", bytes)
            : bytes < 1024 * 1024
                ? string.Format(CultureInfo.InvariantCulture, "{0:0.#} KB", bytes / 1024.0)
                : string.Format(CultureInfo.InvariantCulture, "{0:0.##} MB", bytes / (1024.0 * 1024));

    /// <summary>Builds the HttpClient once per connection so sockets are pooled and reused.</summary>
    private static class HttpClientFactory
    {
        public static HttpClient Create(SdeClientOptions options, CertificateCheck certificates)
        {
#pragma warning disable CA2000 // The HttpClient owns and disposes the handler.
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
#pragma warning restore CA2000
            if (options.Proxy is not null)
            {
                handler.Proxy = new WebProxy(options.Proxy) { Credentials = options.ProxyCredential };
                handler.UseProxy = true;
            }
            else if (options.ProxyCredential is not null)
            {
                // No -Proxy: the system proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY or the OS settings), with these credentials.
                handler.DefaultProxyCredentials = options.ProxyCredential;
            }

#pragma warning disable CA5359 // Only when the user asked for it with -SkipCertificateCheck; otherwise the platform decides.
            handler.ServerCertificateCustomValidationCallback = options.SkipCertificateCheck
                ? (_, _, _, _) => true
                : certificates.Validate;
#pragma warning restore CA5359

            var http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
            return http;
        }
    }
}
