using Funnelcraft.Data;
using Funnelcraft.Steps;
using Funnelcraft.Writers;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// Makes an older version of a step's content current by adding a copy of it as the newest version, so history stays
/// linear and nothing is lost. Refused while a run writes that step.
/// </summary>
public sealed class RestoreVersion(string userId, int step, int version) : RunChange<RestoreVersion.Outcome>
{
    private ContentVersion? _source;

    public enum Verdict
    {
        Restored,
        StepBeingWritten,
        VersionNotFound,
        ProjectNotFound,
    }

    /// <summary>The verdict, and the version the restore added.</summary>
    public sealed record Outcome(Verdict Verdict, ContentVersion? Restored = null);

    public override async Task LoadAsync(AppDbContext db, ProjectGeneration state, CancellationToken cancellationToken) =>
        _source = state.IsOwnedBy(userId)
            ? await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(c => c.ProjectId == state.Project.Id && c.Step == step && c.Version == version, cancellationToken)
            : null;

    public override Decision<Outcome> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (!state.IsOwnedBy(userId))
        {
            return Decision.Abandon(new Outcome(Verdict.ProjectNotFound));
        }

        if (state.IsWriting(step))
        {
            return Decision.Abandon(new Outcome(Verdict.StepBeingWritten));
        }

        if (_source is null)
        {
            return Decision.Abandon(new Outcome(Verdict.VersionNotFound));
        }

        var restored = state.AddVersion(step, new WrittenContent(_source.Content, 0, 0), _source.RunId, VersionOrigin.RestoreOf(_source), now);
        return Decision.Save(new Outcome(Verdict.Restored, restored));
    }
}
