using Funnelcraft.Generation.Api;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Generation.Estimates;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Status;
using Funnelcraft.Generation.Worker;

namespace Funnelcraft.Generation;

/// <summary>
/// Generation, by role: <c>Api/</c> (the routes and the commands they call), <c>Changes/</c> (the one write path),
/// <c>Runs/</c> (the run, its steps and their pure transitions), <c>Worker/</c> (claiming and executing runs),
/// <c>Live/</c> (the status feed, reads, SSE, the change listener), <c>Status/</c> (what clients see), <c>Estimates/</c>.
/// </summary>
public static class GenerationEndpoints
{
    public static IServiceCollection AddGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RolesOptions>().BindConfiguration(RolesOptions.SectionName);
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<GenerationCommands>();
        services.AddSingleton<RunChanges>();
        services.AddSingleton<ChangeQueries>();
        services.AddSingleton<StatusProjection>();
        services.AddSingleton<StepEstimates>();

        services.AddSingleton(WorkerIdentity.Create());
        services.AddSingleton<WorkerWakeUp>();
        services.AddSingleton<WorkerLiveness>();
        services.AddSingleton<RunLeases>();
        services.AddSingleton<StepInputsLoader>();
        services.AddSingleton<StepAttempts>();
        services.AddSingleton<RunExecutor>();
        if (configuration.GetValue($"{RolesOptions.SectionName}:Worker", true))
        {
            services.AddSingleton<GenerationWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<GenerationWorker>());
        }

        services.AddSingleton<StatusFeed>();
        services.AddSingleton<PreviewHub>();
        services.AddSingleton<PreviewBoard>();
        services.AddSingleton<EventStreams>();
        services.AddSingleton<StatusLookup>();
        services.AddSingleton<StatusJsonCache>();
        if (string.Equals(configuration[$"{Data.DatabaseOptions.SectionName}:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<PostgresChangeListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());
        }

        return services;
    }

    public static IEndpointRouteBuilder MapGeneration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/generate").WithTags("Generation").RequireAuthorization();
        group.MapPost("/auto-generate-all", GenerationApi.StartAsync).RequireRateLimiting(Operations.RateLimits.Generation)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/generation-status", GenerationApi.StatusAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/generation-events", GenerationEvents.StreamAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/cancel", GenerationApi.CancelAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/retry-step", GenerationApi.RetryStepAsync).RequireRateLimiting(Operations.RateLimits.Generation)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/regenerate-step", GenerationApi.RegenerateStepAsync).RequireRateLimiting(Operations.RateLimits.Generation)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/retry-failed", GenerationApi.RetryFailedAsync).RequireRateLimiting(Operations.RateLimits.Generation)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
