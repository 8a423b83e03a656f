using Scalar.AspNetCore;

namespace Funnelcraft.Operations;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, and the Scalar API reference at <c>/docs</c> (on in Development; <c>ApiDocs:Enabled</c> elsewhere).</summary>
public static class ApiDocs
{
    public const string Path = "/docs";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Funnelcraft API";
            document.Info.Description = "Projects, intakes, background generation of seven funnel steps, live status and content versions.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        if (app.Configuration.GetValue("ApiDocs:Enabled", app.Environment.IsDevelopment()))
        {
            app.MapScalarApiReference(Path, o => o.WithTitle("Funnelcraft API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        }

        return app;
    }
}
