using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using SdeAlm.Api;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>
/// Get-SdeAlmJob's newest first: a job list read from its end, page by page, so that the newest jobs
/// cost the fewest requests; lists of several ALM connections merged by id as they are read.
/// </summary>
public class JobListTests
{
    private static readonly Uri s_server = new("https://sde.example.com/sde/");
    private static readonly int[] s_beforeDeletion = [1, 2, 3, 4, 5, 6];
    private static readonly int[] s_afterDeletion = [1, 3, 4, 5, 6];

    [Fact]
    public void A_numbered_list_is_read_from_its_last_page_and_stops_where_the_reader_stops()
    {
        var stub = new StubHandler((request, _) => Page(request.RequestUri!, total: 95, size: 10));
        using var client = NewClient(stub);

        var newest = new AlmJobApi(client, serverConnection: "test").NewestFirst(null, null, null, Context()).Take(7).Select(job => job.Id).ToList();

        Assert.Equal([95, 94, 93, 92, 91, 90, 89], newest);
        Assert.Equal(["", "?page=10", "?page=9"], stub.Seen.Select(seen => seen.Uri.Query));
    }

    [Fact]
    public void Every_item_comes_once_in_reverse_order_when_read_to_the_start()
    {
        var stub = new StubHandler((request, _) => Page(request.RequestUri!, total: 25, size: 10));
        using var client = NewClient(stub);

        var all = new AlmJobApi(client, serverConnection: "test").NewestFirst(null, null, null, Context()).Select(job => job.Id).ToList();

        Assert.Equal(Enumerable.Range(1, 25).Reverse(), all);
        Assert.Equal(["", "?page=3", "?page=2"], stub.Seen.Select(seen => seen.Uri.Query));
    }

    [Fact]
    public void A_list_whose_pages_say_no_count_is_read_forward_then_handed_out_last_first()
    {
        var stub = new StubHandler((request, _) =>
        {
            var number = PageNumber(request.RequestUri!);
            var next = number < 3 ? $"\"https://sde.example.com/sde/api/v2/jobs/alm/?cursor=c{number + 1}\"" : "null";
            var ids = Enumerable.Range(((number - 1) * 2) + 1, 2);
            return StubHandler.Json(200, $$"""{"next":{{next}},"results":[{{string.Join(",", ids.Select(Job))}}]}""");
        });
        using var client = NewClient(stub);
        var verbose = new List<string>();

        var all = new AlmJobApi(client, serverConnection: "test").NewestFirst(null, null, null, new RequestContext(verbose.Add, CancellationToken.None)).Select(job => job.Id).ToList();

        Assert.Equal([6, 5, 4, 3, 2, 1], all);
        Assert.Equal(3, stub.Count);
        Assert.Contains(verbose, line => line.Contains("does not number its pages", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_of_several_alm_connections_are_merged_newest_first()
    {
        var jobsOf = new Dictionary<string, int[]> { ["1"] = [1, 4, 5, 9], ["3"] = [2, 7], ["5"] = [] };
        var stub = new StubHandler((request, _) =>
        {
            var connection = request.RequestUri!.Query.Split('&')[0].Split('=')[1];
            return StubHandler.Json(200, $$"""{"results":[{{string.Join(",", jobsOf[connection].Select(Job))}}]}""");
        });
        using var client = NewClient(stub);

        var merged = new AlmJobApi(client, serverConnection: "test").NewestFirst(null, [1, 3, 5, 3], null, Context()).Select(job => job.Id).ToList();

        Assert.Equal([9, 7, 5, 4, 2, 1], merged);
        Assert.Equal(3, stub.Count);
    }

    [Fact]
    public void A_job_a_deleted_one_moved_across_a_page_boundary_comes_once()
    {
        // 6 jobs, 2 a page; job 2 is deleted after the last page was read, so page 2 now starts with job 5.
        var deleted = false;
        var stub = new StubHandler((request, _) =>
        {
            var ids = deleted ? s_afterDeletion : s_beforeDeletion;
            var number = PageNumber(request.RequestUri!);
            deleted |= number == 3;
            var items = ids.Skip((number - 1) * 2).Take(2);
            var next = number == 1 ? "\"https://sde.example.com/sde/api/v2/jobs/alm/?page=2\"" : "null";
            return StubHandler.Json(200, $$"""{"count":{{ids.Length}},"next":{{next}},"results":[{{string.Join(",", items.Select(Job))}}]}""");
        });
        using var client = NewClient(stub);

        Assert.Equal([6, 5, 4, 2, 1], new AlmJobApi(client, serverConnection: "test").NewestFirst(null, null, null, Context()).Select(job => job.Id));
    }

    private static System.Net.Http.HttpResponseMessage Page(Uri uri, int total, int size)
    {
        var number = PageNumber(uri);
        var pages = (total + size - 1) / size;
        var first = ((number - 1) * size) + 1;
        var ids = Enumerable.Range(first, Math.Min(size, total - first + 1));
        var next = number < pages ? $"\"https://sde.example.com/sde/api/v2/jobs/alm/?page={number + 1}\"" : "null";
        return StubHandler.Json(200, $$"""{"count":{{total}},"next":{{next}},"previous":null,"results":[{{string.Join(",", ids.Select(Job))}}]}""");
    }

    private static int PageNumber(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        var value = query.Split('&').Select(part => part.Split('=')).FirstOrDefault(part => part[0] is "page" or "cursor")?[1];
        return value is null ? 1 : int.Parse(value.TrimStart('c'), CultureInfo.InvariantCulture);
    }

    private static string Job(int id) =>
        $$"""{"id":{{id}},"connection":1,"succeeded":true,"ready":true,"automatic":true,"last_run":"2026-11-28T02:00:00Z","result_message":"ok"}""";

    private static RequestContext Context() => new(null, CancellationToken.None);

    private static SdeApiClient NewClient(StubHandler stub) =>
        new(new SdeClientOptions(s_server) { RetryIntervalSec = 0, Timeout = TimeSpan.FromSeconds(30) }, "secret-token", stub);
}
