using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using SdeAlm.Errors;
using SdeAlm.Json;

namespace SdeAlm.Api;

/// <summary>
/// Any endpoint of SD Elements through the server connection's client (token, TLS, proxy, timeout,
/// retries, redirect guard): what Invoke-SdeRestMethod sends. The body is any PowerShell value; the
/// answer comes back as PowerShell objects built from the raw JSON, secrets and all.
/// </summary>
internal sealed class RestApi
{
    private readonly SdeApiClient _client;

    public RestApi(SdeApiClient client)
    {
        _client = client;
    }

    public Uri BaseUri => _client.BaseUri;

    /// <summary>
    /// Sends one request and returns its answer as objects: the items of a JSON array one by one, an object
    /// as itself, nothing for 204 No Content or the JSON literal null. GET is retried like every read; other
    /// methods only when the server said it did not act.
    /// </summary>
    public IReadOnlyList<object?> Send(HttpMethod method, Uri target, object? body, RequestContext context)
    {
        var bytes = body is null ? null : RestRequestBody.ToBytes(body);
        return Send(method, target, bytes, context) switch
        {
            { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(item => RestAnswerObjects.ToObject(item, target))],
            null or { ValueKind: JsonValueKind.Null } => [],
            { } answer => [RestAnswerObjects.ToObject(answer, target)],
        };
    }

    /// <summary>The items of every page of a list, as objects, following <c>next</c>; a plain JSON array is one page.</summary>
    public IEnumerable<object?> GetAll(Uri first, RequestContext context) =>
        PageWalker.Walk(
            _client.BaseUri,
            first,
            "list",
            page => (page, answer: Send(HttpMethod.Get, page, null, context)),
            fetched => Items(fetched.page, fetched.answer))
        .Select(item => RestAnswerObjects.ToObject(item.Value, item.Page));

    private JsonElement? Send(HttpMethod method, Uri target, byte[]? body, RequestContext context)
    {
        var answer = _client.Send(method, target, body, SdeJsonContext.Default.JsonElement, context, method == HttpMethod.Get ? RetryRule.Read : RetryRule.Write);
        return answer.ValueKind == JsonValueKind.Undefined ? null : answer;
    }

    private static (IEnumerable<(JsonElement Value, Uri Page)>? Items, string? Next) Items(Uri page, JsonElement? answer)
    {
        if (answer is { ValueKind: JsonValueKind.Array } array)
        {
            return (array.EnumerateArray().Select(item => (item, page)).ToArray(), null);
        }

        if (answer is { ValueKind: JsonValueKind.Object } list
            && list.TryGetProperty("results", out var results)
            && results.ValueKind == JsonValueKind.Array)
        {
            var next = list.TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
            return (results.EnumerateArray().Select(item => (item, page)).ToArray(), next);
        }

        throw new SdeApiException(
            $"-All reads lists, but the answer from {page} is not a list: it has no 'results' array. Run the call without -All to get the answer as it is.",
            SdeErrorIds.InvalidJson,
            ErrorCategory.InvalidData,
            page);
    }
}
