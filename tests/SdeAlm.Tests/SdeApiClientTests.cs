using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Json;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>The client's request loop against a stub server: redirects, retries by rule, time budget, errors.</summary>
public sealed class SdeApiClientTests
{
    private static readonly Uri s_server = new("https://sde.example.com/sde/");
    private static readonly Uri s_things = new("https://sde.example.com/sde/api/v2/things/");

    private readonly List<string> _verbose = [];
    private readonly List<ProgressRecord> _progress = [];

    // Retry waits are spent in this clock, not slept: the tests know exactly what was waited.
    private readonly FakeClock _clock = new();

    [Fact]
    public void A_redirect_loop_of_more_than_five_is_refused()
    {
        var stub = new StubHandler((request, _) => Redirect(HttpStatusCode.Found, request.RequestUri!));
        var error = Assert.Throws<SdeApiException>(() => Get(stub));
        Assert.Equal(SdeErrorIds.RedirectRefused, error.ErrorId);
        Assert.Equal(ErrorCategory.ProtocolError, error.Category);
        Assert.Contains("more than 5 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, stub.Count);
    }

    [Fact]
    public void A_redirect_to_another_host_is_refused_before_the_token_travels()
    {
        var stub = new StubHandler((_, _) => Redirect(HttpStatusCode.Found, new Uri("https://evil.example.net/")));
        var error = Assert.Throws<SdeApiException>(() => Get(stub));
        Assert.Equal(SdeErrorIds.RedirectRefused, error.ErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.Category);
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public void A_write_keeps_its_method_and_body_through_a_307_but_is_not_turned_into_a_get_by_a_302()
    {
        var moved = new Uri(s_server, "api/v2/moved/");
        var stub = new StubHandler((request, number) => number == 0 ? Redirect(HttpStatusCode.TemporaryRedirect, moved) : StubHandler.Json(201, """{"id":1}"""));
        var answer = Send(stub, HttpMethod.Post, """{"name":"a"}""");
        Assert.Equal(1, answer.GetProperty("id").GetInt32());
        Assert.Equal([HttpMethod.Post, HttpMethod.Post], stub.Seen.Select(seen => seen.Method));
        Assert.Equal(moved, stub.Seen.Last().Uri);
        Assert.Equal("""{"name":"a"}""", stub.Seen.Last().Body);

        var found = new StubHandler((_, _) => Redirect(HttpStatusCode.Found, moved));
        var error = Assert.Throws<SdeApiException>(() => Send(found, HttpMethod.Post, "{}"));
        Assert.Equal(SdeErrorIds.RedirectRefused, error.ErrorId);
        Assert.Equal(1, found.Count);
    }

    [Fact]
    public void A_reset_connection_is_retried_for_a_get()
    {
        var stub = new StubHandler((_, number) => number == 0 ? throw Reset() : StubHandler.Json(200, """{"ok":true}"""));
        Assert.True(Get(stub).GetProperty("ok").GetBoolean());
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public void Retry_after_in_seconds_is_waited()
    {
        var stub = new StubHandler((_, number) => number == 0 ? Throttled(response => response.Headers.RetryAfter = new(TimeSpan.FromSeconds(1))) : StubHandler.Json(200, "{}"));
        Get(stub);
        Assert.Equal(TimeSpan.FromSeconds(1), _clock.Waited);
        Assert.Equal(2, stub.Count);
        Assert.Contains(_verbose, line => line.EndsWith("retry 1 of 3 in 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_waited_until_then()
    {
        var stub = new StubHandler((_, number) => number == 0 ? Throttled(response => response.Headers.RetryAfter = new(FakeClock.Epoch.AddSeconds(3))) : StubHandler.Json(200, "{}"));
        Get(stub);
        Assert.Equal(TimeSpan.FromSeconds(3), _clock.Waited);
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public void A_call_never_runs_past_the_timeout_however_often_the_server_asks_to_wait()
    {
        // -TimeoutSec 10 and Retry-After 4 s: answers at 0, 4 and 8 s; a third wait would end at 12 s.
        var stub = new StubHandler((_, _) => Throttled(response => response.Headers.RetryAfter = new(TimeSpan.FromSeconds(4))));
        var error = Assert.Throws<SdeApiException>(() => Get(stub, options => { options.Timeout = TimeSpan.FromSeconds(10); options.MaximumRetryCount = 5; }));
        Assert.Equal(SdeErrorIds.Throttled, error.ErrorId);
        Assert.Equal(3, stub.Count);
        Assert.Equal(TimeSpan.FromSeconds(8), _clock.Now);
    }

    [Fact]
    public void A_retry_after_that_does_not_fit_in_the_timeout_is_not_waited_and_the_error_says_so()
    {
        var stub = new StubHandler((_, _) => Throttled(response => response.Headers.RetryAfter = new(TimeSpan.FromHours(1))));
        var error = Assert.Throws<SdeApiException>(() => Get(stub, options => options.Timeout = TimeSpan.FromSeconds(2)));
        Assert.Equal(SdeErrorIds.Throttled, error.ErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.Category);
        Assert.Equal(1, stub.Count);
        Assert.Equal(TimeSpan.Zero, _clock.Waited);
        Assert.Contains("The server asked to wait 3600 s before trying again, longer than -TimeoutSec 2 allows", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-MaximumRetryCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_503_whose_retry_after_does_not_fit_says_so_too()
    {
        var stub = new StubHandler((_, _) => WithRetryAfter(StubHandler.Json(503, """{"detail":"Down for maintenance."}"""), TimeSpan.FromMinutes(10)));
        var error = Assert.Throws<SdeApiException>(() => Get(stub, options => options.Timeout = TimeSpan.FromSeconds(100)));
        Assert.Equal(SdeErrorIds.ServerError, error.ErrorId);
        Assert.Equal(1, stub.Count);
        Assert.Contains("The server said: Down for maintenance. The server asked to wait 600 s before trying again, longer than -TimeoutSec 100 allows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_wait_shows_progress_counting_down_and_completes_it()
    {
        var stub = new StubHandler((_, number) => number == 0 ? Throttled(response => response.Headers.RetryAfter = new(TimeSpan.FromSeconds(2))) : StubHandler.Json(200, "{}"));
        Get(stub);
        var counting = _progress.Where(record => record.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(counting);
        Assert.Equal(counting.Select(record => record.SecondsRemaining).OrderByDescending(seconds => seconds), counting.Select(record => record.SecondsRemaining));
        Assert.Equal(2, counting[0].SecondsRemaining);
        Assert.Equal("Waiting 2 s before retry 1 of 3", counting[0].Activity);
        Assert.Equal($"GET {s_things} answered 429 Too Many Requests; the server asked to wait", counting[0].StatusDescription);
        Assert.Equal(ProgressRecordType.Completed, _progress.Last().RecordType);
    }

    [Fact]
    public void A_short_wait_shows_no_progress()
    {
        var stub = new StubHandler((_, number) => number == 0 ? Throttled(response => response.Headers.RetryAfter = new(TimeSpan.Zero)) : StubHandler.Json(200, "{}"));
        Get(stub);
        Assert.Empty(_progress);
    }

    [Fact]
    public void Ctrl_c_ends_a_retry_after_wait()
    {
        // Real time here; Ctrl+C comes once the wait has begun (its first progress record), never before the request.
        var stub = new StubHandler((_, _) => Throttled(response => response.Headers.RetryAfter = new(TimeSpan.FromSeconds(60))));
        using var stopping = new CancellationTokenSource();
        using var client = NewClient(stub, options => options.Timeout = null, CallClock.Real);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var context = new RequestContext(null, stopping.Token, record =>
        {
            _progress.Add(record);
            stopping.CancelAfter(TimeSpan.FromMilliseconds(100));
        });
        Assert.ThrowsAny<OperationCanceledException>(() => client.Send(HttpMethod.Get, s_things, null, SdeJsonContext.Default.JsonElement, context));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(1, stub.Count);
        Assert.NotEmpty(_progress);
    }

    [Fact]
    public void A_backoff_that_would_outlast_the_timeout_is_not_waited()
    {
        // -TimeoutSec 1.5, back-off 1 s then 2 s: the second wait would run out the budget, so the call ends.
        var stub = new StubHandler((_, _) => StubHandler.Json(503, """{"detail":"Busy."}"""));
        var error = Assert.Throws<SdeApiException>(() => Get(stub, options => { options.Timeout = TimeSpan.FromSeconds(1.5); options.RetryIntervalSec = 1; options.MaximumRetryCount = 5; }));
        Assert.Equal(SdeErrorIds.ServerError, error.ErrorId);
        Assert.Equal(2, stub.Count);
        Assert.Contains(_verbose, line => line == "Not retrying: waiting 2 s would exceed -TimeoutSec.");
    }

    [Fact]
    public void A_stalled_answer_times_out_with_the_method_in_the_message()
    {
        var stub = new StubHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        });
        var error = Assert.Throws<SdeApiException>(() => Get(stub, options => options.Timeout = TimeSpan.FromMilliseconds(300)));
        Assert.Equal(SdeErrorIds.Timeout, error.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
        Assert.StartsWith($"GET {s_things} did not complete within -TimeoutSec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_stalls_ends_when_the_time_is_up_though_its_stream_ignores_the_token()
    {
        // -TimeoutSec 1 s leaves a slow runner ample time to reach the stall before it fires.
        using var body = new StallingStream();
        var stub = new StubHandler((_, _) => WithBody(HttpStatusCode.OK, body));

        var error = Finishes(() => Assert.Throws<SdeApiException>(() => Get(stub, options => options.Timeout = TimeSpan.FromSeconds(1))), body);

        Assert.Equal(SdeErrorIds.Timeout, error.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
        Assert.True(body.Stalled.IsCompleted, "the read never reached the stall");
    }

    [Fact]
    public void Ctrl_c_ends_a_body_that_stalls_though_its_stream_ignores_the_token()
    {
        using var body = new StallingStream();
        using var stopping = new CancellationTokenSource();
        _ = body.Stalled.ContinueWith(_ => stopping.Cancel(), TaskScheduler.Default);
        var stub = new StubHandler((_, _) => WithBody(HttpStatusCode.OK, body));
        using var client = NewClient(stub, options => options.Timeout = null);

        // A cancellation, which the cmdlet turns into PipelineStoppedException, and no error record.
        Finishes(
            () => Assert.ThrowsAny<OperationCanceledException>(() => client.Send(HttpMethod.Get, s_things, null, SdeJsonContext.Default.JsonElement, new RequestContext(null, stopping.Token))),
            body);
        Assert.True(body.Stalled.IsCompleted, "the read never reached the stall");
    }

    [Fact]
    public void A_failure_body_that_stalls_gives_the_status_alone_when_the_time_is_up_though_its_stream_ignores_the_token()
    {
        using var body = new StallingStream();
        var stub = new StubHandler((_, _) => WithBody(HttpStatusCode.InternalServerError, body));

        var error = Finishes(() => Assert.Throws<SdeApiException>(() => Get(stub, options => options.Timeout = TimeSpan.FromSeconds(1))), body);

        Assert.Equal(SdeErrorIds.ServerError, error.ErrorId);
        Assert.Equal(500, error.StatusCode);
        Assert.Empty(error.ServerMessages);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public void A_write_is_not_repeated_after_a_reset_connection(string method)
    {
        var stub = new StubHandler((_, _) => throw Reset());
        var error = Assert.Throws<SdeApiException>(() => Send(stub, new HttpMethod(method), "{}", hint: "Run Get-SdeAlmConnection -ProjectId 7 to see it."));
        Assert.Equal(1, stub.Count);
        Assert.Equal(SdeErrorIds.WriteOutcomeUnknown, error.ErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.Category);
        Assert.Contains("may or may not have made its change", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Run Get-SdeAlmConnection -ProjectId 7 to see it.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_is_not_repeated_after_a_timeout()
    {
        var stub = new StubHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        });
        var error = Assert.Throws<SdeApiException>(() => Send(stub, HttpMethod.Post, "{}", configure: options => options.Timeout = TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, stub.Count);
        Assert.Equal(SdeErrorIds.WriteOutcomeUnknown, error.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(500)]
    public void A_write_is_not_repeated_after_a_gateway_or_server_failure(int status)
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(status, """{"detail":"Upstream failed."}"""));
        var error = Assert.Throws<SdeApiException>(() => Send(stub, HttpMethod.Post, "{}"));
        Assert.Equal(1, stub.Count);
        Assert.Equal(SdeErrorIds.WriteOutcomeUnknown, error.ErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.Category);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(["Upstream failed."], error.ServerMessages);
    }

    [Fact]
    public void A_write_whose_answer_breaks_off_may_have_been_made()
    {
        var stub = new StubHandler((_, _) => new HttpResponseMessage(HttpStatusCode.Created) { Content = new StreamContent(new BrokenStream()) { Headers = { ContentType = new("application/json") } } });
        var error = Assert.Throws<SdeApiException>(() => Send(stub, HttpMethod.Post, "{}"));
        Assert.Equal(1, stub.Count);
        Assert.Equal(SdeErrorIds.WriteOutcomeUnknown, error.ErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.Category);
    }

    [Fact]
    public void A_get_whose_answer_breaks_off_halfway_is_retried()
    {
        var stub = new StubHandler((_, number) => number == 0 ? BreaksOffHalfway() : StubHandler.Json(200, """{"ok":true}"""));
        Assert.True(Get(stub).GetProperty("ok").GetBoolean());
        Assert.Equal(2, stub.Count);
        Assert.Contains(_verbose, line => line.StartsWith($"GET {s_things} -> 200 OK, but the answer broke off", StringComparison.Ordinal));
    }

    [Fact]
    public void A_get_whose_answer_keeps_breaking_off_fails_after_the_retries()
    {
        var stub = new StubHandler((_, _) => BreaksOffHalfway());
        var error = Assert.Throws<SdeApiException>(() => Get(stub, options => options.MaximumRetryCount = 2));
        Assert.Equal(3, stub.Count);
        Assert.Equal(SdeErrorIds.ConnectionFailed, error.ErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.Category);
    }

    [Fact]
    public void A_get_whose_answer_breaks_off_is_retried_only_within_the_timeout()
    {
        // Back-off 1 s, 2 s, 4 s within -TimeoutSec 5: the third wait would end past it.
        var stub = new StubHandler((_, _) => BreaksOffHalfway());
        var error = Assert.Throws<SdeApiException>(() => Get(stub, options => { options.MaximumRetryCount = 5; options.RetryIntervalSec = 1; options.Timeout = TimeSpan.FromSeconds(5); }));
        Assert.Equal(SdeErrorIds.ConnectionFailed, error.ErrorId);
        Assert.Equal(3, stub.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), _clock.Waited);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public void A_write_whose_answer_breaks_off_halfway_is_not_repeated(string method)
    {
        var stub = new StubHandler((_, _) => BreaksOffHalfway());
        var error = Assert.Throws<SdeApiException>(() => Send(stub, new HttpMethod(method), "{}"));
        Assert.Equal(1, stub.Count);
        Assert.Equal(SdeErrorIds.WriteOutcomeUnknown, error.ErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.Category);
    }

    [Fact]
    public void A_write_is_not_repeated_after_503_without_retry_after()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(503, "{}"));
        var error = Assert.Throws<SdeApiException>(() => Send(stub, HttpMethod.Post, "{}"));
        Assert.Equal(1, stub.Count);
        Assert.Equal(SdeErrorIds.ServerError, error.ErrorId);
    }

    [Fact]
    public void A_write_is_repeated_after_429_and_after_503_with_retry_after()
    {
        var stub = new StubHandler((_, number) => number switch
        {
            0 => Throttled(_ => { }),
            1 => WithRetryAfter(StubHandler.Json(503, "{}"), TimeSpan.Zero),
            _ => StubHandler.Json(201, """{"id":7}"""),
        });
        var answer = Send(stub, HttpMethod.Post, """{"name":"x"}""");
        Assert.Equal(7, answer.GetProperty("id").GetInt32());
        Assert.Equal(3, stub.Count);
        Assert.All(stub.Seen, seen => Assert.Equal("""{"name":"x"}""", seen.Body));
    }

    [Fact]
    public void A_post_that_reads_may_be_retried_after_a_reset_when_the_caller_says_so()
    {
        var stub = new StubHandler((_, number) => number == 0 ? throw Reset() : StubHandler.Json(200, """{"success":true}"""));
        using var client = NewClient(stub);
        var answer = client.Send(HttpMethod.Post, s_things, "{}"u8.ToArray(), SdeJsonContext.Default.JsonElement, Context(), RetryRule.Read);
        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public void A_refused_certificate_is_not_blamed_for_a_later_unrelated_handshake_failure()
    {
        // Nothing listens on port 1 of the loopback: the wrong-scheme probe gets a refusal at once.
        var certificates = new CertificateCheck();
        var stub = new StubHandler((request, number) => throw Handshake(certificates, request, refuseCertificate: number == 0));
        using var client = new SdeApiClient(new SdeClientOptions(new Uri("https://127.0.0.1:1/")) { MaximumRetryCount = 0 }, "secret-token", stub, certificates);

        var refused = Assert.Throws<SdeApiException>(() => client.Send(HttpMethod.Get, client.Resolve("api/v2/users/me/"), null, SdeJsonContext.Default.JsonElement, Context()));
        var unrelated = Assert.Throws<SdeApiException>(() => client.Send(HttpMethod.Get, client.Resolve("api/v2/users/me/"), null, SdeJsonContext.Default.JsonElement, Context()));

        Assert.Equal(SdeErrorIds.CertificateInvalid, refused.ErrorId);
        Assert.Equal(SdeErrorIds.ConnectionFailed, unrelated.ErrorId);
        Assert.Contains("not because of its certificate", unrelated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wrong_scheme_is_found_after_an_earlier_refused_certificate()
    {
        using var plainHttp = new PlainHttpPort();
        var certificates = new CertificateCheck();
        var stub = new StubHandler((request, number) => throw Handshake(certificates, request, refuseCertificate: number == 0));
        using var client = new SdeApiClient(new SdeClientOptions(new Uri($"https://127.0.0.1:{plainHttp.Port}/")) { MaximumRetryCount = 0 }, "secret-token", stub, certificates);

        Assert.Throws<SdeApiException>(() => client.Send(HttpMethod.Get, client.Resolve("api/v2/users/me/"), null, SdeJsonContext.Default.JsonElement, Context()));
        var error = Assert.Throws<SdeApiException>(() => client.Send(HttpMethod.Get, client.Resolve("api/v2/users/me/"), null, SdeJsonContext.Default.JsonElement, Context()));

        Assert.Equal(SdeErrorIds.WrongScheme, error.ErrorId);
    }

    [Fact]
    public void The_port_is_probed_only_with_time_left_in_the_call()
    {
        // The probe is part of the call, so -TimeoutSec bounds it too: with nothing left there is none.
        using var plainHttp = new PlainHttpPort();
        var uri = new Uri($"https://127.0.0.1:{plainHttp.Port}/api/v2/users/me/");
        var failure = new HttpRequestException("The SSL connection could not be established, see inner exception.", new AuthenticationException("Cannot determine the frame size or a corrupted frame was received."));

        Assert.Equal(SdeErrorIds.WrongScheme, ConnectionFailures.Classify(failure, uri, out _, null, TimeSpan.FromSeconds(10)).ErrorId);
        Assert.Equal(SdeErrorIds.ConnectionFailed, ConnectionFailures.Classify(failure, uri, out _, null, TimeSpan.Zero).ErrorId);
    }

    [Fact]
    public void The_body_goes_as_utf8_json_with_the_token()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(200, "{}"));
        Send(stub, HttpMethod.Patch, """{"name":"Zoë"}""");
        var seen = Assert.Single(stub.Seen);
        Assert.Equal("application/json; charset=utf-8", seen.ContentType);
        Assert.Equal("""{"name":"Zoë"}""", seen.Body);
        Assert.Equal("Token secret-token", seen.Authorization);
    }

    [Fact]
    public void No_content_is_a_default_answer()
    {
        var stub = new StubHandler((_, _) => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var client = NewClient(stub);
        var answer = client.Send(HttpMethod.Delete, s_things, null, SdeJsonContext.Default.JsonElement, Context());
        Assert.Equal(JsonValueKind.Undefined, answer.ValueKind);
        Assert.Null(client.Send(HttpMethod.Delete, s_things, null, SdeJsonContext.Default.SdeUserWire, Context()));
    }

    [Fact]
    public void Verbose_shows_method_url_status_and_time_but_never_a_body()
    {
        var stub = new StubHandler((_, number) => number == 0 ? StubHandler.Json(400, """{"name":["secret-in-error"]}""") : StubHandler.Json(201, """{"password":"secret-in-answer"}"""));
        Assert.Throws<SdeApiException>(() => Send(stub, HttpMethod.Post, """{"password":"secret-in-request"}"""));
        Send(stub, HttpMethod.Post, """{"password":"secret-in-request"}""");
        Assert.Matches($"^POST {s_things} -> 400 Bad Request in \\d+ ms$", _verbose[0]);
        Assert.Matches($"^POST {s_things} -> 201 Created in \\d+ ms, \\d+ B$", _verbose[1]);
        Assert.DoesNotContain(_verbose, line => line.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_request_lists_each_field_and_what_the_server_said()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(400, """{"params":{"alm_server":["This field is required."]},"name":["This field may not be blank.","Too short"],"non_field_errors":["Pick a project."]}"""));
        var error = Assert.Throws<SdeApiException>(() => Send(stub, HttpMethod.Post, "{}"));
        Assert.Equal(SdeErrorIds.BadRequest, error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(["params.alm_server: This field is required.", "name: This field may not be blank.", "name: Too short", "Pick a project."], error.ServerMessages);
        Assert.Equal(
            $"SD Elements refused POST {s_things} as a bad request (400 Bad Request). The server said: params.alm_server: This field is required. name: This field may not be blank. name: Too short. Pick a project.",
            error.Message);
    }

    [Fact]
    public void Permission_denied_says_what_the_caller_needs()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(403, """{"detail":"You do not have permission to perform this action."}"""));
        using var client = NewClient(stub);
        var context = Context();
        context.PermissionHint = "SD Elements needs the 'Edit ALM connections' permission for this.";
        var error = Assert.Throws<SdeApiException>(() => client.Send(HttpMethod.Post, s_things, "{}"u8.ToArray(), SdeJsonContext.Default.JsonElement, context));
        Assert.Equal(SdeErrorIds.PermissionDenied, error.ErrorId);
        Assert.Equal(
            $"The API token's user may not send POST to {s_things} (403 Forbidden). The server said: You do not have permission to perform this action. SD Elements needs the 'Edit ALM connections' permission for this. Ask an SD Elements administrator for access.",
            error.Message);
    }

    [Fact]
    public void Not_found_keeps_its_status_for_a_caller_that_falls_back()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(404, """{"detail":"Not found."}"""));
        var error = Assert.Throws<SdeApiException>(() => Get(stub));
        Assert.Equal(404, error.StatusCode);
        Assert.Equal(SdeErrorIds.NotFound, error.ErrorId);
        Assert.Equal(["Not found."], error.ServerMessages);
    }

    private JsonElement Get(StubHandler stub, Action<SdeClientOptions>? configure = null)
    {
        using var client = NewClient(stub, configure);
        return client.Send(HttpMethod.Get, s_things, null, SdeJsonContext.Default.JsonElement, Context());
    }

    private JsonElement Send(StubHandler stub, HttpMethod method, string body, string? hint = null, Action<SdeClientOptions>? configure = null)
    {
        using var client = NewClient(stub, configure);
        var context = Context();
        context.WriteCheckHint = hint;
        return client.Send(method, s_things, Encoding.UTF8.GetBytes(body), SdeJsonContext.Default.JsonElement, context);
    }

    private RequestContext Context() => new(_verbose.Add, CancellationToken.None, _progress.Add);

    private SdeApiClient NewClient(StubHandler stub, Action<SdeClientOptions>? configure = null, CallClock? clock = null)
    {
        var options = new SdeClientOptions(s_server) { RetryIntervalSec = 0, Timeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return new SdeApiClient(options, "secret-token", stub, new CertificateCheck(), clock ?? _clock);
    }

    private static HttpResponseMessage Redirect(HttpStatusCode status, Uri location)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.Location = location;
        return response;
    }

    private static HttpResponseMessage Throttled(Action<HttpResponseMessage> headers)
    {
        var response = StubHandler.Json(429, """{"detail":"Request was throttled."}""");
        headers(response);
        return response;
    }

    private static HttpResponseMessage WithRetryAfter(HttpResponseMessage response, TimeSpan wait)
    {
        response.Headers.RetryAfter = new(wait);
        return response;
    }

    /// <summary>
    /// Runs <paramref name="call"/> and returns what it returned, failing the test when it is still
    /// running after a generous 20 s; the stalled body is then released so that no thread stays stuck.
    /// </summary>
    private static TResult Finishes<TResult>(Func<TResult> call, StallingStream body)
    {
        var running = Task.Run(call);
        try
        {
            Assert.True(running.Wait(TimeSpan.FromSeconds(20)), "the read of the stalled body went on");
            return running.Result;
        }
        finally
        {
            body.Dispose();
        }
    }

    private static HttpResponseMessage WithBody(HttpStatusCode status, Stream body) =>
        new(status) { Content = new StreamContent(body) { Headers = { ContentType = new("application/json") } } };

    /// <summary>
    /// Half of a JSON answer, then a read that waits until the stream is disposed and ignores every
    /// cancellation token: a network stream on .NET Framework, which looks at its token only when a
    /// read starts.
    /// </summary>
    private sealed class StallingStream : Stream
    {
        private static readonly byte[] s_half = """{"results":[{"id":"trac","name":"Tr"""u8.ToArray();
        private readonly TaskCompletionSource<int> _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        /// <summary>Completes when a read has begun to wait.</summary>
        public Task Stalled => _stalled.Task;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < s_half.Length)
            {
                var count = Math.Min(buffer.Length, s_half.Length - _position);
                s_half.AsSpan(_position, count).CopyTo(buffer.Span);
                _position += count;
                return ValueTask.FromResult(count);
            }

            _stalled.TrySetResult();
            return new ValueTask<int>(_disposed.Task);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetException(new ObjectDisposedException(nameof(StallingStream)));
            base.Dispose(disposing);
        }
    }

    /// <summary>A 200 whose connection drops after half of its JSON.</summary>
    private static HttpResponseMessage BreaksOffHalfway() =>
        new(HttpStatusCode.OK) { Content = new StreamContent(new HalfThenBrokenStream("""{"ok":true,"padding":"0123456789abcdef"}"""u8.ToArray())) { Headers = { ContentType = new("application/json") } } };

    /// <summary>Gives the first half of its bytes, then fails as a dropped connection does.</summary>
    private sealed class HalfThenBrokenStream(byte[] body) : MemoryStream(body, 0, body.Length / 2)
    {
        public override int Read(byte[] buffer, int offset, int count) => Broken(base.Read(buffer, offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Broken(base.Read(buffer.Span)));

        private static int Broken(int read) => read > 0 ? read : throw new IOException("The response ended prematurely.");
    }

    /// <summary>A body whose connection drops on the first read.</summary>
    private sealed class BrokenStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("The response ended prematurely.");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new IOException("The response ended prematurely.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException("The response ended prematurely.");
    }

    /// <summary>
    /// A failed TLS handshake as HttpClient reports it. With <paramref name="refuseCertificate"/> the
    /// platform refused the server's certificate first (our check is asked, as the real handler does).
    /// </summary>
    private static HttpRequestException Handshake(CertificateCheck certificates, HttpRequestMessage request, bool refuseCertificate)
    {
        if (refuseCertificate)
        {
            Assert.False(certificates.Validate(request, null, null, SslPolicyErrors.RemoteCertificateNameMismatch));
        }

        return new HttpRequestException(
            "The SSL connection could not be established, see inner exception.",
            new AuthenticationException(refuseCertificate ? "The remote certificate is invalid." : "Cannot determine the frame size or a corrupted frame was received."));
    }

    /// <summary>A loopback port that answers every request with an HTTP status line: plain http, as the wrong-scheme probe expects.</summary>
    private sealed class PlainHttpPort : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _serving;

        public PlainHttpPort()
        {
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose()
        {
            _listener.Stop();
            _serving.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                    var stream = client.GetStream();
                    var request = new StringBuilder();
                    var buffer = new byte[1024];
                    int read;

                    // Read the whole request first: closing on unread data would reset the connection.
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                    {
                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray()).ConfigureAwait(false);
                    client.Client.Shutdown(SocketShutdown.Send);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
            {
                // Stopped (an accept after Stop says "not listening").
            }
        }
    }

    private static HttpRequestException Reset() =>
        new("The response ended prematurely.", new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset)));
}
