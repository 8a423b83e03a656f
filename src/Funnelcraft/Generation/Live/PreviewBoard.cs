using Funnelcraft.Data;
using Npgsql;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// Where previews go and are read from. On every node they live in the <see cref="PreviewHub"/>; on PostgreSQL the writer
/// node also keeps each step's latest preview in the UNLOGGED table <c>step_previews</c> and announces it
/// (<see cref="PreviewAnnouncement"/>), so a node whose client watches the project reads it back — including the whole
/// preview so far when a client arrives mid-step. A preview that cannot be shared is logged and skipped: the next one
/// carries everything, and the step's writing never fails for it.
/// </summary>
public sealed partial class PreviewBoard : IAsyncDisposable
{
    private const string Columns = "project_id, step, run_id, attempt, seq, content";

    private readonly PreviewHub _hub;
    private readonly NpgsqlDataSource? _postgres;
    private readonly ILogger<PreviewBoard> _logger;

    public PreviewBoard(PreviewHub hub, DatabaseInfo database, ILogger<PreviewBoard> logger)
    {
        _hub = hub;
        _logger = logger;
        _postgres = database.Kind == DatabaseKind.Postgres ? NpgsqlDataSource.Create(database.ConnectionString) : null;
    }

    /// <summary>A new preview of a step being written on this node.</summary>
    public async Task PublishAsync(Guid projectId, LivePreview preview, CancellationToken cancellationToken)
    {
        if (!_hub.Publish(projectId, preview) || _postgres is null)
        {
            return;
        }

        try
        {
            await using var command = _postgres.CreateCommand($"""
                WITH stored AS (
                    INSERT INTO step_previews ({Columns}, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())
                    ON CONFLICT (project_id, step) DO UPDATE SET run_id = excluded.run_id, attempt = excluded.attempt,
                        seq = excluded.seq, content = excluded.content, updated_at = excluded.updated_at
                    WHERE step_previews.run_id <> excluded.run_id OR step_previews.attempt < excluded.attempt
                        OR (step_previews.attempt = excluded.attempt AND step_previews.seq < excluded.seq)
                    RETURNING 1)
                SELECT pg_notify('{PreviewAnnouncement.Channel}', $7) FROM stored
                """);
            command.Parameters.AddWithValue(projectId);
            command.Parameters.AddWithValue(preview.Step);
            command.Parameters.AddWithValue(preview.RunId);
            command.Parameters.AddWithValue(preview.Attempt);
            command.Parameters.AddWithValue(preview.Seq);
            command.Parameters.AddWithValue(preview.Content);
            command.Parameters.AddWithValue(PreviewAnnouncement.Payload(projectId, preview.Step, preview.RunId, preview.Attempt, preview.Seq));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            Log.ShareFailed(_logger, e, projectId, preview.Step);
        }
    }

    /// <summary>Attempt <paramref name="attempt"/> of the step ended (written, failed or cancelled): its preview is gone, here and on every node.</summary>
    public async Task EndAsync(Guid projectId, int step, Guid runId, int attempt)
    {
        _hub.End(projectId, step, runId, attempt);
        if (_postgres is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)); // even when the run is being cancelled or the node stops
        try
        {
            await using var command = _postgres.CreateCommand($"""
                WITH gone AS (DELETE FROM step_previews WHERE project_id = $1 AND step = $2 AND run_id = $3 AND attempt <= $4 RETURNING 1)
                SELECT pg_notify('{PreviewAnnouncement.Channel}', $5) FROM gone
                """);
            command.Parameters.AddWithValue(projectId);
            command.Parameters.AddWithValue(step);
            command.Parameters.AddWithValue(runId);
            command.Parameters.AddWithValue(attempt);
            command.Parameters.AddWithValue(PreviewAnnouncement.Payload(projectId, step, runId, attempt, 0));
            await command.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            // The row stays behind; it is another attempt's or run's to replace, and no status shows it (LivePreview.ShowsIn).
            Log.ShareFailed(_logger, e, projectId, step);
        }
    }

    /// <summary>
    /// The step's current preview: this node's hub's, or on PostgreSQL the table's when it is newer or of another run.
    /// The hub comes first because this node's own previews reach it before their row is written: a client that saw
    /// one on its stream and asks at once must not be told there is none.
    /// </summary>
    public async Task<LivePreview?> GetAsync(Guid projectId, int step, CancellationToken cancellationToken)
    {
        var local = _hub.Get(projectId, step);
        if (_postgres is null)
        {
            return local;
        }

        await using var command = _postgres.CreateCommand($"SELECT {Columns} FROM step_previews WHERE project_id = $1 AND step = $2");
        command.Parameters.AddWithValue(projectId);
        command.Parameters.AddWithValue(step);
        var shared = (await ReadAsync(command, cancellationToken)).SingleOrDefault().Preview;
        return shared is null || (local is not null && local.RunId == shared.RunId && local.Replaces(shared)) ? local : shared;
    }

    /// <summary>On PostgreSQL, brings the hub up to date with the project's previews written on any node (a client starts watching it here).</summary>
    public async Task LoadAsync(Guid projectId, CancellationToken cancellationToken)
    {
        if (_postgres is null)
        {
            return;
        }

        await using var command = _postgres.CreateCommand($"SELECT {Columns} FROM step_previews WHERE project_id = $1");
        command.Parameters.AddWithValue(projectId);
        foreach (var (id, preview) in await ReadAsync(command, cancellationToken))
        {
            _hub.Publish(id, preview);
        }
    }

    /// <summary>
    /// Applies announcements from the change listener: an ended attempt drops its preview at once; new previews of projects
    /// watched here are read back, the steps of a batch in one query; the hub skips what it already has (this node's own).
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<string> payloads, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<(Guid ProjectId, int Step)>();
        foreach (var payload in payloads)
        {
            if (!PreviewAnnouncement.TryParse(payload, out var projectId, out var step, out var runId, out var attempt, out var seq))
            {
                continue;
            }

            if (seq == 0)
            {
                _hub.End(projectId, step, runId, attempt);
                wanted.Remove((projectId, step));
            }
            else if (_hub.IsWatched(projectId) && new LivePreview(runId, step, attempt, seq, "").Replaces(_hub.Get(projectId, step)))
            {
                wanted.Add((projectId, step));
            }
        }

        if (wanted.Count == 0 || _postgres is null)
        {
            return;
        }

        await using var command = _postgres.CreateCommand(
            $"SELECT {Columns} FROM step_previews WHERE (project_id, step) IN (SELECT * FROM unnest($1::uuid[], $2::int[]))");
        command.Parameters.AddWithValue(wanted.Select(w => w.ProjectId).ToArray());
        command.Parameters.AddWithValue(wanted.Select(w => w.Step).ToArray());
        foreach (var (id, preview) in await ReadAsync(command, cancellationToken))
        {
            _hub.Publish(id, preview);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private static async Task<List<(Guid ProjectId, LivePreview Preview)>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(Guid, LivePreview)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetGuid(0), new LivePreview(reader.GetGuid(2), reader.GetInt32(1), reader.GetInt32(3), reader.GetInt64(4), reader.GetString(5))));
        }

        return rows;
    }

    private static partial class Log
    {
        [LoggerMessage(310, LogLevel.Warning, "Sharing the preview of step {Step} of project {ProjectId} with other nodes failed")]
        public static partial void ShareFailed(ILogger logger, Exception exception, Guid projectId, int step);
    }
}
