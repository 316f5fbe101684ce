using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Model;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>
/// Start-SdeAlmSync's parts below the cmdlet: the POST that queues a sync (a write, never repeated
/// when the server may have acted; refusals about one ALM connection told apart), and the wait that
/// asks about every job together, on a schedule that grows from 1 to 10 seconds.
/// </summary>
public class SyncTests
{
    private static readonly Uri s_server = new("https://sde.example.com/");

    [Fact]
    public void Rounds_start_a_second_apart_and_the_gap_grows_by_half_to_ten_seconds()
    {
        var schedule = new PollSchedule();
        var waits = Enumerable.Range(0, 9).Select(_ => schedule.Next().TotalSeconds).ToList();
        Assert.Equal([1, 1.5, 2.25, 3.375, 5.0625, 7.59375, 10, 10, 10], waits);
    }

    [Fact]
    public void Queuing_sends_the_documented_body_to_the_project_and_returns_the_job()
    {
        var stub = new StubHandler((request, _) => StubHandler.Json(201, """{"id":8,"user":1,"succeeded":false,"automatic":false,"ready":false,"result_message":"","last_run":"2026-12-02T17:46:42.553Z","connection":3}"""));
        using var client = NewClient(stub);

        var job = new AlmJobApi(client, serverConnection: "test").Start(2, 3, Context());

        var sent = Assert.Single(stub.Seen);
        Assert.Equal("POST", sent.Method.Method);
        Assert.Equal("https://sde.example.com/api/v2/projects/2/jobs/alm/", sent.Uri.AbsoluteUri);
        Assert.Equal("""{"connection":3,"automatic":false,"ready":false}""", sent.Body);
        Assert.Equal((8, 3, 2, false), (job.Id, job.AlmConnectionId, job.ProjectId, job.Ready));
    }

    [Theory]
    [InlineData(400, """{"detail":"A synchronization of ALM connection 3 is already queued or running."}""", ErrorCategory.InvalidOperation, "already queued or running")]
    [InlineData(400, """{"connection":["Invalid pk \"3\" - object does not exist."]}""", ErrorCategory.InvalidOperation, "connection: Invalid pk")]
    [InlineData(403, """{"detail":"You do not have permission to perform this action."}""", ErrorCategory.PermissionDenied, "may not start a sync of ALM connection 3 (project 2)")]
    public void A_refusal_about_the_alm_connection_is_about_that_record_alone(int status, string answer, ErrorCategory category, string words)
    {
        var stub = new StubHandler((request, number) => StubHandler.Json(status, answer));
        using var client = NewClient(stub);

        var error = Assert.Throws<SdeApiException>(() => new AlmJobApi(client, serverConnection: "test").Start(2, 3, Context()));

        Assert.Equal(SdeErrorIds.AlmSyncNotStarted, error.ErrorId);
        Assert.Equal(category, error.Category);
        Assert.Equal(3, error.TargetObject);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.True(Commands.SdeCmdlet.IsAboutOneRecord(error));
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public void A_queued_sync_is_not_sent_again_when_the_server_may_have_acted()
    {
        var stub = new StubHandler((request, _) => StubHandler.Json(502, """{"detail":"Bad gateway"}"""));
        using var client = NewClient(stub);

        var error = Assert.Throws<SdeApiException>(() => new AlmJobApi(client, serverConnection: "test").Start(2, 3, Context()));

        Assert.Equal(SdeErrorIds.WriteOutcomeUnknown, error.ErrorId);
        Assert.False(Commands.SdeCmdlet.IsAboutOneRecord(error));
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public void Waiting_asks_once_per_round_and_reads_each_job_by_id_once_when_it_leaves_the_list()
    {
        // Jobs 8, 9, 10: 9 has finished by the first round, 8 by the second, 10 by the third.
        var round = 0;
        var finishedAfter = new Dictionary<int, int> { [8] = 2, [9] = 1, [10] = 3 };
        var stub = new StubHandler((request, _) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path == "/api/v2/jobs/alm/")
            {
                round++;
                var running = finishedAfter.Where(job => job.Value > round).Select(job => Job(job.Key, ready: false));
                return StubHandler.Json(200, $$"""{"results":[{{string.Join(",", running.Append(Job(6, ready: false)))}}]}""");
            }

            var id = int.Parse(path.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture);
            return StubHandler.Json(200, Job(id, ready: true));
        });
        using var client = NewClient(stub);
        var api = new AlmJobApi(client, serverConnection: "test");
        var clock = new PretendClock();
        var progress = new List<ProgressRecord>();
        var context = new RequestContext(null, CancellationToken.None, progress.Add);

        var waited = new AlmJobWaiter([Queued(10, api), Queued(8, api), Queued(9, api)], null, clock.Elapsed, clock.Sleep).Wait(context).ToList();

        Assert.Equal([10, 8, 9], waited.Select(outcome => outcome.Job!.Id));
        Assert.All(waited, outcome => Assert.True(outcome.Job!.Ready && outcome.Problem is null));
        Assert.Equal([1, 1.5, 2.25], clock.Waits.Select(wait => wait.TotalSeconds));
        Assert.Equal(
            ["/api/v2/jobs/alm/?ready=false", "/api/v2/jobs/alm/9/", "/api/v2/jobs/alm/?ready=false", "/api/v2/jobs/alm/8/", "/api/v2/jobs/alm/?ready=false", "/api/v2/jobs/alm/10/"],
            stub.Seen.Select(seen => seen.Uri.PathAndQuery));
        Assert.Equal(["0 of 3 finished", "1 of 3 finished", "2 of 3 finished", "3 of 3 finished"], progress.Select(record => record.StatusDescription));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.Single(progress.Select(record => record.ActivityId).Distinct());
    }

    [Fact]
    public void A_job_that_the_list_shows_finished_needs_no_read_by_id()
    {
        // A server that ignores ?ready=false lists finished jobs too, with their outcome.
        var stub = new StubHandler((request, _) => StubHandler.Json(200, $$"""{"results":[{{Job(8, ready: true)}},{{Job(6, ready: false)}}]}"""));
        using var client = NewClient(stub);
        var api = new AlmJobApi(client, serverConnection: "test");
        var clock = new PretendClock();

        var outcome = Assert.Single(new AlmJobWaiter([Queued(8, api)], null, clock.Elapsed, clock.Sleep).Wait(Context()));

        Assert.True(outcome.Job!.Ready);
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public void At_the_timeout_the_jobs_still_running_come_back_as_they_were_last_seen_with_the_timeout()
    {
        var stub = new StubHandler((request, _) => StubHandler.Json(200, $$"""{"results":[{{Job(8, ready: false)}},{{Job(9, ready: false)}}]}"""));
        using var client = NewClient(stub);
        var api = new AlmJobApi(client, serverConnection: "test");
        var clock = new PretendClock();

        var waited = new AlmJobWaiter([Queued(9, api), Queued(8, api)], TimeSpan.FromSeconds(4), clock.Elapsed, clock.Sleep).Wait(Context()).ToList();

        // 1 + 1.5 s, then the rest of the 4 s: the last round is at the timeout itself.
        Assert.Equal([1, 1.5, 1.5], clock.Waits.Select(wait => wait.TotalSeconds));
        Assert.Equal([9, 8], waited.Select(outcome => outcome.Job!.Id));
        Assert.All(waited, outcome => Assert.False(outcome.Job!.Ready));
        Assert.All(waited, outcome => Assert.Equal(SdeErrorIds.AlmSyncTimeout, outcome.Problem!.ErrorId));
        Assert.All(waited, outcome => Assert.Equal(ErrorCategory.OperationTimeout, outcome.Problem!.Category));
        Assert.Contains("Get-SdeAlmJob -Id 9", waited[0].Problem!.Message, StringComparison.Ordinal);
        Assert.Same(waited[0].Job, waited[0].Problem!.TargetObject);
    }

    [Fact]
    public void A_job_deleted_meanwhile_ends_its_wait_with_the_not_found_error()
    {
        var stub = new StubHandler((request, _) => request.RequestUri!.AbsolutePath == "/api/v2/jobs/alm/"
            ? StubHandler.Json(200, """{"results":[]}""")
            : StubHandler.Json(404, """{"detail":"Not found."}"""));
        using var client = NewClient(stub);
        var api = new AlmJobApi(client, serverConnection: "test");
        var clock = new PretendClock();

        var outcome = Assert.Single(new AlmJobWaiter([Queued(8, api)], null, clock.Elapsed, clock.Sleep).Wait(Context()));

        Assert.Null(outcome.Job);
        Assert.Equal(SdeErrorIds.AlmJobNotFound, outcome.Problem!.ErrorId);
    }

    [Fact]
    public void Ctrl_c_ends_the_wait_at_once()
    {
        var stub = new StubHandler((request, _) => StubHandler.Json(200, """{"results":[]}"""));
        using var client = NewClient(stub);
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var waiter = new AlmJobWaiter([Queued(8, new AlmJobApi(client, serverConnection: "test"))], null, () => TimeSpan.Zero, (wait, token) => !token.IsCancellationRequested);

        Assert.Throws<OperationCanceledException>(() => waiter.Wait(new RequestContext(null, stop.Token)).ToList());
        Assert.Equal(0, stub.Count);
    }

    private static (AlmJob Job, AlmJobApi Api) Queued(int id, AlmJobApi api) =>
        (new AlmJob(id, 1, 1, 1, succeeded: false, ready: false, automatic: false, DateTimeOffset.UtcNow, string.Empty, s_server.ToString()), api);

    private static string Job(int id, bool ready) =>
        $$"""{"id":{{id}},"connection":1,"succeeded":{{(ready ? "true" : "false")}},"ready":{{(ready ? "true" : "false")}},"automatic":false,"last_run":"2026-12-02T17:46:42.553Z","result_message":"{{(ready ? "Synchronized 12 tasks: 12 up to date." : string.Empty)}}"}""";

    private static RequestContext Context() => new(null, CancellationToken.None);

    private static SdeApiClient NewClient(StubHandler stub) =>
        new(new SdeClientOptions(s_server) { RetryIntervalSec = 0, Timeout = TimeSpan.FromSeconds(30) }, "secret-token", stub);

    /// <summary>Time that passes only when the waiter waits: what it waited is known exactly.</summary>
    private sealed class PretendClock
    {
        private TimeSpan _now;

        public List<TimeSpan> Waits { get; } = [];

        public TimeSpan Elapsed() => _now;

        public bool Sleep(TimeSpan wait, CancellationToken token)
        {
            if (token.IsCancellationRequested)
            {
                return false;
            }

            Waits.Add(wait);
            _now += wait;
            return true;
        }
    }
}
