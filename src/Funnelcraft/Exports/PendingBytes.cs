namespace Funnelcraft.Exports;

/// <summary>
/// A write-only, forward-only stream that keeps what is written until <see cref="CopyToAsync(Stream, CancellationToken)"/>
/// hands it on and forgets it: synchronous writers (the ZIP writer) write here, and the response gets the bytes asynchronously.
/// </summary>
internal sealed class PendingBytes : Stream
{
    private readonly MemoryStream _bytes = new();
    private long _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _bytes.Write(buffer);
        _written += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    /// <summary>Copies what was written since the last call to <paramref name="destination"/>, then drops it.</summary>
    public new async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (_bytes.Length > 0)
        {
            await destination.WriteAsync(_bytes.GetBuffer().AsMemory(0, (int)_bytes.Length), cancellationToken);
            _bytes.SetLength(0);
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bytes.Dispose();
        }

        base.Dispose(disposing);
    }
}
