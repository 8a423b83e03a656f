using Microsoft.Extensions.Http.Resilience;
using Polly;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers.Providers;

/// <summary>
/// The HttpClient the OpenAI and Anthropic SDKs send through.
/// <para>
/// Retry layering — one place retries, and it is the step: a 429 or 5xx must reach <c>RunExecutor</c>, which
/// persists each attempt (the status shows "attempt 2"), honours <c>Retry-After</c> through
/// <see cref="WriterException.RetryAfter"/>, backs off, and gives up with a readable error. So nothing below it
/// retries: the SDKs' built-in retry policies are switched off (OpenAI <c>RetryPolicy</c> with 0 retries, Anthropic
/// <c>MaxRetries = 0</c>) and the resilience handler here has no retry strategy. What the handler does is bound the
/// HTTP exchange by <see cref="WriterOptions.Timeout"/> (the same limit <see cref="WriterGate"/> puts on the whole
/// call), so a hung connection is cut even if a caller forgot its own limit. A circuit breaker was left out on
/// purpose: with at most <c>Generation:MaxAttempts</c> attempts per step it would turn a provider outage into
/// spent attempts that never reached the provider, instead of the backoff that lets steps ride it out.
/// </para>
/// <para>
/// <see cref="ProviderExchangeHandler"/> sits outermost and records the status, <c>Retry-After</c> and error code of
/// each response for <see cref="ProviderChatClient"/>. Cancellation reaches the request: the SDKs pass the writer
/// call's token to <c>HttpClient.SendAsync</c>, and a cancelled token aborts the connection.
/// </para>
/// </summary>
public static class WriterHttp
{
    public const string ClientName = "Funnelcraft.Writer";

    public static IServiceCollection AddWriterHttp(this IServiceCollection services)
    {
        services.AddTransient<ProviderExchangeHandler>();
        services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // The factory's default loggers write exception texts as they are, and a proxy's or provider's text may
            // hold the key; ProviderChatClient logs a redacted summary of every failure instead.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<ProviderExchangeHandler>()
            .AddResilienceHandler("writer", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WriterOptions>>().Value;
                pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.Timeout });
            });
        return services;
    }

    /// <summary>An HttpClient of this pipeline; the chat client holds it for the app's life (connections are recycled by the handler).</summary>
    public static HttpClient Create(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
}
