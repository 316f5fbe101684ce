using System;
using System.Management.Automation;
using SdeAlm.Api;

namespace SdeAlm.Commands;

/// <summary>
/// A connector or ALM connection cmdlet whose records each wait on the server for seconds (a
/// connectivity test, queuing a sync), so it runs up to -ThrottleLimit of them at once: see
/// <see cref="ParallelRecords{T}"/>. On Windows PowerShell this is the only way to run them in parallel.
/// </summary>
/// <typeparam name="TResult">What one record gives.</typeparam>
public abstract class SdeAlmParallelCmdlet<TResult> : SdeAlmResourceCmdlet
    where TResult : class
{
    private ParallelRecords<TResult>? _records;

    /// <summary>How many records may have requests in flight at once (1 to 32).</summary>
    [Parameter]
    [ValidateRange(1, SdeApiClient.MaxParallelRequests)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void EndProcessing() => FinishRecords();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _records?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Takes one record (see <see cref="ParallelRecords{T}.Start"/>): <paramref name="prepare"/> runs on
    /// the pipeline thread and returns the record's requests, or null to skip it.
    /// </summary>
    internal void StartRecord(Func<Func<RequestContext, TResult?>?> prepare) =>
        InvokeMappingErrors(() => (_records ??= NewParallelRecords<TResult>(ThrottleLimit, WriteResult)).Start(prepare));

    /// <summary>Waits for every record, writing them in input order.</summary>
    internal void FinishRecords() => InvokeMappingErrors(() => _records?.Finish());

    /// <summary>Writes one record's result, on the pipeline thread, in input order.</summary>
    private protected virtual void WriteResult(TResult result) => WriteObject(result);
}
