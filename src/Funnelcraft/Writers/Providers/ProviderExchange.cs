using System.Net;
using System.Text.Json;

namespace Funnelcraft.Writers.Providers;

/// <summary>
/// What the HTTP layer saw during one writer call: the provider's status code, its <c>Retry-After</c>, its error
/// code, or the transport failure. The SDKs turn failures into their own exceptions and not all of them keep the
/// headers (Anthropic's do not), so <see cref="ProviderExchangeHandler"/> records them here, in an
/// <see cref="AsyncLocal{T}"/> box that <see cref="ProviderChatClient"/> opens around each call.
/// </summary>
public sealed class ProviderExchange
{
    private static readonly AsyncLocal<ProviderExchange?> CurrentExchange = new();

    public static ProviderExchange? Current => CurrentExchange.Value;

    /// <summary>Opens a box for the calls that follow on this async flow (the caller's flow is restored when its method returns).</summary>
    public static ProviderExchange Begin() => CurrentExchange.Value = new ProviderExchange();

    public HttpStatusCode? Status { get; private set; }
    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>The provider's machine-readable error code or type (e.g. <c>rate_limit_error</c>), when it is a plain identifier.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>The provider's error message, for logs only and only after redaction: it may echo anything.</summary>
    public string? ErrorMessage { get; private set; }

    public Exception? TransportError { get; private set; }

    internal void Record(HttpResponseMessage response, TimeSpan? retryAfter, string? errorBody)
    {
        Status = response.StatusCode;
        RetryAfter = retryAfter;
        TransportError = null;
        (ErrorCode, ErrorMessage) = ParseError(errorBody);
    }

    internal void Record(Exception transportError)
    {
        Status = null;
        TransportError = transportError;
    }

    /// <summary>Reads <c>{"error": {"type"|"code", "message"}}</c> (OpenAI and Anthropic both answer errors so).</summary>
    private static (string? Code, string? Message) ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = Text(error, "code") ?? Text(error, "type");
                return (IsIdentifier(code) ? code : null, Text(error, "message"));
            }
        }
        catch (JsonException)
        {
            // not JSON: keep the text for the log
        }

        return (null, body.Length > 500 ? body[..500] : body);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsIdentifier(string? code) =>
        code is { Length: > 0 and <= 64 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
