using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Accounts;

public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>Validated bearer tokens this node remembers, so a repeated token is not decrypted again; 0 turns the cache off.</summary>
    [Range(0, 1_000_000)]
    public int BearerCacheSize { get; set; } = 10_000;

    /// <summary>Longest a remembered token is used without being decrypted again (never past the token's own expiry).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BearerCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
