using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>
/// Wraps a response body and stops reading past a cap, so a runaway or hostile server cannot
/// exhaust memory.
/// </summary>
internal sealed class LimitedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly Uri _source;

    public LimitedReadStream(Stream inner, long limit, Uri source)
    {
        _inner = inner;
        _limit = limit;
        _source = source;
    }

    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

    private int Count(int read)
    {
        _read += read;
        if (_read > _limit)
        {
            throw new SdeApiException(
                $"The answer from {_source} is larger than {_limit / (1024 * 1024)} MiB, the most SdeAlm reads. The server may be misconfigured or not an SD Elements server.",
                SdeErrorIds.ResponseTooLarge,
                ErrorCategory.LimitsExceeded,
                _source);
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
