using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SdeAlm.Errors;
using SdeAlm.Model;

namespace SdeAlm.Api;

/// <summary>
/// Waits for queued sync jobs to finish, asking about all of them together. Each round reads one list
/// of the unfinished jobs (every page) per server, and reads by id only a job that has left that list,
/// for its outcome: a job costs one read by id in all, however long it runs. Rounds follow
/// <see cref="PollSchedule"/> (1 s, growing to 10 s). The jobs come back in the order they were given,
/// each as soon as it and those before it have finished. With a timeout, counted from when the waiter
/// was made (after the last job was queued), the jobs still running at its end come back with a
/// timeout problem. Ctrl+C ends the wait at once; the jobs go on in SD Elements.
/// </summary>
internal sealed class AlmJobWaiter
{
    private const int ProgressActivityId = 0x5E0;

    /// <summary>A deadline this close counts as reached, so that a wait cut to the deadline is not followed by a round of its own.</summary>
    private static readonly TimeSpan s_slack = TimeSpan.FromMilliseconds(20);

    private readonly List<Waited> _jobs;
    private readonly TimeSpan? _timeout;
    private readonly Func<TimeSpan> _elapsed;
    private readonly Func<TimeSpan, CancellationToken, bool> _sleep;

    /// <param name="jobs">The queued jobs in the order to return them, each with the job API of its server connection (one instance per server connection).</param>
    /// <param name="timeout">How long to wait at most, from now; null waits until every job has finished.</param>
    public AlmJobWaiter(IEnumerable<(AlmJob Job, AlmJobApi Api)> jobs, TimeSpan? timeout)
        : this(jobs, timeout, ElapsedSince(Stopwatch.StartNew()), (wait, token) => !token.WaitHandle.WaitOne(wait))
    {
    }

    /// <summary>With a clock of the caller's: tests count rounds and waits without sleeping.</summary>
    /// <param name="jobs">The queued jobs, as for the public constructor.</param>
    /// <param name="timeout">How long to wait at most, measured by <paramref name="elapsed"/>.</param>
    /// <param name="elapsed">The time since the waiter was made.</param>
    /// <param name="sleep">Waits; false when the token fired first.</param>
    internal AlmJobWaiter(IEnumerable<(AlmJob Job, AlmJobApi Api)> jobs, TimeSpan? timeout, Func<TimeSpan> elapsed, Func<TimeSpan, CancellationToken, bool> sleep)
    {
        _jobs = [.. jobs.Select(job => new Waited(job.Job, job.Api))];
        _timeout = timeout;
        _elapsed = elapsed;
        _sleep = sleep;
    }

    /// <summary>How each job's wait ended, in the order the jobs were given, each as soon as it is known.</summary>
    public IEnumerable<AlmJobWait> Wait(RequestContext context)
    {
        var schedule = new PollSchedule();
        var returned = 0;
        var round = 0;
        while (returned < _jobs.Count)
        {
            Report(context);
            var wait = schedule.Next();
            if (_timeout is { } limit && limit - _elapsed() < wait)
            {
                wait = limit - _elapsed() > TimeSpan.Zero ? limit - _elapsed() : TimeSpan.Zero;
            }

            if (!_sleep(wait, context.CancellationToken))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
            }

            Poll(++round, context);
            for (; returned < _jobs.Count && _jobs[returned].Outcome is { } outcome; returned++)
            {
                yield return outcome;
            }

            if (returned < _jobs.Count && _timeout is { } timeout && _elapsed() + s_slack >= timeout)
            {
                for (; returned < _jobs.Count; returned++)
                {
                    var waited = _jobs[returned];
                    yield return waited.Outcome ?? new AlmJobWait(waited.Job, TimedOut(waited.Job, timeout));
                }
            }
        }

        if (round > 0)
        {
            context.Progress(new ProgressRecord(ProgressActivityId, Activity, $"{_jobs.Count} of {_jobs.Count} finished") { RecordType = ProgressRecordType.Completed });
        }
    }

    private static Func<TimeSpan> ElapsedSince(Stopwatch clock) => () => clock.Elapsed;

    private string Activity => _jobs.Count == 1 ? "Waiting for 1 ALM sync job" : $"Waiting for {_jobs.Count} ALM sync jobs";

    /// <summary>One round: per server, the list of unfinished jobs, then a read by id of each waited-on job no longer in it.</summary>
    private void Poll(int round, RequestContext context)
    {
        var lists = 0;
        var reads = 0;
        foreach (var server in _jobs.Where(job => job.Outcome is null).GroupBy(job => job.Api).ToList())
        {
            var unfinished = new Dictionary<int, AlmJob>();
            foreach (var job in server.Key.Unfinished(context))
            {
                unfinished[job.Id] = job;
            }

            lists++;
            foreach (var waited in server)
            {
                if (unfinished.TryGetValue(waited.Job.Id, out var listed))
                {
                    // A server that ignores ?ready=false lists finished jobs too, outcome included.
                    waited.Update(listed);
                    continue;
                }

                reads++;
                try
                {
                    waited.Update(server.Key.Get(waited.Job.Id, context));
                }
                catch (SdeApiException ex) when (ex.ErrorId == SdeErrorIds.AlmJobNotFound)
                {
                    // Deleted meanwhile, with its ALM connection: nothing to wait for.
                    waited.Outcome = new AlmJobWait(null, ex);
                }
            }
        }

        var finished = _jobs.Count(job => job.Outcome is not null);
        context.Verbose(string.Format(
            CultureInfo.InvariantCulture,
            "Waiting for sync jobs, round {0}: {1} of {2} finished ({3} list request(s), {4} read(s) by id).",
            round,
            finished,
            _jobs.Count,
            lists,
            reads));
    }

    private void Report(RequestContext context)
    {
        var finished = _jobs.Count(job => job.Outcome is not null);
        context.Progress(new ProgressRecord(ProgressActivityId, Activity, $"{finished} of {_jobs.Count} finished")
        {
            PercentComplete = 100 * finished / _jobs.Count,
            CurrentOperation = "Ctrl+C stops waiting; the jobs go on in SD Elements.",
        });
    }

    private static SdeApiException TimedOut(AlmJob job, TimeSpan timeout) =>
        new(
            string.Format(
                CultureInfo.InvariantCulture,
                "ALM job {0} (the sync of ALM connection {1}) was still running when its -Timeout of {2} ran out. It goes on in SD Elements: run Get-SdeAlmJob -Id {0} later to see how it ended.",
                job.Id,
                job.AlmConnectionId?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
                RetryPolicy.Describe(timeout)),
            SdeErrorIds.AlmSyncTimeout,
            ErrorCategory.OperationTimeout,
            job);

    /// <summary>One job waited on: as last seen, and how its wait ended once it has.</summary>
    private sealed class Waited
    {
        public Waited(AlmJob job, AlmJobApi api)
        {
            Api = api;
            Update(job);
        }

        public AlmJobApi Api { get; }

        public AlmJob Job { get; private set; } = null!;

        public AlmJobWait? Outcome { get; set; }

        public void Update(AlmJob seen)
        {
            Job = seen;
            if (seen.Ready)
            {
                Outcome = new AlmJobWait(seen, null);
            }
        }
    }
}
