using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Errors;

namespace SdeAlm.Commands;

/// <summary>
/// Many records at once (-ThrottleLimit), on Windows PowerShell as on PowerShell 7. The pipeline
/// thread prepares each record (resolves its server connection, asks ShouldProcess) and dispatches it;
/// up to the limit of records send their requests on worker threads. Nothing is written off the
/// pipeline thread: each record's verbose lines and its result or error are queued and written there,
/// record after record in input order, while later records still run; progress is written as it comes.
/// A failure about one record (<see cref="SdeCmdlet.IsAboutOneRecord"/>) is that record's error; any
/// other stops the command at that record. Ctrl+C cancels every request in flight at once.
/// </summary>
/// <typeparam name="T">What one record's requests give, written by the cmdlet's own rule.</typeparam>
internal sealed class ParallelRecords<T> : IDisposable
    where T : class
{
    /// <summary>How long Dispose waits for cancelled workers to end: they stop at once unless a request ignores cancellation.</summary>
    private static readonly TimeSpan s_workerExit = TimeSpan.FromSeconds(10);

    private readonly Cmdlet _cmdlet;
    private readonly int _limit;
    private readonly Action<T> _writeResult;
    private readonly CancellationTokenSource _cancel;

    /// <summary>Every record not written yet, in input order; the pipeline thread's alone.</summary>
    private readonly Queue<Record> _inOrder = new();
    private readonly BlockingCollection<Record> _dispatched = new();
    private readonly ConcurrentQueue<ProgressRecord> _progress = new();

    /// <summary>Released whenever a worker queued something or finished a record: the pipeline thread wakes to write.</summary>
    private readonly SemaphoreSlim _changed = new(0);
    private readonly List<Thread> _workers = [];
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private int _inFlight;

    /// <param name="cmdlet">Writes everything, on the pipeline thread.</param>
    /// <param name="limit">How many records may have requests in flight at once.</param>
    /// <param name="writeResult">Writes one record's result, in input order.</param>
    /// <param name="stopping">The cmdlet's Ctrl+C.</param>
    public ParallelRecords(Cmdlet cmdlet, int limit, Action<T> writeResult, CancellationToken stopping)
    {
        _cmdlet = cmdlet;
        _limit = limit;
        _writeResult = writeResult;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    /// <summary>
    /// Takes one record, on the pipeline thread. <paramref name="prepare"/> runs here, first: it resolves
    /// what the record needs from the session and asks ShouldProcess, and returns the record's requests
    /// (run on a worker with a context of their own), or null to skip the record. When the limit of
    /// records is in flight, this waits for one to finish, writing what has finished meanwhile.
    /// </summary>
    public void Start(Func<Func<RequestContext, T?>?> prepare)
    {
        WriteFinished();
        Func<RequestContext, T?>? work;
        try
        {
            work = prepare();
        }
        catch (SdeApiException ex)
        {
            // In its place among the records: after those before it have been written.
            _inOrder.Enqueue(Record.Failed(ex));
            WriteFinished();
            if (!SdeCmdlet.IsAboutOneRecord(ex))
            {
                Finish();
            }

            return;
        }

        if (work is null)
        {
            return;
        }

        while (Volatile.Read(ref _inFlight) >= _limit)
        {
            WaitForChange();
            WriteFinished();
        }

        var record = new Record(work);
        _inOrder.Enqueue(record);
        Interlocked.Increment(ref _inFlight);
        if (_workers.Count < _limit)
        {
            StartWorker();
        }

        _dispatched.Add(record);
    }

    /// <summary>Waits for every record, writing each in input order as soon as it and those before it have finished.</summary>
    public void Finish()
    {
        WriteFinished();
        while (_inOrder.Count > 0)
        {
            WaitForChange();
            WriteFinished();
        }
    }

    /// <summary>Cancels what is still in flight and lets the workers end.</summary>
    public void Dispose()
    {
        _cancel.Cancel();
        _dispatched.CompleteAdding();
        var deadline = DateTime.UtcNow + s_workerExit;
        var ended = true;
        foreach (var worker in _workers)
        {
            var left = deadline - DateTime.UtcNow;
            ended &= worker.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        // A worker still in a request that ignored cancellation keeps these; they are released with it.
        if (ended)
        {
            _dispatched.Dispose();
            _changed.Dispose();
            _cancel.Dispose();
        }
    }

    /// <summary>Writes the progress queued so far, then each record at the head of the input order: its verbose lines, and once finished its result or error.</summary>
    private void WriteFinished()
    {
        while (_progress.TryDequeue(out var progress))
        {
            _cmdlet.WriteProgress(progress);
        }

        while (_inOrder.Count > 0)
        {
            var head = _inOrder.Peek();

            // Read before the lines: a record queues all its lines before it is marked finished.
            var finished = head.IsFinished;
            while (head.Verbose.TryDequeue(out var line))
            {
                _cmdlet.WriteVerbose(line);
            }

            if (!finished)
            {
                return;
            }

            _inOrder.Dequeue();
            Write(head);
        }
    }

    private void Write(Record record)
    {
        if (record.Failure is null)
        {
            if (record.Result is { } result)
            {
                _writeResult(result);
            }

            return;
        }

        if (record.Failure.SourceException is SdeApiException failure && SdeCmdlet.IsAboutOneRecord(failure))
        {
            _cmdlet.WriteError(failure.ToErrorRecord());
            return;
        }

        // The command stops at this record: what is still in flight is cancelled and never written.
        _cancel.Cancel();
        record.Failure.Throw();
    }

    /// <summary>Sleeps until a worker queues something or finishes a record; Ctrl+C ends the wait.</summary>
    private void WaitForChange() => _changed.Wait(_cancel.Token);

    private void StartWorker()
    {
        var worker = new Thread(Work) { IsBackground = true, Name = "SdeAlm request" };
        _workers.Add(worker);
        worker.Start();
    }

    /// <summary>A worker: runs dispatched records one after another until none are left or the command stops.</summary>
    private void Work()
    {
        // Messages made here read as the user's culture, as on the pipeline thread.
        Thread.CurrentThread.CurrentCulture = _culture;
        Thread.CurrentThread.CurrentUICulture = _uiCulture;
        try
        {
            foreach (var record in _dispatched.GetConsumingEnumerable(_cancel.Token))
            {
                Run(record);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the records still queued are never written.
        }
    }

    private void Run(Record record)
    {
        var context = new RequestContext(
            line =>
            {
                record.Verbose.Enqueue(line);
                _changed.Release();
            },
            _cancel.Token,
            progress =>
            {
                _progress.Enqueue(progress);
                _changed.Release();
            });
        try
        {
            record.Result = record.Work!(context);
        }
#pragma warning disable CA1031 // Every failure goes to the pipeline thread, which throws it there as the serial cmdlet would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            record.Failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            record.MarkFinished();
            Interlocked.Decrement(ref _inFlight);
            _changed.Release();
        }
    }

    /// <summary>One record: its requests, what they queued to write, and how they ended.</summary>
    private sealed class Record
    {
        private int _finished;

        public Record(Func<RequestContext, T?>? work)
        {
            Work = work;
        }

        public Func<RequestContext, T?>? Work { get; }

        public ConcurrentQueue<string> Verbose { get; } = new();

        public T? Result { get; set; }

        public ExceptionDispatchInfo? Failure { get; set; }

        public bool IsFinished => Volatile.Read(ref _finished) != 0;

        /// <summary>A record whose preparation on the pipeline thread failed: finished, with that failure.</summary>
        public static Record Failed(SdeApiException failure)
        {
            var record = new Record(null) { Failure = ExceptionDispatchInfo.Capture(failure) };
            record.MarkFinished();
            return record;
        }

        public void MarkFinished() => Volatile.Write(ref _finished, 1);
    }
}
