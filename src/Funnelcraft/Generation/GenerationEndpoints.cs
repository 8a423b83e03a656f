using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Funnelcraft.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation;

public static partial class GenerationEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <param name="OverwriteEdits">With <paramref name="Regenerate"/>: rewrite the steps whose current version is the user's edit too (kept by default).</param>
    public sealed record StartRequest([property: Required] Guid? ProjectId, Guid? IntakeId, bool? Regenerate, bool? OverwriteEdits = null);

    public sealed record CancelRequest([property: Required] Guid? ProjectId);

    public sealed record RetryStepRequest([property: Required] Guid? ProjectId, [property: Required] int? Step);

    public sealed record RetryFailedRequest([property: Required] Guid? ProjectId);

    public static IServiceCollection AddGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RolesOptions>().BindConfiguration(RolesOptions.SectionName);
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(WorkerIdentity.Create());
        services.AddSingleton<StatusHub>();
        services.AddSingleton<EventStreams>();
        services.AddSingleton<StepEstimates>();
        services.AddSingleton<GenerationStore>();
        services.AddSingleton<StatusReader>();
        services.AddSingleton<StatusJson>();
        services.AddSingleton<GenerationCommands>();
        services.AddSingleton<RunSignal>();
        services.AddSingleton<RunHandoff>();
        services.AddSingleton<WorkerHeartbeat>();
        services.AddSingleton<ActiveRuns>();
        services.AddSingleton<RunLeases>();
        services.AddSingleton<StepInputsLoader>();
        services.AddSingleton<RunExecutor>();
        if (string.Equals(configuration[$"{Data.DatabaseOptions.SectionName}:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IStatusChangeNotifier, PostgresStatusNotifier>();
            services.AddSingleton<PostgresChangeListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());
        }
        else
        {
            services.AddSingleton<IStatusChangeNotifier, NoStatusChangeNotifier>();
        }
        if (configuration.GetValue($"{RolesOptions.SectionName}:Worker", true))
        {
            services.AddHostedService<GenerationWorker>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapGeneration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/generate").WithTags("Generation").RequireAuthorization();
        group.MapPost("/auto-generate-all", StartAsync).RequireRateLimiting(Operations.RateLimits.Generation)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/generation-status", StatusAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/generation-events", GenerationEvents.StreamAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/cancel", CancelAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/retry-step", RetryStepAsync).RequireRateLimiting(Operations.RateLimits.Generation)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        MapRegenerateStep(group);
        group.MapPost("/retry-failed", RetryFailedAsync).RequireRateLimiting(Operations.RateLimits.Generation)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> StartAsync(
        StartRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string[]? idempotencyKeys,
        HttpContext http,
        GenerationCommands commands,
        TimeProvider time,
        CancellationToken ct)
    {
        if (RequestValidation.Validate(request) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (IdempotencyKeyProblem(idempotencyKeys) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [IdempotencyKeyHeader] = [problem] });
        }

        var idempotencyKey = idempotencyKeys is [var key] ? key : null;

        var projectId = request.ProjectId!.Value;
        var scope = RunScope.AllSteps(request.Regenerate ?? false, request.OverwriteEdits ?? false);
        var result = await commands.StartAsync(projectId, http.User.UserId(), request.IntakeId, scope, idempotencyKey, ct);
        switch (result.Verdict)
        {
            case GenerationCommands.StartVerdict.Started or GenerationCommands.StartVerdict.Repeated:
                return Accepted(http, projectId, result.Status!, time);
            case GenerationCommands.StartVerdict.Conflict:
                return Conflict("A generation run is already in progress for this project.", result.Status);
            case GenerationCommands.StartVerdict.NoIntake:
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["projectId"] = ["The project has no intake yet. Add an intake, then generate."] },
                    title: "The project has no intake");
            case GenerationCommands.StartVerdict.IntakeNotFound:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["intakeId"] = ["This project has no intake with that id."] });
            default:
                return ProjectProblems.NotFound(projectId);
        }
    }

    private static async Task<Results<Ok<GenerationStatus>, StatusCodeHttpResult, ProblemHttpResult>> StatusAsync(
        [FromQuery] Guid projectId, HttpContext http, StatusReader reader, CancellationToken ct)
    {
        var status = await reader.GetAsync(projectId, http.User.UserId(), ct);
        if (status is null)
        {
            return ProjectProblems.NotFound(projectId);
        }

        var etag = $"\"{status.Version.ToString(CultureInfo.InvariantCulture)}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(status);
    }

    private static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        CancelRequest request, HttpContext http, AppDbContext db, GenerationCommands commands, CancellationToken ct)
    {
        if (RequestValidation.Validate(request) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var projectId = request.ProjectId!.Value;
        if (!await db.OwnsProjectAsync(projectId, http.User.UserId(), ct))
        {
            return ProjectProblems.NotFound(projectId);
        }

        var (found, cancelled, status) = await commands.CancelAsync(projectId, ct);
        return !found ? ProjectProblems.NotFound(projectId)
            : cancelled ? TypedResults.Accepted(StatusUrl(projectId), status!)
            : Conflict("No generation run is in progress for this project.", status);
    }

    private static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> RetryStepAsync(
        RetryStepRequest request, HttpContext http, AppDbContext db, GenerationCommands commands, TimeProvider time, CancellationToken ct)
    {
        if (RequestValidation.Validate(request) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!StepCatalog.TryGet(request.Step!.Value, out var step))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["step"] = [UnknownStep(request.Step.Value.ToString(CultureInfo.InvariantCulture))] });
        }

        var projectId = request.ProjectId!.Value;
        if (!await db.OwnsProjectAsync(projectId, http.User.UserId(), ct))
        {
            return ProjectProblems.NotFound(projectId);
        }

        var (verdict, status) = await commands.RetryStepAsync(projectId, step.Number, ct);
        return verdict switch
        {
            GenerationCommands.RetryVerdict.Queued => Accepted(http, projectId, status!, time),
            GenerationCommands.RetryVerdict.RunActive => Conflict("A generation run is in progress; retry the step when it ends.", status),
            GenerationCommands.RetryVerdict.NotRetryable => Conflict($"{step.Name} has not failed or been skipped, so there is nothing to retry.", status),
            _ => ProjectProblems.NotFound(projectId),
        };
    }

    private static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> RetryFailedAsync(
        RetryFailedRequest request, HttpContext http, AppDbContext db, GenerationCommands commands, TimeProvider time, CancellationToken ct)
    {
        if (RequestValidation.Validate(request) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var projectId = request.ProjectId!.Value;
        if (!await db.OwnsProjectAsync(projectId, http.User.UserId(), ct))
        {
            return ProjectProblems.NotFound(projectId);
        }

        var (verdict, status) = await commands.RetryFailedAsync(projectId, ct);
        return verdict switch
        {
            GenerationCommands.RetryVerdict.Queued => Accepted(http, projectId, status!, time),
            GenerationCommands.RetryVerdict.RunActive => Conflict("A generation run is in progress; retry the failed steps when it ends.", status),
            GenerationCommands.RetryVerdict.NotRetryable => Conflict("No step of the latest run failed or was skipped, so there is nothing to retry.", status),
            _ => ProjectProblems.NotFound(projectId),
        };
    }

    /// <summary>What is wrong with the request's Idempotency-Key headers, or null: at most one, of 1–200 plain characters.</summary>
    internal static string? IdempotencyKeyProblem(string[]? keys) => keys switch
    {
        null or [] => null,
        [_, _, ..] => $"Send one {IdempotencyKeyHeader} header, not {keys.Length}: a start is repeated only with the same key.",
        [{ Length: 0 or > InputLimits.IdempotencyKey }] => $"The {IdempotencyKeyHeader} header must be 1–{InputLimits.IdempotencyKey} characters.",
        [var key] when PlainTextAttribute.Problem(key, multiline: false) is { } text => $"The {IdempotencyKeyHeader} header {text}",
        _ => null,
    };

    public static string UnknownStep(string value) =>
        $"'{(value.Length > 40 ? value[..40] + "…" : value)}' is not a step. Steps are {string.Join(", ", StepCatalog.All.Select(s => $"{s.Number} ({s.Key})"))}.";

    public static string StatusUrl(Guid projectId) => $"/api/generate/generation-status?projectId={projectId}";

    internal static ProblemHttpResult Conflict(string detail, GenerationStatus? status) => TypedResults.Problem(
        title: "Conflict",
        detail: detail,
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["runId"] = status?.RunId, ["generationStatus"] = status });

    /// <summary>202 for a run that was queued: <c>Location</c> is the status URL, <c>Retry-After</c> the seconds until its estimated end.</summary>
    internal static Accepted<GenerationStatus> Accepted(HttpContext http, Guid projectId, GenerationStatus status, TimeProvider time)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds(status, time).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(StatusUrl(projectId), status);
    }

    private static int RetryAfterSeconds(GenerationStatus status, TimeProvider time) =>
        status.EstimatedCompletionAt is { } eta
            ? (int)Math.Clamp(Math.Ceiling((eta - time.GetUtcNow()).TotalSeconds), 1, 3600)
            : 1;
}
