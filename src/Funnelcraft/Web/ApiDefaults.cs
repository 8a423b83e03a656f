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
                ctx.ProblemDetails.Detail = bad.InnerException is JsonException json
                    ? $"The request body is not valid JSON for this route: {Describe(json)}"
                    : bad.Message;
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

    // Names the offending field without naming the server's types.
    private static string Describe(JsonException json) =>
        json.Path is { Length: > 1 } path && json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? $"the value at '{path}' has the wrong type or format."
            : json.Message;

    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app;
    }
}
