using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text;
using System.Text.Json;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Json;
using Xunit;

namespace SdeAlm.Tests;

public class RestTests
{
    private static readonly Uri s_base = new("https://sde.example.com/sde/");

    [Theory]
    [InlineData("api/v2/users/me/", "https://sde.example.com/sde/api/v2/users/me/")]
    [InlineData("/api/v2/users/me/", "https://sde.example.com/sde/api/v2/users/me/")]
    [InlineData("//api/v2/users/me/", "https://sde.example.com/sde/api/v2/users/me/")]
    [InlineData("//evil.example/x", "https://sde.example.com/sde/evil.example/x")]
    [InlineData("api/v2/jobs/alm/?ready=true", "https://sde.example.com/sde/api/v2/jobs/alm/?ready=true")]
    [InlineData("https://sde.example.com/sde/api/v2/projects/", "https://sde.example.com/sde/api/v2/projects/")]
    [InlineData("HTTPS://SDE.EXAMPLE.COM:443/other/", "https://sde.example.com/other/")]
    public void Resolve_keeps_paths_under_the_context_root_and_accepts_the_same_origin(string path, string expected) =>
        Assert.Equal(expected, RestTarget.Resolve(s_base, path, null).AbsoluteUri);

    [Theory]
    [InlineData("https://evil.example/api/v2/users/me/")]
    [InlineData("http://sde.example.com/sde/api/v2/users/me/")]
    [InlineData("https://sde.example.com:8443/sde/api/")]
    [InlineData("https://user@sde.example.com/sde/api/")]
    [InlineData("ftp://sde.example.com/sde/api/")]
    [InlineData("\\\\evil.example\\share")]
    [InlineData("/\\evil.example/x")]
    [InlineData("mailto:admin@sde.example.com")]
    [InlineData("javascript:alert(1)")]
    public void Resolve_refuses_every_other_origin(string path)
    {
        var error = Assert.Throws<SdeApiException>(() => RestTarget.Resolve(s_base, path, null));
        Assert.Equal("SdeRestUrlRefused", error.ErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.Category);
        Assert.Equal(path, error.TargetObject);
    }

    [Fact]
    public void Query_values_are_encoded_and_typed_as_filters_read_them()
    {
        var query = new OrderedDictionary
        {
            ["a b"] = "x&y=z/ü",
            ["succeeded"] = false,
            ["connection"] = new object[] { 1, 3 },
            ["since"] = new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero),
            ["empty"] = null,
            ["ratio"] = 0.5,
        };
        var uri = RestTarget.Resolve(s_base, "api/v2/jobs/alm/?ready=true", query);
        Assert.Equal(
            "?ready=true&a%20b=x%26y%3Dz%2F%C3%BC&succeeded=false&connection=1&connection=3&since=2026-11-30T02%3A00%3A00.0000000%2B00%3A00&empty=&ratio=0.5",
            uri.Query);
    }

    [Fact]
    public void Query_refuses_a_secure_string()
    {
        using var secret = new SecureString();
        secret.AppendChar('x');
        var error = Assert.Throws<SdeApiException>(() => RestTarget.Resolve(s_base, "api/", new Hashtable { ["token"] = secret }));
        Assert.Equal("SdeRestArgumentInvalid", error.ErrorId);
    }

    [Fact]
    public void Body_string_is_sent_as_it_is()
    {
        Assert.Equal("{\"a\": 1", Encoding.UTF8.GetString(RestRequestBody.ToBytes("{\"a\": 1")));
        Assert.Equal("{\"a\": 1", Encoding.UTF8.GetString(RestRequestBody.ToBytes(PSObject.AsPSObject("{\"a\": 1"))));
    }

    [Fact]
    public void Body_objects_become_json_in_their_own_order_at_any_depth()
    {
        using var secret = new SecureString();
        foreach (var c in "s3cret")
        {
            secret.AppendChar(c);
        }

        var custom = new PSObject();
        custom.Properties.Add(new PSNoteProperty("name", "x"));
        custom.Properties.Add(new PSNoteProperty("id", PSObject.AsPSObject(7)));
        var body = new OrderedDictionary
        {
            ["object"] = custom,
            ["list"] = new object?[] { 1L, 2.5, true, null, "t" },
            ["deep"] = new Hashtable { ["l2"] = new Hashtable { ["l3"] = new Hashtable { ["l4"] = new Hashtable { ["l5"] = new object[] { new Hashtable { ["l7"] = "deep" } } } } } },
            ["secret"] = secret,
            ["when"] = new DateTime(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc),
            ["kind"] = ConsoleColor.Red,
            ["empty"] = Array.Empty<object>(),
        };
        Assert.Equal(
            "{\"object\":{\"name\":\"x\",\"id\":7},\"list\":[1,2.5,true,null,\"t\"],\"deep\":{\"l2\":{\"l3\":{\"l4\":{\"l5\":[{\"l7\":\"deep\"}]}}}},\"secret\":\"s3cret\",\"when\":\"2026-11-30T02:00:00.0000000Z\",\"kind\":\"Red\",\"empty\":[]}",
            Encoding.UTF8.GetString(RestRequestBody.ToBytes(body)));
    }

    [Fact]
    public void Body_refuses_a_loop_with_the_path_to_it()
    {
        var loop = new Hashtable();
        loop["self"] = loop;
        var error = Assert.Throws<SdeApiException>(() => RestRequestBody.ToBytes(loop));
        Assert.Equal("SdeRestArgumentInvalid", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
        Assert.StartsWith("-Body is nested more than 64 levels deep at $.self.self.self", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_refuses_what_json_cannot_hold()
    {
        Assert.Equal("SdeRestArgumentInvalid", Assert.Throws<SdeApiException>(() => RestRequestBody.ToBytes(new Hashtable { ["n"] = double.NaN })).ErrorId);
        Assert.Equal("SdeRestArgumentInvalid", Assert.Throws<SdeApiException>(() => RestRequestBody.ToBytes(new Hashtable { ["s"] = ScriptBlock.Create("1") })).ErrorId);
    }

    [Fact]
    public void Answer_becomes_objects_with_arrays_as_arrays_and_whole_numbers_as_int64()
    {
        using var json = JsonDocument.Parse("{\"id\":4,\"ratio\":0.5,\"results\":[{\"a\":[]}],\"one\":[1],\"none\":null,\"text\":\"2026-11-30T02:00:04.800Z\",\"ID\":5}");
        var answer = Assert.IsType<PSObject>(RestAnswerObjects.ToObject(json.RootElement, s_base));
        Assert.Equal(5L, answer.Properties["id"].Value);
        Assert.Equal(0.5, answer.Properties["ratio"].Value);
        var results = Assert.IsType<object[]>(answer.Properties["results"].Value);
        Assert.Empty(Assert.IsType<object[]>(Assert.IsType<PSObject>(results[0]).Properties["a"].Value));
        Assert.Equal(new object[] { 1L }, answer.Properties["one"].Value);
        Assert.Null(answer.Properties["none"].Value);
        Assert.Equal("2026-11-30T02:00:04.800Z", answer.Properties["text"].Value);
    }

    [Fact]
    public void Answer_with_an_empty_property_name_is_an_error_that_says_where()
    {
        using var json = JsonDocument.Parse("{\"results\":[{\"ok\":1},{\"\":2}]}");
        var error = Assert.Throws<SdeApiException>(() => RestAnswerObjects.ToObject(json.RootElement, s_base));
        Assert.Equal("SdeInvalidJson", error.ErrorId);
        Assert.Contains("at $.results[1]", error.Message, StringComparison.Ordinal);
    }
}

public class PageWalkerTests
{
    private static readonly Uri s_base = new("https://sde.example.com/sde/");

    private static string[] Walk(params (string Page, string[] Items, string? Next)[] pages) =>
        PageWalker.Walk(
            s_base,
            new Uri(s_base, pages[0].Page),
            "job list",
            uri => Array.Find(pages, page => new Uri(s_base, page.Page) == uri),
            page => ((IEnumerable<string>?)page.Items, page.Next)).ToArray();

    [Fact]
    public void Walks_next_links_relative_or_absolute_on_the_same_origin()
    {
        var items = Walk(
            ("api/v2/jobs/alm/", ["1", "2"], "https://sde.example.com/sde/api/v2/jobs/alm/?page=2"),
            ("api/v2/jobs/alm/?page=2", ["3"], "?page=3"),
            ("api/v2/jobs/alm/?page=3", ["4"], null));
        Assert.Equal(["1", "2", "3", "4"], items);
    }

    [Fact]
    public void Refuses_a_next_link_to_another_origin()
    {
        var error = Assert.Throws<SdeApiException>(() => Walk(("api/v2/jobs/alm/", ["1"], "https://evil.example/api/v2/jobs/alm/?page=2")));
        Assert.Equal("SdeRedirectRefused", error.ErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.Category);
        Assert.StartsWith("The job list's 'next' link 'https://evil.example/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_next_links_that_loop()
    {
        var error = Assert.Throws<SdeApiException>(() => Walk(
            ("api/v2/jobs/alm/", ["1"], "?page=2"),
            ("api/v2/jobs/alm/?page=2", ["2"], "/sde/api/v2/jobs/alm/")));
        Assert.Equal("SdeInvalidJson", error.ErrorId);
        Assert.Contains("loop back to https://sde.example.com/sde/api/v2/jobs/alm/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_page_without_results()
    {
        var error = Assert.Throws<SdeApiException>(() => Walk(("api/v2/jobs/alm/", null!, null)));
        Assert.Equal("SdeInvalidJson", error.ErrorId);
        Assert.Contains("has no 'results' list", error.Message, StringComparison.Ordinal);
    }
}

public class AlmJobReadingTests
{
    [Theory]
    [InlineData("{\"id\":4,\"connection\":1}", 1)]
    [InlineData("{\"id\":4,\"connection\":\"12\"}", 12)]
    [InlineData("{\"id\":4,\"connection\":{\"alias\":\"x\",\"system\":{\"id\":\"jira\"},\"id\":3}}", 3)]
    [InlineData("{\"id\":4,\"connection\":null}", null)]
    [InlineData("{\"id\":4}", null)]
    [InlineData("{\"id\":4,\"connection\":[1]}", null)]
    public void Connection_is_read_as_an_id_or_an_expanded_object(string json, int? expected)
    {
        var job = JsonSerializer.Deserialize(json, AlmJobJsonContext.Default.AlmJobWire)!;
        Assert.Equal(expected, job.Connection);
        Assert.Equal(4, job.Id);
    }

    [Theory]
    [InlineData("\"2026-11-30T02:00:04.800Z\"", "2026-11-30T02:00:04.8000000+00:00")]
    [InlineData("\"2026-11-30T03:00:04.800+01:00\"", "2026-11-30T02:00:04.8000000+00:00")]
    [InlineData("\"2026-11-30T02:00:04\"", "2026-11-30T02:00:04.0000000+00:00")]
    [InlineData("\"yesterday\"", null)]
    [InlineData("null", null)]
    [InlineData("17", null)]
    public void Last_run_is_an_instant_and_unreadable_times_are_null(string lastRun, string? expectedUtc)
    {
        var job = JsonSerializer.Deserialize("{\"id\":1,\"last_run\":" + lastRun + ",\"succeeded\":true}", AlmJobJsonContext.Default.AlmJobWire)!;
        Assert.Equal(expectedUtc, job.LastRun?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(job.Succeeded);
    }

    [Fact]
    public void Mapper_shows_the_run_in_local_time_and_keeps_every_field()
    {
        var json = JsonSerializer.Deserialize(
            "{\"id\":4,\"user\":2,\"succeeded\":false,\"automatic\":true,\"ready\":true,\"result_message\":\"Error\",\"last_run\":\"2026-11-30T02:00:04.800Z\",\"connection\":1,\"project_id\":7}",
            AlmJobJsonContext.Default.AlmJobWire)!;
        var job = AlmJobMapper.ToJob(json, "https://sde.example.com/", serverConnection: null);
        Assert.Equal((4, 1, 7, 2, false, true, true, "Error", "https://sde.example.com/"), (job.Id, job.AlmConnectionId, job.ProjectId, job.User, job.Succeeded, job.Ready, job.Automatic, job.Message, job.Server));
        Assert.Equal(new DateTime(2026, 11, 30, 2, 0, 4, 800, DateTimeKind.Utc), job.LastRun!.Value.UtcDateTime);
        Assert.Equal(TimeZoneInfo.Local.GetUtcOffset(job.LastRun.Value.UtcDateTime), job.LastRun.Value.Offset);
    }
}
