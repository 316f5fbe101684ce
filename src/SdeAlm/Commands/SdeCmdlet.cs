using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Filtering;

namespace SdeAlm.Commands;

/// <summary>
/// What every SdeAlm cmdlet shares: Ctrl+C cancels the request in flight, requests report to -Verbose and
/// the progress bar, and API failures become ErrorRecords with stable ids instead of raw .NET exceptions,
/// by one rule: a failure about one record fails that record, anything else stops the command.
/// </summary>
public abstract class SdeCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _lifetime = new();
    private bool _disposed;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// True when a failure concerns one record (an argument that does not fit, an id the server does not
    /// have, a sync SD Elements refused to start for one ALM connection): the record fails and the others
    /// go on. A missing endpoint, authentication, the server down and the like would fail every record
    /// alike, so they stop the command.
    /// </summary>
    internal static bool IsAboutOneRecord(SdeApiException failure) =>
        failure.Category is ErrorCategory.InvalidArgument
        || (failure.Category is ErrorCategory.ObjectNotFound && failure.ErrorId != SdeErrorIds.AlmApiNotFound)
        || failure.ErrorId == SdeErrorIds.AlmSyncNotStarted;

    protected virtual void Dispose(bool disposing)
    {
        lock (_lifetime)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (disposing)
        {
            _stopping.Dispose();
        }
    }

    /// <summary>Cancels what is in flight; PowerShell may call it from another thread, also after the cmdlet is disposed.</summary>
    protected override void StopProcessing()
    {
        lock (_lifetime)
        {
            if (!_disposed)
            {
                _stopping.Cancel();
            }
        }
    }

    internal RequestContext NewRequestContext() => new(WriteVerbose, _stopping.Token, WriteProgress);

    /// <summary>Runs up to <paramref name="throttleLimit"/> records at once, cancelled by this cmdlet's Ctrl+C (see <see cref="ParallelRecords{T}"/>).</summary>
    internal ParallelRecords<T> NewParallelRecords<T>(int throttleLimit, Action<T> writeResult)
        where T : class =>
        new(this, throttleLimit, writeResult, _stopping.Token);

    /// <summary>
    /// Reads each id in turn. A failure about one id (<see cref="IsAboutOneRecord"/>, such as an id the
    /// server does not have) is a non-terminating error and the other ids are still read.
    /// </summary>
    internal IEnumerable<T> ReadEach<TId, T>(IEnumerable<TId> ids, Func<TId, T> read)
        where T : class
    {
        foreach (var id in ids)
        {
            T? item = null;
            try
            {
                item = read(id);
            }
            catch (SdeApiException ex) when (IsAboutOneRecord(ex))
            {
                WriteError(ex.ToErrorRecord());
            }

            if (item is not null)
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Reports, at the end of a Get- command, each literal filter value that matched nothing over the
    /// whole input: one non-terminating ObjectNotFound error each, as Get-Process -Name does.
    /// </summary>
    internal void WriteMisses(IEnumerable<FilterMiss> misses)
    {
        foreach (var miss in misses)
        {
            WriteError(new SdeApiException(miss.Message, SdeErrorIds.FilterNoMatch, ErrorCategory.ObjectNotFound, miss.Value).ToErrorRecord());
        }
    }

    /// <summary>Runs one record's work: a failure about that record is a non-terminating error; anything else stops the command.</summary>
    internal void InvokeForRecord(Action work) => InvokeMappingErrors(() =>
    {
        try
        {
            work();
        }
        catch (SdeApiException ex) when (IsAboutOneRecord(ex))
        {
            WriteError(ex.ToErrorRecord());
        }
    });

    /// <summary>Runs the cmdlet's work, turning failures into terminating ErrorRecords.</summary>
    internal void InvokeMappingErrors(Action work)
    {
        try
        {
            work();
        }
        catch (SdeApiException ex)
        {
            ThrowTerminatingError(ex.ToErrorRecord());
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
