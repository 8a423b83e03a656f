using System.Globalization;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// How a preview is announced to the other nodes on PostgreSQL: the writer node stores the step's latest preview in the
/// <c>step_previews</c> table and, in the same statement, sends <c>NOTIFY funnelcraft_preview, 'projectId:step:runId:attempt:seq'</c>
/// (seq 0: the attempt ended and its preview is gone). The content stays in the row — a NOTIFY payload is limited to
/// 8,000 bytes — and a node that watches the project reads it back.
/// </summary>
public static class PreviewAnnouncement
{
    public const string Channel = "funnelcraft_preview";

    public static string Payload(Guid projectId, int step, Guid runId, int attempt, long seq) =>
        string.Create(CultureInfo.InvariantCulture, $"{projectId}:{step}:{runId}:{attempt}:{seq}");

    public static bool TryParse(string payload, out Guid projectId, out int step, out Guid runId, out int attempt, out long seq)
    {
        (projectId, step, runId, attempt, seq) = (Guid.Empty, 0, Guid.Empty, 0, 0);
        var parts = payload.Split(':');
        return parts.Length == 5
            && Guid.TryParse(parts[0], out projectId)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out step)
            && Guid.TryParse(parts[2], out runId)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out attempt)
            && long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }
}
