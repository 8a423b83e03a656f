using Funnelcraft.Data;
using Funnelcraft.Projects;
using Funnelcraft.Web;

namespace Funnelcraft.Intakes;

/// <summary>The one way to add an intake, for <c>POST /api/projects/{id}/intakes</c> and step 1's form alike.</summary>
public sealed class IntakeCommands(AppDbContext db, TimeProvider time)
{
    /// <summary>
    /// Adds the intake to the caller's project: none when the project is not theirs; nothing stored when the input is
    /// refused. Every value is kept as sent, trimmed (a blank one as none), whatever the method.
    /// </summary>
    public async Task<CommandResult<Intake>> AddAsync(Guid projectId, string userId, NewIntake input, CancellationToken cancellationToken)
    {
        if (!await db.OwnsProjectAsync(projectId, userId, cancellationToken))
        {
            return CommandResult.NoProject<Intake>();
        }

        if (RequestValidation.Validate(input) is { } errors)
        {
            return CommandResult.Invalid<Intake>(errors);
        }

        var now = StoredTime.Now(time);
        var intake = new Intake
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = projectId,
            Method = input.Method!,
            SessionName = Text.Clean(input.SessionName),
            BusinessName = Text.Clean(input.BusinessName),
            Industry = Text.Clean(input.Industry),
            TargetAudience = Text.Clean(input.TargetAudience),
            MainProblem = Text.Clean(input.MainProblem),
            CurrentSolution = Text.Clean(input.CurrentSolution),
            DesiredOutcome = Text.Clean(input.DesiredOutcome),
            PricePoint = Text.Clean(input.PricePoint),
            Timeline = Text.Clean(input.Timeline),
            TranscriptText = Text.Clean(input.TranscriptText),
            CreatedAt = now,
        };
        db.Intakes.Add(intake);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(intake);
    }
}
