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
/// retries, redirect guard), answered as raw JSON: what Invoke-SdeRestMethod sends.
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
    /// Sends one request and returns its JSON answer, or null for 204 No Content. GET is retried like every
    /// read; other methods only when the server said it did not act.
    /// </summary>
    public JsonElement? Send(HttpMethod method, Uri target, byte[]? body, RequestContext context)
    {
        var answer = _client.Send(method, target, body, SdeJsonContext.Default.JsonElement, context, method == HttpMethod.Get ? RetryRule.Read : RetryRule.Write);
        return answer.ValueKind == JsonValueKind.Undefined ? null : answer;
    }

    /// <summary>The items of every page of a list, following <c>next</c>; a plain JSON array is one page.</summary>
    public IEnumerable<JsonElement> GetAll(Uri first, RequestContext context) =>
        PageWalker.Walk(
            _client.BaseUri,
            first,
            "list",
            page => (page, answer: Send(HttpMethod.Get, page, null, context)),
            fetched => Items(fetched.page, fetched.answer));

    private static (IEnumerable<JsonElement>? Items, string? Next) Items(Uri page, JsonElement? answer)
    {
        if (answer is { ValueKind: JsonValueKind.Array } array)
        {
            return (array.EnumerateArray().ToArray(), null);
        }

        if (answer is { ValueKind: JsonValueKind.Object } list
            && list.TryGetProperty("results", out var results)
            && results.ValueKind == JsonValueKind.Array)
        {
            var next = list.TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
            return (results.EnumerateArray().ToArray(), next);
        }

        throw new SdeApiException(
            $"-All reads lists, but the answer from {page} is not a list: it has no 'results' array. Run the call without -All to get the answer as it is.",
            SdeErrorIds.InvalidJson,
            ErrorCategory.InvalidData,
            page);
    }
}
