using System;
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

namespace SdeAlm.Api;

/// <summary>
/// The one HTTP client of a connection: authentication, timeouts, retries, redirects, size limits and
/// error mapping live here so the cmdlets only ask for typed objects. Safe to share across runspaces.
/// </summary>
internal sealed class SdeApiClient : IDisposable
{
    /// <summary>The largest answer we read; the whole catalog of a big server is a few MB.</summary>
    internal const long MaximumResponseBytes = 64L * 1024 * 1024;

    private const int MaximumRedirects = 5;

    private readonly HttpClient _http;
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
        _http = HttpClientFactory.Create(options);
    }

    public Uri BaseUri { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>An API path such as <c>api/v2/plugins/alm/</c>, kept under the server's context root.</summary>
    public Uri Resolve(string relativePath) => new(BaseUri, relativePath);

    /// <summary>GETs <paramref name="uri"/> and deserializes the JSON answer while it streams in.</summary>
    public T GetJson<T>(Uri uri, JsonTypeInfo<T> typeInfo, RequestContext context)
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
            catch (OperationCanceledException ex)
            {
                throw budget.TimedOut(current, ex);
            }
            catch (HttpRequestException ex)
            {
                var failure = ConnectionFailures.Classify(ex, current, out var transient);
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
                    throw HttpErrors.FromResponse(response, current, BaseUri, retries);
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

        bytes = 0;
        LimitedReadStream? body = null;
        try
        {
            body = new LimitedReadStream(response.Content.ReadAsStreamAsync().GetAwaiter().GetResult(), MaximumResponseBytes, uri);
            var result = JsonSerializer.DeserializeAsync(body, typeInfo, attemptToken).AsTask().GetAwaiter().GetResult();
            bytes = body.BytesRead;
            return result ?? throw InvalidJson(uri, "the answer is the JSON literal null", null);
        }
        catch (OperationCanceledException) when (userToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw budget.TimedOut(uri, ex);
        }
        catch (JsonException ex)
        {
            throw InvalidJson(uri, body is { BytesRead: 0 } ? "the answer is empty" : DescribeJsonError(ex), ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw ConnectionFailures.Classify(ex, uri, out _);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DecoderFallbackException or ArgumentException or FormatException or OverflowException)
        {
            // Utf8JsonReader reports invalid UTF-8 and out-of-range numbers with these.
            throw InvalidJson(uri, ex.Message, ex);
        }
        finally
        {
            body?.Dispose();
        }
    }

    private static bool IsJson(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string DescribeJsonError(JsonException ex) =>
        ex.Path is null ? ex.Message : $"{ex.Message.Split('.')[0]} at {ex.Path}";

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
        public static HttpClient Create(SdeClientOptions options)
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

            if (options.SkipCertificateCheck)
            {
#pragma warning disable CA5359 // The user asked for it with -SkipCertificateCheck.
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
            }

            var http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
            return http;
        }
    }
}
