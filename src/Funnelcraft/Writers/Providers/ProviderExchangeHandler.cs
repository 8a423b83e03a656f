using System.Globalization;

namespace Funnelcraft.Writers.Providers;

/// <summary>
/// The outermost handler of the providers' HttpClient: records each response's status, <c>Retry-After</c> and error
/// code (or the transport failure) in the current <see cref="ProviderExchange"/>. It never retries and never changes
/// a response: failures reach the SDK, then <see cref="ProviderChatClient"/>, then the step-level retry.
/// </summary>
public sealed class ProviderExchangeHandler(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var exchange = ProviderExchange.Current;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (exchange is not null && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            exchange.Record(e);
            throw;
        }

        if (exchange is not null)
        {
            string? errorBody = null;
            if (!response.IsSuccessStatusCode)
            {
                // Error bodies are small; buffering lets the SDK still read it after us.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                errorBody = await response.Content.ReadAsStringAsync(cancellationToken);
            }

            exchange.Record(response, RetryAfter(response), errorBody);
        }

        return response;
    }

    /// <summary><c>retry-after-ms</c> (OpenAI) or <c>Retry-After</c> as seconds or an HTTP date.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }
}
