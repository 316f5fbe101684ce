using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Errors;

namespace SdeAlm.Commands;

/// <summary>
/// What every SdeAlm cmdlet shares: Ctrl+C cancels the request in flight, requests report to -Verbose and
/// the progress bar, and API failures become ErrorRecords with stable ids instead of raw .NET exceptions.
/// </summary>
public abstract class SdeCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void StopProcessing() => _stopping.Cancel();

    internal RequestContext NewRequestContext() => new(WriteVerbose, _stopping.Token, WriteProgress);

    /// <summary>
    /// Reads each id in turn. An id the server does not have (an error with <paramref name="notFoundErrorId"/>)
    /// is a non-terminating error and the other ids are still read; any other failure ends the command.
    /// </summary>
    internal IEnumerable<T> ReadEach<TId, T>(IEnumerable<TId> ids, Func<TId, T> read, string notFoundErrorId)
        where T : class
    {
        foreach (var id in ids)
        {
            T? item = null;
            try
            {
                item = read(id);
            }
            catch (SdeApiException ex) when (ex.ErrorId == notFoundErrorId)
            {
                WriteError(ex.ToErrorRecord());
            }

            if (item is not null)
            {
                yield return item;
            }
        }
    }

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
