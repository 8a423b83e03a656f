using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Funnelcraft.Web;

public static class ApiDefaults
{
    /// <summary>Problem details for every error, camelCase JSON, and clear 400s for bodies that cannot be read.</summary>
    public static IServiceCollection AddApiDefaults(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            if (ctx.Exception is BadHttpRequestException bad)
            {
                ctx.ProblemDetails.Status = bad.StatusCode;
                ctx.ProblemDetails.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request";
                ctx.ProblemDetails.Detail = BadRequestDetails.Describe(bad);
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
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // A client's bad request is answered with a 400 problem, not logged as a server failure.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        return app;
    }
}
