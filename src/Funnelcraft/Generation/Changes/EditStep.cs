using Funnelcraft.Data;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Editing;
using Funnelcraft.Writers;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// The user's edit of a step becomes its newest version (<c>source: "edited"</c>). Refused while a run writes that step,
/// or when the step's current version is not the one the edit was based on (<paramref name="basedOn"/>: <c>If-Match</c>);
/// content equal to the current version's stores nothing. Saved against the status version like every change, so the
/// version it checked is still the current one when the new one is numbered.
/// </summary>
/// <param name="json">The edited content, validated, as camelCase JSON.</param>
/// <param name="basedOn">Whether the edit may replace the current version (its number; null when the step has none).</param>
public sealed class EditStep(string userId, StepDefinition step, string json, Func<int?, bool> basedOn) : RunChange<StepEdits.Result>
{
    private ContentVersion? _current;
    private int _count;

    public override async Task LoadAsync(AppDbContext db, ProjectGeneration state, CancellationToken cancellationToken)
    {
        _current = null;
        _count = 0;
        if (state.IsOwnedBy(userId))
        {
            var versions = db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == state.Project.Id && c.Step == step.Number);
            _current = await versions.OrderByDescending(c => c.Version).FirstOrDefaultAsync(cancellationToken);
            _count = _current is null ? 0 : await versions.CountAsync(cancellationToken);
        }
    }

    public override Decision<StepEdits.Result> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (!state.IsOwnedBy(userId))
        {
            return Decision.Abandon(new StepEdits.Result(StepEdits.Verdict.ProjectNotFound, null, 0));
        }

        if (state.IsWriting(step.Number))
        {
            return Decision.Abandon(new StepEdits.Result(StepEdits.Verdict.BeingWritten, _current, 0));
        }

        if (!basedOn(_current?.Version))
        {
            return Decision.Abandon(new StepEdits.Result(StepEdits.Verdict.Stale, _current, 0));
        }

        if (_current is not null && StepEdits.Same(_current.Content, json, step.ContentType))
        {
            return Decision.Abandon(new StepEdits.Result(StepEdits.Verdict.Unchanged, _current, _count));
        }

        var edited = state.AddVersion(step.Number, new WrittenContent(json, 0, 0), null, VersionOrigin.Edited, now);
        return Decision.Save(new StepEdits.Result(StepEdits.Verdict.Saved, edited, _count + 1));
    }
}
