using System;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Errors;
using Xunit;

namespace SdeAlm.Tests;

public class RetryPolicyTests
{
    [Theory]
    [InlineData(429, false, true)]
    [InlineData(502, false, true)]
    [InlineData(503, false, true)]
    [InlineData(504, false, true)]
    [InlineData(500, false, false)]
    [InlineData(401, false, false)]
    [InlineData(404, false, false)]
    public void Reads_retry_only_try_again_later_answers(int status, bool hasRetryAfter, bool expected) =>
        Assert.Equal(expected, RetryPolicy.IsRetryableStatus(RetryRule.Read, status, hasRetryAfter));

    [Theory]
    [InlineData(429, false, true)]
    [InlineData(429, true, true)]
    [InlineData(503, true, true)]
    [InlineData(503, false, false)]
    [InlineData(502, true, false)]
    [InlineData(504, true, false)]
    [InlineData(500, true, false)]
    [InlineData(400, false, false)]
    public void Writes_retry_only_when_the_server_said_it_did_not_act(int status, bool hasRetryAfter, bool expected) =>
        Assert.Equal(expected, RetryPolicy.IsRetryableStatus(RetryRule.Write, status, hasRetryAfter));

    [Fact]
    public void Backoff_doubles_from_the_interval()
    {
        var policy = new RetryPolicy(RetryRule.Read, 5, TimeSpan.FromSeconds(2), null);
        Assert.Equal(TimeSpan.FromSeconds(2), policy.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(8), policy.Backoff(3));
    }

    [Fact]
    public void Retry_after_in_seconds_is_used_as_given() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), DateTimeOffset.UtcNow));

    [Fact]
    public void Retry_after_as_a_date_is_the_time_until_then()
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(30)), now));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(-30)), now));
    }

    [Fact]
    public void No_retry_after_header_means_no_server_wait() =>
        Assert.Null(RetryPolicy.RetryAfter(null, DateTimeOffset.UtcNow));

    [Fact]
    public void Retry_after_waits_come_out_of_the_timeout_not_on_top_of_it()
    {
        // -TimeoutSec 10: a first Retry-After of 6 s fits, a second does not (4 s are left).
        var clock = new FakeClock();
        var policy = new RetryPolicy(RetryRule.Read, 5, TimeSpan.Zero, TimeSpan.FromSeconds(10), clock);

        Assert.True(policy.RetryAfterAnswer(Throttled(TimeSpan.FromSeconds(6)), "GET x", TimeSpan.Zero, Context()));
        Assert.False(policy.RetryAfterAnswer(Throttled(TimeSpan.FromSeconds(6)), "GET x", TimeSpan.Zero, Context()));

        Assert.Equal(1, policy.Retries);
        Assert.Equal(TimeSpan.FromSeconds(6), clock.Now);
    }

    [Fact]
    public void A_wait_is_taken_only_when_it_ends_before_the_timeout()
    {
        var clock = new FakeClock();
        var policy = new RetryPolicy(RetryRule.Read, 5, TimeSpan.Zero, TimeSpan.FromSeconds(10), clock);
        clock.Advance(TimeSpan.FromSeconds(7));

        Assert.False(policy.RetryAfterAnswer(Throttled(TimeSpan.FromSeconds(3)), "GET x", TimeSpan.Zero, Context()));
        Assert.True(policy.RetryAfterAnswer(Throttled(TimeSpan.FromSeconds(2.5)), "GET x", TimeSpan.Zero, Context()));
        Assert.Equal(TimeSpan.FromSeconds(2.5), clock.Waited);
    }

    [Fact]
    public void No_attempt_starts_once_the_timeout_is_spent()
    {
        var clock = new FakeClock();
        var budget = new TimeBudget(TimeSpan.FromSeconds(10), clock);
        clock.Advance(TimeSpan.FromSeconds(10));

        var error = Assert.Throws<SdeApiException>(() => budget.StartAttempt(HttpMethod.Get, new Uri("https://sde.example.com/api/"), CancellationToken.None));
        Assert.Equal(SdeErrorIds.Timeout, error.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
    }

    [Fact]
    public void An_attempt_gets_only_what_is_left_of_the_timeout()
    {
        // 50 ms are left: the attempt's token fires long before the whole budget of 10 s.
        var clock = new FakeClock();
        var budget = new TimeBudget(TimeSpan.FromSeconds(10), clock);
        clock.Advance(TimeSpan.FromSeconds(9.95));

        using var attempt = budget.StartAttempt(HttpMethod.Get, new Uri("https://sde.example.com/api/"), CancellationToken.None);
        Assert.True(attempt.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(5)), "the attempt was not cut off when the budget ran out");
    }

    [Fact]
    public void Without_a_timeout_there_is_no_budget() =>
        Assert.Null(new TimeBudget(null).Remaining);

    private static RequestContext Context() => new(null, CancellationToken.None);

    private static HttpResponseMessage Throttled(TimeSpan retryAfter)
    {
        var response = new HttpResponseMessage((HttpStatusCode)429);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        return response;
    }
}
