using Microsoft.Extensions.AI;

namespace Funnelcraft.Writers.Providers;

/// <summary>
/// Wraps a provider SDK's <see cref="IChatClient"/>: every failure of a call leaves here as a
/// <see cref="WriterException"/> with a readable message, the transient flag and the provider's <c>Retry-After</c>,
/// so <c>RunExecutor</c>'s step-level retry sees every 429 and 5xx (the SDKs' own retries are off). The SDK's
/// exception is not kept as the inner exception: its message can carry the response body, and the body can echo
/// the key. A redacted summary is logged instead. The <see cref="WriterRequest"/> a call carries for writers that
/// write from data is taken off the options here: it never reaches an SDK, so it can never be sent.
/// </summary>
public sealed partial class ProviderChatClient(IChatClient inner, string provider, SecretRedactor redactor, ILogger logger)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var exchange = ProviderExchange.Begin();
        try
        {
            return await base.GetResponseAsync(messages, WriterRequest.Detach(options), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not WriterException)
        {
            throw Translate(e, exchange);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var exchange = ProviderExchange.Begin();
        await using var updates = base.GetStreamingResponseAsync(messages, WriterRequest.Detach(options), cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    yield break;
                }

                update = updates.Current;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not WriterException)
            {
                throw Translate(e, exchange);
            }

            yield return update;
        }
    }

    private WriterException Translate(Exception e, ProviderExchange exchange)
    {
        var cause = exchange.TransportError ?? e;
        var fault = exchange.Status is { } status && (int)status >= 400
            ? WriterFaults.ForStatus((int)status, exchange.RetryAfter, exchange.ErrorCode)
            : WriterFaults.ForCallFailure(cause);
        var detail = redactor.Redact(exchange.ErrorMessage ?? cause.Message);
        Log.CallFailed(logger, provider, exchange.Status is { } s ? (int)s : null, cause.GetType().Name,
            detail.Length > 300 ? detail[..300] + "…" : detail, fault.Transient);
        return new WriterException(redactor.Redact(fault.Message), fault.Transient, fault.RetryAfter);
    }

    private static partial class Log
    {
        [LoggerMessage(400, LogLevel.Warning, "{Provider} call failed (HTTP {Status}, {ErrorType}): {Detail}; transient: {Transient}")]
        public static partial void CallFailed(ILogger logger, string provider, int? status, string errorType, string detail, bool transient);
    }
}
