using System.Globalization;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Funnelcraft.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Funnelcraft.Generation.Api;

/// <summary>The handlers of <c>/api/generate</c>: each validates its input, calls one command or read, and answers.</summary>
public static class GenerationApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> StartAsync(
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
        var (verdict, status) = await commands.StartAsync(projectId, http.User.UserId(), request.IntakeId, scope, idempotencyKey, ct);
        switch (verdict)
        {
            case StartRun.Verdict.Started or StartRun.Verdict.Repeated:
                return Accepted(http, projectId, status!, time);
            case StartRun.Verdict.Conflict:
                return Conflict("A generation run is already in progress for this project.", status);
            case StartRun.Verdict.NoIntake:
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["projectId"] = ["The project has no intake yet. Add an intake, then generate."] },
                    title: "The project has no intake");
            case StartRun.Verdict.IntakeNotFound:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["intakeId"] = ["This project has no intake with that id."] });
            default:
                return ProjectProblems.NotFound(projectId);
        }
    }

    public static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> RegenerateStepAsync(
        RegenerateStepRequest request,
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

        if (!StepCatalog.TryGet(request.Step!.Value, out var step))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["step"] = [UnknownStep(request.Step.Value.ToString(CultureInfo.InvariantCulture))] });
        }

        if (IdempotencyKeyProblem(idempotencyKeys) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [IdempotencyKeyHeader] = [problem] });
        }

        var projectId = request.ProjectId!.Value;
        var scope = RunScope.OneStep(step.Number, request.Instruction, request.WithDependents ?? false, request.OverwriteEdits ?? false);
        var (verdict, status) = await commands.RegenerateStepAsync(projectId, http.User.UserId(), scope, idempotencyKeys is [var key] ? key : null, ct);
        return verdict switch
        {
            StartRun.Verdict.Started or StartRun.Verdict.Repeated => Accepted(http, projectId, status!, time),
            StartRun.Verdict.Conflict => Conflict($"A generation run is in progress; regenerate {step.Name} when it ends.", status),
            StartRun.Verdict.NoContent => TypedResults.Problem(
                title: "No content yet",
                detail: $"{step.Name} has no content yet, so there is nothing to regenerate: generate the funnel's content first.",
                statusCode: StatusCodes.Status404NotFound),
            StartRun.Verdict.NoIntake or StartRun.Verdict.IntakeNotFound => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["projectId"] = ["The project has no intake to write from. Add an intake, then regenerate."] },
                title: "The project has no intake"),
            _ => ProjectProblems.NotFound(projectId),
        };
    }

    public static async Task<Results<Ok<GenerationStatus>, StatusCodeHttpResult, ProblemHttpResult>> StatusAsync(
        [FromQuery] Guid projectId, HttpContext http, StatusLookup lookup, CancellationToken ct)
    {
        var status = await lookup.GetAsync(projectId, http.User.UserId(), ct);
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

    public static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        CancelRequest request, HttpContext http, GenerationCommands commands, CancellationToken ct)
    {
        if (RequestValidation.Validate(request) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var projectId = request.ProjectId!.Value;
        var (verdict, status) = await commands.CancelAsync(projectId, http.User.UserId(), ct);
        return verdict switch
        {
            CancelRun.Verdict.Cancelled => TypedResults.Accepted(StatusUrl(projectId), status!),
            CancelRun.Verdict.NothingRuns => Conflict("No generation run is in progress for this project.", status),
            _ => ProjectProblems.NotFound(projectId),
        };
    }

    public static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> RetryStepAsync(
        RetryStepRequest request, HttpContext http, GenerationCommands commands, TimeProvider time, CancellationToken ct)
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
        var (verdict, status) = await commands.RetryStepAsync(projectId, http.User.UserId(), step.Number, ct);
        return verdict switch
        {
            RetrySteps.Verdict.Queued => Accepted(http, projectId, status!, time),
            RetrySteps.Verdict.RunActive => Conflict("A generation run is in progress; retry the step when it ends.", status),
            RetrySteps.Verdict.NotRetryable => Conflict($"{step.Name} has not failed or been skipped, so there is nothing to retry.", status),
            _ => ProjectProblems.NotFound(projectId),
        };
    }

    public static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> RetryFailedAsync(
        RetryFailedRequest request, HttpContext http, GenerationCommands commands, TimeProvider time, CancellationToken ct)
    {
        if (RequestValidation.Validate(request) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var projectId = request.ProjectId!.Value;
        var (verdict, status) = await commands.RetryFailedAsync(projectId, http.User.UserId(), ct);
        return verdict switch
        {
            RetrySteps.Verdict.Queued => Accepted(http, projectId, status!, time),
            RetrySteps.Verdict.RunActive => Conflict("A generation run is in progress; retry the failed steps when it ends.", status),
            RetrySteps.Verdict.NotRetryable => Conflict("No step of the latest run failed or was skipped, so there is nothing to retry.", status),
            _ => ProjectProblems.NotFound(projectId),
        };
    }

    /// <summary>What is wrong with the request's Idempotency-Key headers, or null: at most one, of 1–200 plain characters.</summary>
    private static string? IdempotencyKeyProblem(string[]? keys) => keys switch
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

    private static ProblemHttpResult Conflict(string detail, GenerationStatus? status) => TypedResults.Problem(
        title: "Conflict",
        detail: detail,
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["runId"] = status?.RunId, ["generationStatus"] = status });

    /// <summary>202 for a run that was queued: <c>Location</c> is the status URL, <c>Retry-After</c> the seconds until its estimated end.</summary>
    private static Accepted<GenerationStatus> Accepted(HttpContext http, Guid projectId, GenerationStatus status, TimeProvider time)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds(status, time).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(StatusUrl(projectId), status);
    }

    private static int RetryAfterSeconds(GenerationStatus status, TimeProvider time) =>
        status.EstimatedCompletionAt is { } eta
            ? (int)Math.Clamp(Math.Ceiling((eta - time.GetUtcNow()).TotalSeconds), 1, 3600)
            : 1;
}
