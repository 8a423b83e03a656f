using Funnelcraft.Data;
using Funnelcraft.Web;

namespace Funnelcraft.Projects;

/// <summary>The one way to create a project, for <c>POST /api/projects</c> and the projects page alike.</summary>
public sealed class ProjectCommands(AppDbContext db, TimeProvider time)
{
    /// <summary>Validates <paramref name="input"/> (nothing is stored when it is refused), then creates the project.</summary>
    public async Task<CommandResult<FunnelProject>> CreateAsync(string ownerId, NewProject input, CancellationToken cancellationToken)
    {
        if (RequestValidation.Validate(input) is { } errors)
        {
            return CommandResult.Invalid<FunnelProject>(errors);
        }

        var now = StoredTime.Now(time);
        var project = new FunnelProject
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            Name = input.Name!.Trim(),
            Description = Text.Clean(input.Description),
            CreatedAt = now,
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(project);
    }
}
