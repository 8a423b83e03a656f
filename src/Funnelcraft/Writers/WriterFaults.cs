using System.Net;
using System.Text.Json;

namespace Funnelcraft.Writers;

/// <summary>Turns a writer failure into a message a person can read, and whether trying again may help.</summary>
public static class WriterFaults
{
    public sealed record Fault(string Message, bool Transient, TimeSpan? RetryAfter);

    public static Fault Describe(Exception exception, string stepName) => exception switch
    {
        WriterException w => new(w.Message, w.Transient, w.RetryAfter),
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } =>
            new("The AI provider is rate limiting requests.", true, null),
        HttpRequestException { StatusCode: { } code } when (int)code >= 500 =>
            new($"The AI provider had an error (HTTP {(int)code}).", true, null),
        HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } =>
            new("The AI provider refused the API key. Check the writer's key in the configuration.", false, null),
        HttpRequestException { StatusCode: { } code } =>
            new($"The AI provider rejected the request (HTTP {(int)code}).", false, null),
        HttpRequestException => new("Could not reach the AI provider.", true, null),
        TimeoutException or TaskCanceledException => new("The AI provider took too long to answer.", true, null),
        JsonException => new($"The AI wrote {stepName} content that was not valid JSON.", true, null),
        _ => new($"Writing {stepName} failed unexpectedly.", false, null),
    };
}
