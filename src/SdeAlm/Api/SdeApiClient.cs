using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>
/// The one HTTP client of a connection: it sends a request and hands back the typed answer, with the
/// token, the time budget and the connection's settings. The parts each have a class of their own:
/// <see cref="RedirectGuard"/>, <see cref="RetryPolicy"/>, <see cref="ResponseReader"/> and
/// <see cref="HttpErrors"/>. Everything runs on the calling thread and reports through the call's
/// <see cref="RequestContext"/> (a -ThrottleLimit worker's context queues -Verbose and progress for the
/// pipeline thread). Safe to use from several threads and runspaces at once.
/// </summary>
internal sealed class SdeApiClient : IDisposable
{
    /// <summary>
    /// The most requests one cmdlet sends at once (the highest -ThrottleLimit), and the connections the
    /// client keeps open to the server for them, on every runtime.
    /// </summary>
    internal const int MaxParallelRequests = 32;

    private static readonly MediaTypeHeaderValue s_jsonBody = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly CertificateCheck _certificates;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly SdeClientOptions _options;
    private readonly CallClock _clock;
    private int _disposed;

    public SdeApiClient(SdeClientOptions options, string token)
        : this(options, token, new CertificateCheck())
    {
    }

    /// <summary>With a handler of the caller's: tests use a stub that answers without a network.</summary>
    internal SdeApiClient(SdeClientOptions options, string token, HttpMessageHandler handler)
        : this(options, token, handler, new CertificateCheck())
    {
    }

    private SdeApiClient(SdeClientOptions options, string token, CertificateCheck certificates)
        : this(options, token, HttpClientFactory.CreateHandler(options, certificates), certificates)
    {
    }

    /// <summary>
    /// With a handler, certificate check and clock of the caller's: tests play the TLS handshake, and
    /// spend retry waits in a clock that only pretends to wait.
    /// </summary>
    internal SdeApiClient(SdeClientOptions options, string token, HttpMessageHandler handler, CertificateCheck certificates, CallClock? clock = null)
    {
        _options = options;
        _clock = clock ?? CallClock.Real;
        _certificates = certificates;
        _authorization = new AuthenticationHeaderValue("Token", token);
        _http = HttpClientFactory.Create(options, handler);
    }

    public Uri BaseUri => _options.BaseUri;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>An API path such as <c>api/v2/plugins/alm/</c>, kept under the server's context root.</summary>
    public Uri Resolve(string relativePath) => new(BaseUri, relativePath);

    /// <summary>GETs <paramref name="uri"/> and deserializes the JSON answer, within the size and value caps.</summary>
    public T GetJson<T>(Uri uri, JsonTypeInfo<T> typeInfo, RequestContext context)
        where T : class =>
        Send(HttpMethod.Get, uri, null, typeInfo, context)
        ?? throw new SdeApiException(
            $"GET {uri} answered 204 No Content where SD Elements sends JSON. Check that -Server points at SD Elements.",
            SdeErrorIds.InvalidJson,
            ErrorCategory.InvalidData,
            uri,
            204);

    /// <summary>
    /// Sends <paramref name="method"/> to <paramref name="uri"/>, with <paramref name="jsonBody"/> (UTF-8 JSON)
    /// when given, and returns the answer as <paramref name="answerType"/>: default for 204 No Content.
    /// Reads (GET) are retried after any transient failure, writes (every other method) only when the
    /// server said it did not act; pass <paramref name="retryRule"/> to decide otherwise.
    /// </summary>
    public T? Send<T>(HttpMethod method, Uri uri, byte[]? jsonBody, JsonTypeInfo<T> answerType, RequestContext context, RetryRule? retryRule = null)
    {
        var rule = retryRule ?? (method == HttpMethod.Get ? RetryRule.Read : RetryRule.Write);
        try
        {
            return SendWithRetries(method, uri, jsonBody, answerType, context, rule);
        }
        catch (ObjectDisposedException ex) when (IsDisposed)
        {
            throw ClosedDuring(method, uri, ex);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _http.Dispose();
        }
    }

    private T? SendWithRetries<T>(HttpMethod method, Uri uri, byte[]? jsonBody, JsonTypeInfo<T> answerType, RequestContext context, RetryRule rule)
    {
        var retry = new RetryPolicy(rule, _options.MaximumRetryCount, TimeSpan.FromSeconds(_options.RetryIntervalSec), _options.Timeout, _clock);
        var redirects = new RedirectGuard();
        var current = uri;
        while (true)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var request = $"{method} {current}";
            using var attempt = retry.StartAttempt(method, current, context.CancellationToken);
            using var message = NewRequest(method, current, jsonBody);
            var clock = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attempt.Token).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
            {
                var failure = NoAnswer(ex, message, retry, context, out var transient);
                context.Verbose($"{request} failed after {clock.ElapsedMilliseconds} ms: {failure.Message}");
                if (retry.RetryAfterNoAnswer(transient, request, context))
                {
                    continue;
                }

                // A timeout or a broken connection may have cut off the answer to a write the server made.
                throw rule == RetryRule.Write && (transient || failure.ErrorId == SdeErrorIds.Timeout)
                    ? HttpErrors.WriteOutcomeUnknown(method, failure, context)
                    : failure;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var outcome = $"{status} {response.ReasonPhrase}".TrimEnd();
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    context.Verbose($"{request} -> {outcome} in {clock.ElapsedMilliseconds} ms, redirect to {location}");
                    current = redirects.Follow(method, current, status, location);
                    continue;
                }

                if (status is < 200 or >= 300)
                {
                    if (retry.RetryAfterAnswer(response, request, clock.Elapsed, context))
                    {
                        continue;
                    }

                    context.Verbose($"{request} -> {outcome} in {clock.ElapsedMilliseconds} ms");
                    var error = HttpErrors.FromResponse(response, method, current, BaseUri, retry.Retries, rule, context, attempt.Token, retry.NotRetried);
                    context.CancellationToken.ThrowIfCancellationRequested();
                    throw error;
                }

                if (status == 204)
                {
                    context.Verbose($"{request} -> {outcome} in {clock.ElapsedMilliseconds} ms");
                    return default;
                }

                if (TryReadAnswer(response, method, current, answerType, retry, rule, context, attempt.Token, out var answer, out var bytes))
                {
                    context.Verbose($"{request} -> {outcome} in {clock.ElapsedMilliseconds} ms, {FormatSize(bytes)}");
                    return answer;
                }
            }
        }
    }

    /// <summary>Why a request got no answer: Ctrl+C and Disconnect-Sde are thrown as they are, the rest explained.</summary>
    private SdeApiException NoAnswer(Exception failure, HttpRequestMessage request, RetryPolicy retry, RequestContext context, out bool transient)
    {
        var method = request.Method;
        var uri = request.RequestUri!;
        transient = false;
        if (failure is OperationCanceledException)
        {
            context.CancellationToken.ThrowIfCancellationRequested();

            // Disposing HttpClient cancels what it is sending: that is not a timeout.
            return IsDisposed ? throw ClosedDuring(method, uri, failure) : retry.TimedOut(method, uri, failure);
        }

        return ConnectionFailures.Classify(failure, uri, out transient, _certificates.ProblemOf(request), retry.Remaining);
    }

    /// <summary>
    /// Reads a successful answer. False when the connection broke off in the middle of it and the
    /// request may be sent again: a read, within the retries and the time budget, like a request that
    /// got no answer at all. A write is never repeated: it may have been made.
    /// </summary>
    private bool TryReadAnswer<T>(
        HttpResponseMessage response,
        HttpMethod method,
        Uri uri,
        JsonTypeInfo<T> answerType,
        RetryPolicy retry,
        RetryRule rule,
        RequestContext context,
        CancellationToken readToken,
        out T answer,
        out long bytes)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            answer = ResponseReader.Read(response, uri, answerType, readToken, out bytes);
            return true;
        }
        catch (OperationCanceledException ex) when (!context.CancellationToken.IsCancellationRequested)
        {
            var failure = IsDisposed ? ClosedDuring(method, uri, ex) : retry.TimedOut(method, uri, ex);
            throw rule == RetryRule.Write && !IsDisposed ? HttpErrors.WriteOutcomeUnknown(method, failure, context) : failure;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            if (IsDisposed)
            {
                throw ClosedDuring(method, uri, ex);
            }

            var request = $"{method} {uri}";
            var failure = ConnectionFailures.ClassifyBrokenAnswer(ex, uri, out var transient);
            context.Verbose($"{request} -> {(int)response.StatusCode} {response.ReasonPhrase}, but the answer broke off after {clock.ElapsedMilliseconds} ms of reading: {failure.Message}");
            if (retry.RetryAfterNoAnswer(transient, request, context, "got only part of its answer"))
            {
                answer = default!;
                bytes = 0;
                return false;
            }

            // A write's answer lost: the server accepted the write and may have made it.
            throw rule == RetryRule.Write ? HttpErrors.WriteOutcomeUnknown(method, failure, context) : failure;
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri, byte[]? jsonBody)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = _authorization;
        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = s_jsonBody;
        }

        return request;
    }

    /// <summary>Disconnect-Sde closed the connection (perhaps from another runspace) while this call ran.</summary>
    private SdeApiException ClosedDuring(HttpMethod method, Uri uri, Exception inner) =>
        new(
            $"The connection to {BaseUri} was closed by Disconnect-Sde while {method} {uri} was running. Run Connect-Sde to open a new one.",
            SdeErrorIds.ConnectionClosed,
            ErrorCategory.InvalidOperation,
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
    internal static class HttpClientFactory
    {
        public static HttpClientHandler CreateHandler(SdeClientOptions options, CertificateCheck certificates)
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };

            // -ThrottleLimit sends up to 32 requests at once; .NET Framework would allow 2 per server, .NET no limit.
            handler.MaxConnectionsPerServer = MaxParallelRequests;
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
            return handler;
        }

        public static HttpClient Create(SdeClientOptions options, HttpMessageHandler handler)
        {
            var http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
            return http;
        }
    }
}
