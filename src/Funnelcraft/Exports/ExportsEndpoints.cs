using System.Globalization;
using System.Security.Claims;
using Funnelcraft.Accounts;
using Funnelcraft.Exports.Followup;
using Funnelcraft.Generation;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Followup;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Funnelcraft.Exports;

/// <summary>
/// Downloads: one step in one of its formats (<c>GET …/steps/{step}/export?format=</c>), or the whole funnel as a ZIP
/// (<c>GET …/export</c>). Built from the stored content on each request and streamed to the response; nothing is stored.
/// </summary>
public static class ExportsEndpoints
{
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddScoped<ExportStore>();
        services.AddSingleton<RazorPartialRenderer>();
        services.AddSingleton<PageHtml>();
        services.AddSingleton<StepJson>();
        services.AddSingleton<ExportFiles>();
        return services;
    }

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}").WithTags("Exports").RequireAuthorization();
        group.MapGet("/export", FunnelAsync)
            .Produces(StatusCodes.Status200OK, contentType: ExportFormat.ZipContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/steps/{step}/export", StepAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> StepAsync(
        Guid projectId, string step, string? format, int? version, int? message, HttpContext http, ExportStore store, ExportFiles files, CancellationToken ct)
    {
        if (!StepCatalog.TryParse(step, out var definition))
        {
            return Invalid("step", GenerationEndpoints.UnknownStep(step), "Unknown step");
        }

        var chosen = ExportFormats.Primary(definition.Number);
        if (format is not null && !ExportFormats.TryGet(definition.Number, format, out chosen))
        {
            return Invalid("format", UnknownFormat(definition, format), "Unknown format");
        }

        if (message is not null && chosen != ExportFormat.Email)
        {
            return Invalid("message", "'message' picks one e-mail of an eml export: use it with format=eml.", "Bad request");
        }

        if (await store.ProjectAsync(projectId, http.User.UserId(), ct) is not { } project)
        {
            return ProjectProblems.NotFound(projectId);
        }

        if (await store.VersionAsync(projectId, definition.Number, version, ct) is not { } stored)
        {
            return version is null
                ? TypedResults.Problem(title: "No content yet", detail: $"{definition.Name} has not been generated for this project yet.", statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Problem(title: "Version not found", detail: $"{definition.Name} has no version {version}.", statusCode: StatusCodes.Status404NotFound);
        }

        var content = StepExport.Read(definition, stored);
        if (content is null && chosen != ExportFormat.Json)
        {
            return TypedResults.Problem(
                title: "This version cannot be exported",
                detail: $"Version {stored.Version} of {definition.Name} does not have the fields a {chosen.Key} file is made from; export it as json, or restore another version.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var export = new StepExport(
            project, definition, stored, await store.VersionCountAsync(projectId, definition.Number, ct), content,
            definition.Number == StepCatalog.Enrollment ? await store.CurrentOfferAsync(projectId, ct) : null,
            Sender(http.User));
        var name = version is null ? [project.Name, ExportFormats.BaseName(definition)] : new[] { project.Name, ExportFormats.BaseName(definition), $"v{stored.Version.ToString(CultureInfo.InvariantCulture)}" };
        ExportFile file;
        if (message is { } order)
        {
            if (((FollowupContent)content!).Messages.FirstOrDefault(m => m.MessageOrder == order) is not { } picked)
            {
                return TypedResults.Problem(title: "Message not found", detail: $"{definition.Name} version {stored.Version} has no message {order}.", statusCode: StatusCodes.Status404NotFound);
            }

            file = ExportFiles.Email(export, picked);
            name = [.. name, .. FollowupEmails.FileNameParts(picked)];
        }
        else
        {
            file = files.For(export, chosen);
            name = file.ContentType == ExportFormat.ZipContentType ? [.. name, "emails"] : name;
        }

        return Download(http, file, name);
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> FunnelAsync(
        Guid projectId, HttpContext http, ExportStore store, ExportFiles files, TimeProvider time, CancellationToken ct)
    {
        if (await store.ProjectAsync(projectId, http.User.UserId(), ct) is not { } project)
        {
            return ProjectProblems.NotFound(projectId);
        }

        var versions = await store.CurrentVersionsAsync(projectId, ct);
        if (versions.Count == 0)
        {
            return TypedResults.Problem(title: "No content yet", detail: "This project has no content to export yet: generate it on step 1 first.", statusCode: StatusCodes.Status404NotFound);
        }

        var sender = Sender(http.User);
        var offer = versions.FirstOrDefault(v => v.Version.Step == StepCatalog.Offer).Version is { } current
            ? StepExport.Read(StepCatalog.Get(StepCatalog.Offer), current) as Steps.Offer.OfferContent
            : null;
        var steps = StepCatalog.All
            .Select(s => (Step: s, Stored: versions.FirstOrDefault(v => v.Version.Step == s.Number)))
            .Where(s => s.Stored.Version is not null)
            .Select(s => new StepExport(project, s.Step, s.Stored.Version, s.Stored.Count, StepExport.Read(s.Step, s.Stored.Version), offer, sender))
            .ToList();
        var funnel = new FunnelExport(project, steps, Data.StoredTime.Now(time));
        var file = new ExportFile("funnel.zip", ExportFormat.ZipContentType, (output, token) => ExportFiles.ZipAsync(output, files.Funnel(funnel), funnel.ExportedAt, token));
        return Download(http, file, [project.Name, "funnel"]);
    }

    private static PushStreamHttpResult Download(HttpContext http, ExportFile file, IEnumerable<string> name)
    {
        ExportFileNames.SetAttachment(http.Response, Path.GetExtension(file.Name).TrimStart('.'), name);
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(output => file.WriteAsync(output, http.RequestAborted), file.ContentType);
    }

    private static string? Sender(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name;

    /// <summary>"Offer exports as md or json; 'pdf' is not one of them."</summary>
    public static string UnknownFormat(StepDefinition step, string format)
    {
        var formats = ExportFormats.For(step.Number).Select(f => f.Key).ToList();
        var printable = new string([.. format.Select(c => char.IsControl(c) ? '?' : c)]);
        var shown = printable.Length > 20 ? printable[..20] + "…" : printable;
        return $"{step.Name} exports as {string.Join(", ", formats.SkipLast(1))} or {formats[^1]}; '{shown}' is not one of them.";
    }

    private static ValidationProblem Invalid(string field, string message, string title) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title);
}
