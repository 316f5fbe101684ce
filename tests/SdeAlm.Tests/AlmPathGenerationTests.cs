using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SdeAlm.Api;
using SdeAlm.Errors;
using Xunit;

namespace SdeAlm.Tests;

public class AlmPathGenerationTests
{
    private static readonly Uri s_server = new("https://sde.example.com/sde/");

    private readonly ConcurrentQueue<string> _verbose = new();

    [Fact]
    public void A_server_with_the_alm_paths_is_asked_once_and_remembered()
    {
        var stub = new StubHandler((request, _) => StubHandler.Json(200, """{"results":[{"id":1,"name":"Jira","system":{"id":"jira"}}]}"""));
        using var client = NewClient(stub);
        var api = new AlmResourceApi(client);

        Assert.Equal("Jira", Assert.Single(api.ListConnectors(Context())).Name);
        Assert.Single(api.ListConnections(7, Context()));

        Assert.Equal(
            ["https://sde.example.com/sde/api/v2/connectors/alm/", "https://sde.example.com/sde/api/v2/connections/alm/?project=7"],
            stub.Seen.Select(seen => seen.Uri.AbsoluteUri));
        Assert.Contains(_verbose, line => line.Contains("'alm' connector and ALM connection paths", StringComparison.Ordinal));
    }

    [Fact]
    public void A_current_server_costs_one_extra_request_per_server_connection()
    {
        var stub = new StubHandler((request, _) => request.RequestUri!.AbsolutePath.Contains("/alm/", StringComparison.Ordinal)
            ? StubHandler.Json(404, """{"detail":"Not found."}""")
            : StubHandler.Json(200, """{"results":[]}"""));
        using var client = NewClient(stub);

        Assert.Empty(new AlmResourceApi(client).ListConnectors(Context()));
        Assert.Empty(new AlmResourceApi(client).ListConnections(null, Context()));

        Assert.Equal(
            ["/sde/api/v2/connectors/alm/", "/sde/api/v2/connectors/issue-tracker/", "/sde/api/v2/connections/issue-tracker/"],
            stub.Seen.Select(seen => seen.Uri.AbsolutePath));
        Assert.Contains(_verbose, line => line.Contains("'issue-tracker' connector and ALM connection paths", StringComparison.Ordinal));
    }

    [Fact]
    public void Parallel_callers_on_one_server_connection_probe_once()
    {
        var stub = new StubHandler(async (request, _, cancel) =>
        {
            await Task.Delay(20, cancel).ConfigureAwait(false);
            return request.RequestUri!.AbsolutePath.Contains("/alm/", StringComparison.Ordinal)
                ? StubHandler.Json(404, """{"detail":"Not found."}""")
                : StubHandler.Json(200, """{"results":[]}""");
        });
        using var client = NewClient(stub);

        Parallel.For(0, 8, _ => Assert.Empty(new AlmResourceApi(client).ListConnectors(Context())));

        Assert.Equal(1, stub.Seen.Count(seen => seen.Uri.AbsolutePath.EndsWith("/alm/", StringComparison.Ordinal)));
        Assert.Equal(8, stub.Seen.Count(seen => seen.Uri.AbsolutePath.EndsWith("/issue-tracker/", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_404_on_both_paths_of_a_list_suggests_the_context_root_and_is_not_remembered()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(404, """{"detail":"Not found."}"""));
        using var client = NewClient(stub);
        var api = new AlmResourceApi(client);

        var error = Assert.Throws<SdeApiException>(() => api.ListConnectors(Context()).ToList());
        Assert.Equal(SdeErrorIds.AlmApiNotFound, error.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.Category);
        Assert.Contains("context root", error.Message, StringComparison.Ordinal);
        Assert.Null(AlmPathGeneration.For(client).Known);
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public void An_unknown_id_on_a_known_generation_is_one_request_and_names_the_id()
    {
        var stub = new StubHandler((request, number) => number == 0
            ? StubHandler.Json(200, """{"results":[]}""")
            : StubHandler.Json(404, """{"detail":"Not found."}"""));
        using var client = NewClient(stub);
        var api = new AlmResourceApi(client);
        _ = api.ListConnectors(Context()).ToList();

        var error = Assert.Throws<SdeApiException>(() => api.GetConnector(42, Context()));
        Assert.Equal(SdeErrorIds.AlmConnectorNotFound, error.ErrorId);
        Assert.Equal(42, error.TargetObject);
        Assert.Contains("Get-SdeAlmConnector", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public void A_refused_write_on_the_alm_path_decides_the_generation()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(400, """{"name":["This field is required."]}"""));
        using var client = NewClient(stub);
        var error = Assert.Throws<SdeApiException>(() => new AlmResourceApi(client).CreateConnector("{}"u8.ToArray(), Context()));
        Assert.Equal(SdeErrorIds.BadRequest, error.ErrorId);
        Assert.Equal(AlmPathGeneration.Alm, AlmPathGeneration.For(client).Known);
        Assert.Equal(HttpMethod.Post, Assert.Single(stub.Seen).Method);
    }

    private RequestContext Context() => new(_verbose.Enqueue, CancellationToken.None);

    private static SdeApiClient NewClient(StubHandler stub) =>
        new(new SdeClientOptions(s_server) { RetryIntervalSec = 0, Timeout = TimeSpan.FromSeconds(30) }, "secret-token", stub);
}
