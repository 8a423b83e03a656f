using System.Globalization;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// How a change is announced to the other nodes, on PostgreSQL: every change moves the project's status version, and a
/// trigger on that column (migration <c>AnnounceStatusChanges</c>) sends <c>NOTIFY funnelcraft_status, 'projectId:version'</c>,
/// delivered when the change commits. No code announces a change itself.
/// </summary>
public static class StatusAnnouncement
{
    /// <summary>The channel the trigger notifies (named in the migration's SQL as well).</summary>
    public const string Channel = "funnelcraft_status";

    public static bool TryParse(string payload, out Guid projectId, out long version)
    {
        projectId = Guid.Empty;
        version = 0;
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && Guid.TryParse(payload.AsSpan(0, colon), out projectId)
            && long.TryParse(payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
