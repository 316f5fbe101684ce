using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;

namespace SdeAlm.Simulator;

/// <summary>
/// The single request handler. Routing is done by hand because the scenario options
/// form a variable-length path prefix in front of <c>api/</c>.
/// </summary>
internal sealed class SimulatorHandler(Catalog catalog, RequestJournal journal, string token, CancellationToken stopping)
{
    internal const string JsonContentType = "application/json; charset=utf-8";

    private static readonly byte[] MeBody = Encoding.UTF8.GetBytes(
        """{"id":1,"email":"admin@example.com","first_name":"Ada","last_name":"Admin","username":"admin"}""");

    // What a proxy in front of SD Elements might return instead of the API.
    private static readonly byte[] HtmlBody = Encoding.UTF8.GetBytes(
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Sign in - Example Corp SSO</title></head>
        <body>
          <h1>Example Corp Single Sign-On</h1>
          <form method="post" action="/sso/login">
            <label>User name <input name="username"></label>
            <label>Password <input name="password" type="password"></label>
            <button type="submit">Sign in</button>
          </form>
        </body>
        </html>

        """);

    private static readonly byte[] BrokenBody = Encoding.UTF8.GetBytes(
        """{"results":[{"id":"trac","name":"Trac","short_name":"Tr""");

    // Keeps "<present>" and non-ASCII header text readable; these are never embedded in HTML.
    private static readonly JsonWriterOptions RelaxedWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string StallKey = "sim.stall";

    private readonly string expectedAuthorization = "Token " + token;

    private readonly Lazy<FuzzCorpus> fuzz = new(() => new FuzzCorpus(catalog));

    private readonly Lazy<Catalog> issueTrackerCatalog = new(() => catalog.Rewrite(IssueTrackerNames.RewritePlugin));

    private AlmStores? stores;

    private AlmStores Stores => LazyInitializer.EnsureInitialized(ref stores, () => new AlmStores(
        new PluginSchemas(catalog),
        new Lazy<PluginSchemas>(() => new PluginSchemas(issueTrackerCatalog.Value))));

    public async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string[] segments = (request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);

        if (segments.Length > 0 && segments[0] == "_sim")
        {
            await HandleControlAsync(context, segments).ConfigureAwait(false);
            return;
        }

        // Everything before the first "api" segment is the scenario prefix. Without an
        // "api" segment the whole path is prefix and the (empty) route is unknown.
        int apiIndex = Array.IndexOf(segments, "api");
        int split = apiIndex < 0 ? segments.Length : apiIndex;
        ArraySegment<string> scenarioSegments = new(segments, 0, split);
        ArraySegment<string> route = new(segments, split, segments.Length - split);

        string prefix = string.Join('/', segments, 0, split);
        string routePath = string.Join('/', route.AsEnumerable()) + (route.Count > 0 && (request.Path.Value ?? "").EndsWith('/') ? "/" : "");
        var (sequence, logged) = journal.Record(prefix, request.Headers, request.Method, routePath, request.QueryString.Value?.TrimStart('?') ?? "");
        RequestJournal.Attach(context, logged);
        try
        {
            await HandleScenarioAsync(context, prefix, sequence, scenarioSegments, route).ConfigureAwait(false);
        }
        finally
        {
            logged.Status = context.Response.StatusCode;
        }
    }

    private async Task HandleScenarioAsync(
        HttpContext context, string prefix, long sequence, ArraySegment<string> scenarioSegments, ArraySegment<string> route)
    {
        HttpRequest request = context.Request;

        if (!Scenario.TryParse(scenarioSegments, out Scenario scenario, out string? error))
        {
            await WriteDetailAsync(context, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return;
        }

        if (scenario.StallMs > 0)
        {
            context.Items[StallKey] = scenario.StallMs;
        }

        if (scenario.DelayMs > 0)
        {
            // Give up early if the client goes away or the server shuts down, so a
            // cancelled request does not keep the simulator busy.
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            try
            {
                await Task.Delay(scenario.DelayMs, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }

        if (await TryApplyScenarioAsync(context, scenario, sequence, scenarioSegments, route).ConfigureAwait(false))
        {
            return;
        }

        if (!string.Equals(request.Headers.Authorization, expectedAuthorization, StringComparison.Ordinal))
        {
            await WriteDetailAsync(context, StatusCodes.Status401Unauthorized, "Invalid token.").ConfigureAwait(false);
            return;
        }

        await RouteApiAsync(context, scenario, prefix, route).ConfigureAwait(false);
    }

    /// <summary>Applies the scenario behaviours that replace the normal answer; true if one did.</summary>
    private static async Task<bool> TryApplyScenarioAsync(
        HttpContext context, Scenario scenario, long sequence, ArraySegment<string> scenarioSegments, ArraySegment<string> route)
    {
        // Throttled requests come first, then failing ones, then normal service.
        if (sequence <= scenario.Throttle)
        {
            await WriteDetailAsync(context, StatusCodes.Status429TooManyRequests, "Request was throttled.", scenario.RetryAfter).ConfigureAwait(false);
            return true;
        }

        if (sequence <= (long)scenario.Throttle + scenario.Fail)
        {
            await WriteDetailAsync(context, scenario.FailStatus, "Service temporarily unavailable.").ConfigureAwait(false);
            return true;
        }

        if (scenario.Status is int status)
        {
            await WriteDetailAsync(context, status, StatusDetail(status), scenario.RetryAfter).ConfigureAwait(false);
            return true;
        }

        if (scenario.RedirectTo is not null || scenario.RedirectSame)
        {
            HttpRequest request = context.Request;
            string authority = scenario.RedirectTo ?? request.Host.Value ?? "";
            string scheme = scenario.RedirectTo is not null ? "http" : request.Scheme;
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location =
                $"{scheme}://{authority}{RedirectPath(scenarioSegments, route, request)}{request.QueryString}";
            return true;
        }

        if (scenario.Html)
        {
            await WriteAsync(context, StatusCodes.Status200OK, "text/html; charset=utf-8", HtmlBody).ConfigureAwait(false);
            return true;
        }

        if (scenario.Broken)
        {
            await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, BrokenBody).ConfigureAwait(false);
            return true;
        }

        if (scenario.NotJson)
        {
            await WriteAsync(context, StatusCodes.Status200OK, "text/plain; charset=utf-8", "OK"u8.ToArray()).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    private async Task RouteApiAsync(HttpContext context, Scenario scenario, string prefix, ArraySegment<string> route)
    {
        if (AlmApi.Owns(route))
        {
            await new AlmApi(Stores).HandleAsync(context, scenario, prefix, route).ConfigureAwait(false);
            return;
        }

        Catalog served = scenario.IssueTracker ? issueTrackerCatalog.Value : catalog;
        bool known = route.Count switch
        {
            4 => IsPrefix(route, "api", "v2", "users", "me") || IsPrefix(route, "api", "v2", "plugins", "alm"),
            5 => IsPrefix(route, "api", "v2", "plugins", "alm"),
            _ => false,
        };

        if (!known)
        {
            await WriteDetailAsync(context, StatusCodes.Status404NotFound, "Not found.").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET";
            await WriteDetailAsync(context, StatusCodes.Status405MethodNotAllowed, $"Method \"{context.Request.Method}\" not allowed.").ConfigureAwait(false);
            return;
        }

        if (route[2] == "users")
        {
            await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, MeBody).ConfigureAwait(false);
        }
        else if (scenario.HugeMiB is int mib)
        {
            await WriteHugeAsync(context, mib, flood: false, scenario.Gzip).ConfigureAwait(false);
        }
        else if (scenario.FloodMiB is int floodMib)
        {
            await WriteHugeAsync(context, floodMib, flood: true, scenario.Gzip).ConfigureAwait(false);
        }
        else if (scenario.Fuzz is int n)
        {
            await WriteFuzzAsync(context, fuzz.Value.Create(n, route.Count == 5 ? FuzzTarget.Plugin : FuzzTarget.List)).ConfigureAwait(false);
        }
        else if (route.Count == 5)
        {
            if (served.TryGetPlugin(route[4], out byte[] plugin))
            {
                await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, plugin).ConfigureAwait(false);
            }
            else
            {
                await WriteDetailAsync(context, StatusCodes.Status404NotFound, "Not found.").ConfigureAwait(false);
            }
        }
        else if (scenario.PageSize is int pageSize)
        {
            await WritePageAsync(context, served, pageSize, scenario.NextTo).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, served.ListBody).ConfigureAwait(false);
        }
    }

    private static async Task WritePageAsync(HttpContext context, Catalog catalog, int pageSize, string? nextTo)
    {
        HttpRequest request = context.Request;
        int pageCount = catalog.PageCount(pageSize);
        int page = 1;
        string? pageText = request.Query["page"];
        if (pageText is not null &&
            (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > pageCount))
        {
            await WriteDetailAsync(context, StatusCodes.Status404NotFound, "Invalid page.").ConfigureAwait(false);
            return;
        }

        // Absolute links on the same scheme/host/path (scenario prefix included), like DRF;
        // nextto= makes them point at another server, over http, as a hostile server might.
        string Link(int target) => UriHelper.BuildAbsolute(
            nextTo is null ? request.Scheme : "http",
            nextTo is null ? request.Host : new HostString(nextTo),
            request.PathBase,
            request.Path,
            QueryString.Create("page", target.ToString(CultureInfo.InvariantCulture)));

        byte[] body = catalog.BuildPage(
            page,
            pageSize,
            next: page < pageCount ? Link(page + 1) : null,
            previous: page > 1 ? Link(page - 1) : null);
        await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, body).ConfigureAwait(false);
    }

    /// <summary>Test introspection endpoints under <c>/_sim/</c>; no authentication.</summary>
    private async Task HandleControlAsync(HttpContext context, string[] segments)
    {
        string prefix = ((string?)context.Request.Query["prefix"] ?? "").Trim('/');
        string? endpoint = segments.Length == 2 ? segments[1] : null;

        if (endpoint == "requests")
        {
            var (count, withAuth) = journal.Counts(prefix);
            bool detail = context.Request.Query["detail"] == "1";
            await WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteNumber("count", count);
                writer.WriteNumber("withAuth", withAuth);
                if (detail)
                {
                    WriteRequestDetail(writer, journal.Requests(prefix));
                }
            }).ConfigureAwait(false);
        }
        else if (endpoint == "store")
        {
            if (!Scenario.TryParse(prefix.Split('/', StringSplitOptions.RemoveEmptyEntries), out Scenario scenario, out string? error))
            {
                await WriteDetailAsync(context, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
                return;
            }

            byte[] body = AlmApi.Serialize(Stores.For(prefix, scenario).Dump(withProject: !scenario.NoJobProject));
            await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, body).ConfigureAwait(false);
        }
        else if (endpoint == "concurrency")
        {
            TestConcurrency? counters = Stores.FindConcurrency(prefix);
            await WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteNumber("current", counters?.Current ?? 0);
                writer.WriteNumber("max", counters?.Max ?? 0);
                writer.WriteNumber("total", counters?.Total ?? 0);
            }).ConfigureAwait(false);
        }
        else if (endpoint == "fuzz")
        {
            await WriteFuzzCatalogAsync(context).ConfigureAwait(false);
        }
        else if (endpoint == "headers")
        {
            var headers = journal.LastHeaders(prefix);
            if (headers is null)
            {
                await WriteDetailAsync(context, StatusCodes.Status404NotFound, "No request seen under this prefix.").ConfigureAwait(false);
                return;
            }

            await WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
            {
                foreach (var (name, value) in headers)
                {
                    writer.WriteString(name, value);
                }
            }).ConfigureAwait(false);
        }
        else
        {
            await WriteDetailAsync(context, StatusCodes.Status404NotFound, "Not found.").ConfigureAwait(false);
        }
    }

    /// <summary>Per-method counts and the ordered list of requests: what tests count writes and retries with.</summary>
    private static void WriteRequestDetail(Utf8JsonWriter writer, IReadOnlyList<LoggedRequest> requests)
    {
        writer.WriteStartObject("methods");
        foreach (var group in requests.GroupBy(r => r.Method, StringComparer.Ordinal))
        {
            writer.WriteNumber(group.Key, group.Count());
        }

        writer.WriteEndObject();
        writer.WriteStartArray("requests");
        foreach (LoggedRequest request in requests)
        {
            writer.WriteStartObject();
            writer.WriteString("method", request.Method);
            writer.WriteString("path", request.Path);
            writer.WriteString("query", request.Query);
            writer.WriteNumber("status", request.Status);
            if (request.Body is JsonNode body)
            {
                writer.WritePropertyName("body");
                body.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// <c>/_sim/fuzz?from=F&amp;count=C</c>: what mutations F..F+C-1 are, for both targets, so the
    /// fuzz test can report outcomes per kind and compare meaning-preserving ones with the original.
    /// </summary>
    private async Task WriteFuzzCatalogAsync(HttpContext context)
    {
        int from = int.TryParse(context.Request.Query["from"], NumberStyles.None, CultureInfo.InvariantCulture, out int f) ? f : 0;
        int count = int.TryParse(context.Request.Query["count"], NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? Math.Min(c, 100_000) : 1;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, RelaxedWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("special", FuzzCorpus.SpecialCount);
            writer.WriteStartArray("cases");
            for (int n = from; n < from + count; n++)
            {
                writer.WriteStartObject();
                writer.WriteNumber("n", n);
                foreach (FuzzTarget target in Enum.GetValues<FuzzTarget>())
                {
                    FuzzCase fuzzCase = fuzz.Value.Create(n, target);
                    writer.WriteStartObject(target == FuzzTarget.List ? "list" : "plugin");
                    writer.WriteString("kind", fuzzCase.Kind);
                    writer.WriteString("detail", fuzzCase.Detail.Length > 200 ? fuzzCase.Detail[..200] : fuzzCase.Detail);
                    writer.WriteBoolean("preserving", fuzzCase.Preserving);
                    writer.WriteString("base", fuzzCase.BaseId);
                    writer.WriteNumber("bytes", fuzzCase.Body.Length);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await WriteAsync(context, StatusCodes.Status200OK, JsonContentType, buffer.WrittenSpan.ToArray()).ConfigureAwait(false);
    }

    private static async Task WriteFuzzAsync(HttpContext context, FuzzCase fuzzCase)
    {
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (fuzzCase.ContentType is not null)
        {
            response.ContentType = fuzzCase.ContentType;
        }

        if (fuzzCase.ContentEncoding is not null)
        {
            response.Headers.ContentEncoding = fuzzCase.ContentEncoding;
        }

        response.ContentLength = fuzzCase.Body.Length;
        if (fuzzCase.CutShort)
        {
            // Promise the whole body, deliver half, then drop the connection.
            await response.Body.WriteAsync(fuzzCase.Body.AsMemory(0, fuzzCase.Body.Length / 2), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            return;
        }

        await response.Body.WriteAsync(fuzzCase.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// A plugin list of <paramref name="mib"/> MiB: either one plugin whose name never seems to end, or
    /// (<paramref name="flood"/>) millions of empty plugins. Written in 64 KiB chunks as the client
    /// reads, so the simulator never holds it in memory.
    /// </summary>
    private static async Task WriteHugeAsync(HttpContext context, int mib, bool flood, bool gzip)
    {
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        byte[] chunk = new byte[64 * 1024];
        if (flood)
        {
            for (int i = 0; i + 3 <= chunk.Length; i += 3)
            {
                "{},"u8.CopyTo(chunk.AsSpan(i));
            }

            chunk = chunk[..(chunk.Length / 3 * 3)];
        }
        else
        {
            chunk.AsSpan().Fill((byte)'a');
        }

        byte[] head = flood ? """{"results":["""u8.ToArray() : """{"results":[{"id":"huge","name":"a"""u8.ToArray();
        byte[] tail = flood ? "{}]}"u8.ToArray() : "\"}]}"u8.ToArray();
        Stream output = gzip ? new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true) : response.Body;
        try
        {
            await output.WriteAsync(head, context.RequestAborted).ConfigureAwait(false);
            long chunks = (long)mib * 1024 * 1024 / chunk.Length;
            for (long i = 0; i < chunks; i++)
            {
                await output.WriteAsync(chunk, context.RequestAborted).ConfigureAwait(false);
            }

            await output.WriteAsync(tail, context.RequestAborted).ConfigureAwait(false);
            if (gzip)
            {
                await output.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client stopped reading (it should, past its size cap).
            context.Abort();
        }
    }

    /// <summary>The request path with the redirect option removed, so the target does not bounce again.</summary>
    private static string RedirectPath(ArraySegment<string> scenarioSegments, ArraySegment<string> route, HttpRequest request)
    {
        var kept = scenarioSegments.Where(s => !Scenario.IsRedirectSegment(s)).Concat(route);
        string path = "/" + string.Join('/', kept);
        if (route.Count > 0 && (request.Path.Value ?? "").EndsWith('/'))
        {
            path += "/";
        }

        return new PathString(path).ToUriComponent();
    }

    private static bool IsPrefix(ArraySegment<string> route, params ReadOnlySpan<string> expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (!string.Equals(route[i], expected[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string StatusDetail(int status) => status switch
    {
        401 => "Invalid token.",
        403 => "You do not have permission to perform this action.",
        404 => "Not found.",
        429 => "Request was throttled.",
        _ => $"Simulated {status}.",
    };

    private static Task WriteDetailAsync(HttpContext context, int status, string detail, int? retryAfter = null)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            // DRF's TokenAuthentication advertises its scheme on 401.
            context.Response.Headers.WWWAuthenticate = "Token";
        }
        else if (status == StatusCodes.Status429TooManyRequests && retryAfter is int seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, status, writer => writer.WriteString("detail", detail));
    }

    private static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, RelaxedWriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return WriteAsync(context, status, JsonContentType, buffer.WrittenSpan.ToArray());
    }

    internal static Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;

        // 204 and 304 must not carry a body (reachable through status=CODE).
        if (status is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            return Task.CompletedTask;
        }

        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        return context.Items.TryGetValue(StallKey, out object? stall) && stall is int stallMs
            ? WriteStalledAsync(context, body, stallMs)
            : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>Sends half the body, then waits before the rest: a server that hangs mid-answer.</summary>
    private static async Task WriteStalledAsync(HttpContext context, byte[] body, int stallMs)
    {
        int half = body.Length / 2;
        try
        {
            await context.Response.Body.WriteAsync(body.AsMemory(0, half), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await Task.Delay(stallMs, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync(body.AsMemory(half), context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }
}
