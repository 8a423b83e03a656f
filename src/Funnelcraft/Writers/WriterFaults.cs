using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Anthropic.Exceptions;
using Polly.Timeout;

namespace Funnelcraft.Writers;

/// <summary>
/// Turns a writer failure into a message a person can read, whether trying again may help, and how long the
/// provider asked us to wait. Messages never quote exception texts or response bodies (they may carry a key or a
/// stack trace); they say what happened and what to check.
/// </summary>
public static class WriterFaults
{
    public sealed record Fault(string Message, bool Transient, TimeSpan? RetryAfter);

    public static Fault Describe(Exception exception, string stepName) => exception switch
    {
        JsonException => new($"The AI wrote {stepName} content that was not valid JSON.", true, null),
        _ => Known(exception) ?? new($"Writing {stepName} failed unexpectedly.", false, null),
    };

    /// <summary>A provider call that failed without an HTTP error status: the transport, a timeout, or an answer that could not be read.</summary>
    public static Fault ForCallFailure(Exception exception) =>
        Known(exception) ?? new($"The call to the AI provider failed unexpectedly ({exception.GetType().Name}).", false, null);

    private static Fault? Known(Exception exception) => exception switch
    {
        WriterException w => new(w.Message, w.Transient, w.RetryAfter),
        ClientResultException { Status: > 0 } c => ForStatus(c.Status, RetryAfterOf(c), null),
        AnthropicApiException a when (int)a.StatusCode > 0 => ForStatus((int)a.StatusCode, null, null),
        HttpRequestException { StatusCode: { } code } => ForStatus((int)code, null, null),
        TimeoutRejectedException t => TookTooLong(t.Timeout),
        TimeoutException or TaskCanceledException => TookTooLong(null),
        HttpRequestException or HttpIOException or IOException or SocketException or AnthropicIOException or ClientResultException =>
            new("The connection to the AI provider failed or dropped before it answered.", true, null),
        JsonException or FormatException or AnthropicInvalidDataException or AnthropicSseException =>
            new("The AI provider's answer could not be read.", true, null),
        { InnerException: { } inner } => Known(inner),
        _ => null,
    };

    /// <summary>The fault for an HTTP status from the provider; <paramref name="errorCode"/> is a plain identifier or null.</summary>
    public static Fault ForStatus(int status, TimeSpan? retryAfter, string? errorCode)
    {
        var http = errorCode is null ? $"HTTP {status}" : $"HTTP {status} {errorCode}";
        var wait = retryAfter is { } r ? $"; it asked to wait {Math.Max(1, Math.Ceiling(r.TotalSeconds)):0} s" : "";
        return status switch
        {
            429 when errorCode is "insufficient_quota" or "billing_error" =>
                new($"The AI provider account has no credit or quota left ({http}). Check the provider account's billing.", false, null),
            429 => new($"The AI provider is rate limiting requests ({http}{wait}).", true, retryAfter),
            401 or 403 => new($"The AI provider refused the API key ({http}). Check the writer's API key in the configuration.", false, null),
            404 => new($"The AI provider does not know this model or address ({http}). Check the writer's endpoint and model in the configuration.", false, null),
            408 or 409 => new($"The AI provider did not finish the request ({http}).", true, retryAfter),
            503 or 529 => new($"The AI provider is overloaded or unavailable ({http}{wait}).", true, retryAfter),
            >= 500 => new($"The AI provider had an error ({http}{wait}).", true, retryAfter),
            _ => new($"The AI provider rejected the request ({http}). Check the writer's model and settings.", false, null),
        };
    }

    public static Fault TookTooLong(TimeSpan? limit) => new(
        limit is { } l ? $"The AI provider took longer than {l.TotalSeconds:0.#} s to answer." : "The AI provider took too long to answer.", true, null);

    private static TimeSpan? RetryAfterOf(ClientResultException exception)
    {
        var headers = exception.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return headers.TryGetValue("Retry-After", out var seconds) && int.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s)
            : null;
    }
}
