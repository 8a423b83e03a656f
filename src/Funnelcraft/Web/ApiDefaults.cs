using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Funnelcraft.Data;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Web;

public static class ApiDefaults
{
    /// <summary>Problem details for every error, camelCase JSON, clear 400s for bodies that cannot be read, and the request limits.</summary>
    public static IServiceCollection AddApiDefaults(this IServiceCollection services)
    {
        RequestLimits.AddRequestLimits(services);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            if (ctx.Exception is BadHttpRequestException bad)
            {
                ctx.ProblemDetails.Status = bad.StatusCode;
                ctx.ProblemDetails.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request";
                ctx.ProblemDetails.Detail = BadRequestDetails.Describe(bad);
            }
            else if (ctx.Exception is { } e && DbErrors.IsUnavailable(e))
            {
                var retryAfter = ctx.HttpContext.RequestServices.GetRequiredService<IOptions<DatabaseOptions>>().Value.UnavailableRetryAfter;
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                ctx.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                ctx.ProblemDetails.Status = StatusCodes.Status503ServiceUnavailable;
                ctx.ProblemDetails.Title = "Service unavailable";
                ctx.ProblemDetails.Detail = $"The database cannot take changes right now; nothing was changed. Try again in {seconds} s.";
            }
            else if (ctx.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
            {
                // Minimal APIs answer a non-JSON body with a bare 415; say what to send instead.
                ctx.ProblemDetails.Detail ??= BadRequestDetails.UnsupportedMediaType(ctx.HttpContext.Request.ContentType);
            }
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.MaxDepth = 32;
        });
        return services;
    }

    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when DbErrors.IsUnavailable(e) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
            // A client's bad request is answered with a 400 problem, not logged as a server failure.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLimits>();
        return app;
    }
}
