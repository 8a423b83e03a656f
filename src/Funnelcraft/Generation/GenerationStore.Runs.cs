using System.Data.Common;
using Funnelcraft.Data;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Funnelcraft.Generation;

/// <summary>
/// The two changes every run goes through — its start and its executor's changes — as batches of statements
/// (<see cref="SqlBatch"/>) instead of EF Core's query pipeline: the same transaction, version bump, seed document and
/// announcement as <see cref="ChangeAsync{T}"/>, in two round trips on PostgreSQL.
/// </summary>
public sealed partial class GenerationStore
{
    /// <summary>What a start decides on, read under the project's lock.</summary>
    /// <param name="Current">Each step with content, and whether its current version is the user's edit (<see cref="VersionSource.IsUsersEdit"/>).</param>
    public sealed record StartFacts(bool ActiveRun, bool IntakeFound, bool KeyUsed, IReadOnlyDictionary<int, bool> Current, DateTimeOffset Now);

    /// <summary>
    /// A start's change, in two batches: the first bumps the version of <paramref name="ownerId"/>'s project (taking its
    /// lock) and reads what the start decides on — an active run, the intake, an earlier start with the same key, each
    /// step's current version (who made it); the second inserts the run
    /// <paramref name="decide"/> returns and its steps, with the new seed document, the regeneration count and the
    /// announcement. Then commit. Returns null facts when the project is not the owner's (nothing is written), a null
    /// run when <paramref name="decide"/> declined (rolled back), else the run as committed.
    /// </summary>
    public async Task<(StartFacts? Facts, RunState? Created)> StartRunAsync(
        Guid projectId, string ownerId, Guid? intakeId, string? idempotencyKey, Func<StartFacts, GenerationRun?> decide, CancellationToken cancellationToken)
    {
        return await InTransactionAsync(async (db, tx, ct) =>
        {
            using var read = new SqlBatch(db);
            var versionColumn = read.Column<FunnelProject>(nameof(FunnelProject.StatusVersion));
            read.Update<FunnelProject>([(nameof(FunnelProject.StatusVersion), new SqlBatch.Sql($"{versionColumn} + 1"))],
                [(nameof(FunnelProject.Id), projectId), (nameof(FunnelProject.OwnerId), ownerId)],
                returning: $"{versionColumn}, {read.Column<FunnelProject>(nameof(FunnelProject.RegenerationCount))}, {read.Column<FunnelProject>(nameof(FunnelProject.LastGeneratedAt))}");
            var runs = $"{read.Table<GenerationRun>()} WHERE {read.Column<GenerationRun>(nameof(GenerationRun.ProjectId))} = {read.Value<GenerationRun>(nameof(GenerationRun.ProjectId), projectId)}";
            read.Statement($"SELECT EXISTS (SELECT 1 FROM {runs} AND {RunStatus.ActiveFilterSql})");
            var intakes = $"{read.Table<Intakes.Intake>()} WHERE {read.Column<Intakes.Intake>(nameof(Intakes.Intake.ProjectId))} = {read.Value<Intakes.Intake>(nameof(Intakes.Intake.ProjectId), projectId)}";
            if (intakeId is { } id)
            {
                intakes += $" AND {read.Column<Intakes.Intake>(nameof(Intakes.Intake.Id))} = {read.Value<Intakes.Intake>(nameof(Intakes.Intake.Id), id)}";
            }

            read.Statement($"SELECT EXISTS (SELECT 1 FROM {intakes})");
            if (idempotencyKey is not null)
            {
                read.Statement($"SELECT EXISTS (SELECT 1 FROM {runs} AND {read.Column<GenerationRun>(nameof(GenerationRun.IdempotencyKey))} = {read.Value<GenerationRun>(nameof(GenerationRun.IdempotencyKey), idempotencyKey)})");
            }

            {
                // Each step's current (highest) version: which steps have content, and which of them are the user's edit.
                var (step, version, project) = (read.Column<ContentVersion>(nameof(ContentVersion.Step)), read.Column<ContentVersion>(nameof(ContentVersion.Version)),
                    read.Column<ContentVersion>(nameof(ContentVersion.ProjectId)));
                var table = read.Table<ContentVersion>();
                read.Statement($"SELECT c.{step}, c.{read.Column<ContentVersion>(nameof(ContentVersion.Source))}, c.{read.Column<ContentVersion>(nameof(ContentVersion.Writer))} FROM {table} c"
                    + $" WHERE c.{project} = {read.Value<ContentVersion>(nameof(ContentVersion.ProjectId), projectId)}"
                    + $" AND c.{version} = (SELECT MAX(m.{version}) FROM {table} m WHERE m.{project} = c.{project} AND m.{step} = c.{step})");
            }

            FunnelProject head;
            StartFacts facts;
            await using (var reader = await read.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct))
                {
                    await reader.DisposeAsync();
                    await tx.RollbackAsync(ct);
                    return (null, null);
                }

                head = new FunnelProject
                {
                    Id = projectId,
                    OwnerId = ownerId,
                    Name = string.Empty,
                    StatusVersion = reader.GetInt64(0),
                    RegenerationCount = reader.GetInt32(1),
                    LastGeneratedAt = reader.IsDBNull(2) ? null : Stored<FunnelProject, DateTimeOffset>(db, nameof(FunnelProject.LastGeneratedAt), reader, 2),
                };
                var active = await NextBooleanAsync(reader, ct);
                var intakeFound = await NextBooleanAsync(reader, ct);
                var keyUsed = idempotencyKey is not null && await NextBooleanAsync(reader, ct);
                var current = new Dictionary<int, bool>();
                if (await reader.NextResultAsync(ct))
                {
                    while (await reader.ReadAsync(ct))
                    {
                        current[reader.GetInt32(0)] = VersionSource.IsUsersEdit(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                    }
                }

                facts = new StartFacts(active, intakeFound, keyUsed, current, StoredTime.Now(time));
            }

            if (decide(facts) is not { } run)
            {
                await tx.RollbackAsync(ct);
                return (facts, null);
            }

            if (run.Regenerate)
            {
                head.RegenerationCount++;
            }

            var status = Describe(head, run, facts.Now, refreshEstimate: true);
            using var write = new SqlBatch(db);
            write.Insert<GenerationRun>(
            [
                (nameof(GenerationRun.Id), run.Id),
                (nameof(GenerationRun.ProjectId), run.ProjectId),
                (nameof(GenerationRun.Status), run.Status),
                (nameof(GenerationRun.IntakeId), run.IntakeId),
                (nameof(GenerationRun.Regenerate), run.Regenerate),
                (nameof(GenerationRun.IdempotencyKey), run.IdempotencyKey),
                (nameof(GenerationRun.WriterModel), run.WriterModel),
                (nameof(GenerationRun.CreatedAt), run.CreatedAt),
                (nameof(GenerationRun.StartedAt), run.StartedAt),
                (nameof(GenerationRun.CompletedAt), run.CompletedAt),
                (nameof(GenerationRun.LeaseOwner), run.LeaseOwner),
                (nameof(GenerationRun.LeaseExpiresAt), run.LeaseExpiresAt),
                (nameof(GenerationRun.EstimatedCompletionAt), run.EstimatedCompletionAt),
            ]);
            foreach (var step in run.Steps)
            {
                write.Insert<RunStep>([(nameof(RunStep.RunId), step.RunId), (nameof(RunStep.Step), step.Step), (nameof(RunStep.Instruction), step.Instruction),
                    .. StepState(step, step.ContentVersion)]);
            }

            write.Update<FunnelProject>(
            [
                (nameof(FunnelProject.AutoGenerationStatus), SeedStatusDocument.From(status).ToJson()),
                (nameof(FunnelProject.RegenerationCount), head.RegenerationCount),
            ], [(nameof(FunnelProject.Id), projectId)]);
            notifier.AddTo(write, projectId, head.StatusVersion);
            await using (var reader = await write.ExecuteReaderAsync(ct))
            {
                while (await reader.NextResultAsync(ct))
                {
                    // nothing to read; reading to the end runs every statement
                }
            }

            await hub.CommitAndPublishAsync(() => tx.CommitAsync(ct), ownerId, status);
            var created = new RunState(projectId, ownerId, head.RegenerationCount, head.LastGeneratedAt, head.StatusVersion, RunState.Copy(run)) { Status = status };
            return ((StartFacts?)facts, (RunState?)created);
        }, cancellationToken);
    }

    /// <summary>A step's state columns; <paramref name="contentVersion"/> may be SQL (the version the same batch adds).</summary>
    private static (string, object?)[] StepState(RunStep step, object? contentVersion) =>
    [
        (nameof(RunStep.Status), step.Status),
        (nameof(RunStep.Attempt), step.Attempt),
        (nameof(RunStep.StartedAt), step.StartedAt),
        (nameof(RunStep.CompletedAt), step.CompletedAt),
        (nameof(RunStep.Error), step.Error),
        (nameof(RunStep.Detail), step.Detail),
        (nameof(RunStep.Percent), step.Percent),
        (nameof(RunStep.InputTokens), step.InputTokens),
        (nameof(RunStep.OutputTokens), step.OutputTokens),
        (nameof(RunStep.ContentVersion), contentVersion),
    ];

    private static async Task<bool> NextBooleanAsync(DbDataReader reader, CancellationToken ct) =>
        await reader.NextResultAsync(ct) && await reader.ReadAsync(ct) && reader.GetBoolean(0);

    /// <summary>A value read from a column, converted back as the model stores it (SQLite keeps date-times as numbers).</summary>
    private static TValue Stored<TEntity, TValue>(AppDbContext db, string property, DbDataReader reader, int ordinal)
    {
        var converter = db.Model.FindEntityType(typeof(TEntity))!.FindProperty(property)!.GetTypeMapping().Converter;
        return converter is null ? reader.GetFieldValue<TValue>(ordinal) : (TValue)converter.ConvertFromProvider(reader.GetValue(ordinal))!;
    }

    /// <summary>
    /// The executor's change to the run it holds, without reading anything back: it keeps the run as last committed
    /// (<paramref name="state"/>), applies <paramref name="apply"/> to a copy and sends the whole change as one batch —
    /// the version bump with the new seed document, the run written only while <paramref name="leaseOwner"/> holds it
    /// and it is active, new content versions (numbered in the database, under the project lock the bump takes), the
    /// changed steps, the step durations and the announcement — then commits. Two round trips on PostgreSQL.
    /// Returns null when the run was cancelled, finished or taken over (nothing is written). If the bumped version is not
    /// the state's next one, someone else changed the project (or a database restart lost a commit): the change is
    /// rolled back and made again from the rows; a step the rows show in progress with no writer is started again by
    /// the caller.
    /// </summary>
    public async Task<RunState?> RecordAsync(RunState state, string leaseOwner, Action<RunEdit> apply, CancellationToken cancellationToken)
    {
        var basis = state;
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, next) = await InTransactionAsync((db, tx, ct) => TryRecordAsync(db, tx, basis, leaseOwner, apply, ct), cancellationToken);
            switch (outcome)
            {
                case Recorded.Done:
                    return next;
                case Recorded.Lost:
                    return null;
                case Recorded.Stale when attempt < 5:
                    basis = await ReadRunAsync(state.ProjectId, state.Run.Id, cancellationToken);
                    if (basis is null)
                    {
                        return null;
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Run {state.Run.Id}: the project kept changing under the run's writer ({attempt} tries).");
            }
        }
    }

    /// <summary>
    /// The project's status fields and a run as the rows have them (the version read first: a change landing between
    /// the two reads shows up as a version gap at the next <see cref="RecordAsync"/>). Null when either is gone.
    /// </summary>
    public async Task<RunState?> ReadRunAsync(Guid projectId, Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new { p.OwnerId, p.RegenerationCount, p.LastGeneratedAt, p.StatusVersion }).SingleOrDefaultAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().Include(r => r.Steps).SingleOrDefaultAsync(r => r.Id == runId && r.ProjectId == projectId, cancellationToken);
        return head is null || run is null ? null : new RunState(projectId, head.OwnerId, head.RegenerationCount, head.LastGeneratedAt, head.StatusVersion, run);
    }

    private enum Recorded
    {
        Done,
        Lost,
        Stale,
    }

    private async Task<(Recorded, RunState?)> TryRecordAsync(
        AppDbContext db, IDbContextTransaction tx, RunState basis, string leaseOwner, Action<RunEdit> apply, CancellationToken ct)
    {
        var projectId = basis.ProjectId;
        var edit = new RunEdit(RunState.Copy(basis.Run), StoredTime.Now(time));
        apply(edit);
        var run = edit.Run;
        var completing = edit.Completions.Count > 0;
        var next = basis with { Version = basis.Version + 1, LastGeneratedAt = completing ? edit.Now : basis.LastGeneratedAt, Run = run };
        var status = Describe(next.Head(), run, edit.Now, refreshEstimate: true);

        using var batch = new SqlBatch(db);
        var versionColumn = batch.Column<FunnelProject>(nameof(FunnelProject.StatusVersion));
        List<(string, object?)> project =
        [
            (nameof(FunnelProject.StatusVersion), new SqlBatch.Sql($"{versionColumn} + 1")),
            (nameof(FunnelProject.AutoGenerationStatus), SeedStatusDocument.From(status).ToJson()),
        ];
        if (completing)
        {
            project.Add((nameof(FunnelProject.LastGeneratedAt), edit.Now));
        }

        batch.Update<FunnelProject>(project, [(nameof(FunnelProject.Id), projectId)], returning: versionColumn);
        List<(string, object?)> runColumns =
        [
            (nameof(GenerationRun.Status), run.Status),
            (nameof(GenerationRun.StartedAt), run.StartedAt),
            (nameof(GenerationRun.CompletedAt), run.CompletedAt),
            (nameof(GenerationRun.EstimatedCompletionAt), run.EstimatedCompletionAt),
        ];
        if (run.LeaseOwner is null)
        {
            runColumns.Add((nameof(GenerationRun.LeaseOwner), null));
            runColumns.Add((nameof(GenerationRun.LeaseExpiresAt), null));
        }

        batch.Update<GenerationRun>(runColumns, [(nameof(GenerationRun.Id), run.Id), (nameof(GenerationRun.LeaseOwner), leaseOwner)],
            condition: RunStatus.ActiveFilterSql, returning: batch.Column<GenerationRun>(nameof(GenerationRun.Id)));
        foreach (var completion in edit.Completions)
        {
            ContentStore.AddNextVersion(batch, projectId, completion.Step, run.Id, completion.Written,
                VersionOrigin.Generated(run.WriterModel, edit.Step(completion.Step).Instruction), edit.Now);
        }

        foreach (var step in run.Steps)
        {
            if (RunState.Differs(step, basis.Run.Steps.Single(s => s.Step == step.Step)))
            {
                var written = edit.Completions.Any(c => c.Step == step.Step);
                batch.Update<RunStep>(StepState(step, written ? ContentStore.LatestVersion(batch, projectId, step.Step) : step.ContentVersion),
                    [(nameof(RunStep.RunId), run.Id), (nameof(RunStep.Step), step.Step)]);
            }
        }

        foreach (var completion in edit.Completions)
        {
            batch.Insert<StepDuration>(
            [
                (nameof(StepDuration.Step), completion.Step),
                (nameof(StepDuration.WriterModel), run.WriterModel),
                (nameof(StepDuration.DurationMs), (long)completion.Elapsed.TotalMilliseconds),
                (nameof(StepDuration.RecordedAt), edit.Now),
            ]);
        }

        notifier.AddTo(batch, projectId, next.Version);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                await reader.DisposeAsync();
                await tx.RollbackAsync(ct);
                return (Recorded.Lost, null); // the project is gone
            }

            if (reader.GetInt64(0) != next.Version)
            {
                await reader.DisposeAsync();
                await tx.RollbackAsync(ct);
                return (Recorded.Stale, null);
            }

            if (!await reader.NextResultAsync(ct) || !await reader.ReadAsync(ct))
            {
                await reader.DisposeAsync();
                await tx.RollbackAsync(ct);
                return (Recorded.Lost, null);
            }

            foreach (var completion in edit.Completions)
            {
                await reader.NextResultAsync(ct);
                await reader.ReadAsync(ct);
                run.Steps.Single(s => s.Step == completion.Step).ContentVersion = reader.GetInt32(0);
            }

            while (await reader.NextResultAsync(ct))
            {
                // the rest returns nothing to read; reading to the end runs every statement (SQLite runs them as it goes)
            }
        }

        await hub.CommitAndPublishAsync(() => tx.CommitAsync(ct), basis.OwnerId, status);
        return (Recorded.Done, next with { Status = status });
    }
}
