using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

/// <summary>
/// Every writer call passes here: at most <see cref="WriterOptions.MaxConcurrentCalls"/> in flight on this node,
/// each bounded by <see cref="WriterOptions.Timeout"/>; a timeout becomes a transient <see cref="WriterException"/>.
/// </summary>
public sealed class WriterGate(IOptions<WriterOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentCalls, options.Value.MaxConcurrentCalls);

    public int InFlight => options.Value.MaxConcurrentCalls - _slots.CurrentCount;

    public async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            try
            {
                return await call(timeout.Token);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WriterException(WriterFaults.TookTooLong(options.Value.Timeout).Message, transient: true, inner: e);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
