using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SdeAlm.Api;
using SdeAlm.Errors;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>
/// What requests made on several threads at once (the workers of a -ThrottleLimit run) share: the
/// client's connections to the server, and the reads one invocation makes once (the catalog, each
/// connector), which stay once when many ask at the same moment.
/// </summary>
public class ParallelRequestTests
{
    private const string Catalog = """{"results":[{"id":"jira","name":"Jira","sections":[{"label":"","fields":[{"name":"alm_pass","field_type":"masked_string","scope":["system"]}]}]}]}""";
    private const string Connector = """{"id":1,"name":"Jira","system":{"id":"jira"},"inaccessible":false,"params":{"alm_pass":"s3cret"}}""";

    private static readonly Uri s_server = new("https://sde.example.com/");

    [Fact]
    public void The_client_keeps_as_many_connections_to_the_server_as_the_highest_throttle_limit()
    {
        using var handler = SdeApiClient.HttpClientFactory.CreateHandler(new SdeClientOptions(s_server), new CertificateCheck());
        Assert.Equal(32, SdeApiClient.MaxParallelRequests);
        Assert.Equal(SdeApiClient.MaxParallelRequests, handler.MaxConnectionsPerServer);
    }

    [Fact]
    public void Many_threads_asking_for_the_catalog_at_once_make_one_read()
    {
        var stub = new StubHandler(async (request, _, cancel) =>
        {
            await Task.Delay(50, cancel).ConfigureAwait(false);
            return StubHandler.Json(200, Catalog);
        });
        using var client = NewClient(stub);
        var resources = new AlmResources(client, new object(), s_server.ToString());

        var catalogs = new ConcurrentBag<object>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => catalogs.Add(resources.Catalog(Context())));

        Assert.Equal(1, stub.Count);
        Assert.Single(catalogs.Distinct());
    }

    [Fact]
    public void Many_threads_asking_for_one_connector_at_once_make_one_read_of_it_and_of_the_catalog()
    {
        var stub = new StubHandler(async (request, _, cancel) =>
        {
            await Task.Delay(50, cancel).ConfigureAwait(false);
            return StubHandler.Json(200, request.RequestUri!.AbsolutePath.Contains("plugins", StringComparison.Ordinal) ? Catalog : Connector);
        });
        using var client = NewClient(stub);
        var resources = new AlmResources(client, new object(), s_server.ToString());

        var names = new ConcurrentBag<string?>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => names.Add(resources.Connector(1, Context()).Name));

        Assert.Equal(["Jira"], names.Distinct());
        Assert.Equal(["/api/v2/connectors/alm/1/", "/api/v2/plugins/alm/"], stub.Seen.Select(seen => seen.Uri.AbsolutePath).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_connector_the_server_does_not_have_is_asked_for_once_and_its_error_given_to_every_caller()
    {
        var stub = new StubHandler((request, _) => StubHandler.Json(404, """{"detail":"Not found."}"""));
        using var client = NewClient(stub);
        var resources = new AlmResources(client, new object(), s_server.ToString());

        var errors = new ConcurrentBag<string>();
        Parallel.For(0, 4, _ => errors.Add(Assert.Throws<SdeApiException>(() => resources.Connector(9, Context())).ErrorId));

        Assert.Equal([SdeErrorIds.AlmConnectorNotFound], errors.Distinct());

        // alm, then issue-tracker (both 404: the generation stays unknown), once for all four callers.
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public void A_read_once_that_failed_keeps_nothing_and_the_next_caller_reads_again()
    {
        var once = new ReadOnce<string>();
        var reads = 0;
        Assert.Throws<InvalidOperationException>(() => once.Get(() => { reads++; throw new InvalidOperationException("down"); }, CancellationToken.None));
        Assert.Equal("read", once.Get(() => { reads++; return "read"; }, CancellationToken.None));
        Assert.Equal("read", once.Get(() => { reads++; return "again"; }, CancellationToken.None));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Waiting_for_another_threads_read_ends_with_ctrl_c()
    {
        var once = new ReadOnce<string>();
        using var reading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => once.Get(
            () =>
            {
                reading.Set();
                release.Wait();
                return "late";
            },
            CancellationToken.None));
        reading.Wait();
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        Assert.Throws<OperationCanceledException>(() => once.Get(() => "never", stop.Token));
        release.Set();
        Assert.Equal("late", await first.ConfigureAwait(true));
    }

    private static RequestContext Context() => new(null, CancellationToken.None);

    private static SdeApiClient NewClient(StubHandler stub) =>
        new(new SdeClientOptions(s_server) { RetryIntervalSec = 0, Timeout = TimeSpan.FromSeconds(30) }, "secret-token", stub);
}
