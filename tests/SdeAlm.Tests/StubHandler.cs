using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SdeAlm.Tests;

/// <summary>One request as the stub saw it.</summary>
internal sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Body, string? ContentType, string? Authorization);

/// <summary>
/// Answers the client without a network: <c>answer</c> gets the request and its 0-based number, and
/// returns a response or throws (a reset connection). Every request is recorded, so tests count them.
/// </summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> _answer;

    public StubHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer)
        : this((request, number, _) => Task.FromResult(answer(request, number)))
    {
    }

    public StubHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answer = answer;
    }

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public int Count => Seen.Count;

    public static HttpResponseMessage Json(int status, string json) =>
        new((System.Net.HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var number = Seen.Count;
        Seen.Enqueue(new SeenRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.ToString(), request.Headers.Authorization?.ToString()));
        return await _answer(request, number, cancellationToken).ConfigureAwait(false);
    }
}
