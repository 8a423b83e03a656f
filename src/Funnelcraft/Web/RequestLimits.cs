using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Funnelcraft.Web;

/// <summary>
/// Limits checked as a request arrives, on every route (anonymous ones included), before authentication and before
/// anything reads the body: a body larger than the route allows is refused with 413 at once — by its Content-Length, or,
/// for a chunked body, by the server as soon as the limit is passed — so it is never buffered; a JSON body in a charset
/// other than UTF-8 is refused with 415. A quoted <c>charset="utf-8"</c> is valid and is accepted.
/// </summary>
public sealed class RequestLimits(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public static IServiceCollection AddRequestLimits(IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes; // raised per request below for the routes that take a transcript
            kestrel.AddServerHeader = false;
        });
        return services;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<TranscriptBodyAttribute>() is null
            ? options.Value.MaxBodyBytes
            : options.Value.MaxTranscriptBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            http.Response.Headers.Connection = "close"; // the rest of the body is not read
            await http.WriteProblemAsync(StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"The request body is {http.Request.ContentLength.Value.ToString("N0", CultureInfo.InvariantCulture)} bytes; this route takes at most {limit.ToString("N0", CultureInfo.InvariantCulture)}.");
            return;
        }

        if (CanHaveBody(http) && UnsupportedJsonCharset(http.Request) is { } charset)
        {
            await http.WriteProblemAsync(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The body's charset '{Echo(charset)}' is not supported: send JSON as UTF-8 (charset=utf-8, or no charset).");
            return;
        }

        await next(http);
    }

    /// <summary>
    /// The charset of a JSON body when it is not UTF-8 (as written, possibly empty); null when there is none, it is UTF-8
    /// (a quoted value is unquoted here, for the JSON reader), or the body is not JSON (the route answers that itself).
    /// </summary>
    internal static string? UnsupportedJsonCharset(HttpRequest request)
    {
        if (request.ContentType is not { Length: > 0 } contentType)
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            // "application/json; charset=" and the like: JSON with a charset that cannot even be read.
            var separator = contentType.IndexOf(';', StringComparison.Ordinal);
            return contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && separator > 0
                ? contentType[(separator + 1)..].Trim()
                : null;
        }

        if (!(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
              || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var charset = mediaType.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase));
        if (charset is null)
        {
            return null;
        }

        var value = HeaderUtilities.RemoveQuotes(charset.Value).ToString();
        if (!value.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        if (charset.Value.Length != value.Length)
        {
            charset.Value = "utf-8";
            request.ContentType = mediaType.ToString();
        }

        return null;
    }

    private static bool CanHaveBody(HttpContext http) => http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;

    private static string Echo(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
