namespace Funnelcraft.Accounts;

/// <summary>
/// The data-protection key ring (it signs and encrypts cookies, bearer and refresh tokens, antiforgery tokens). The keys
/// live in the database, so every node reads the same ring and a restart signs nobody out.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Isolates this app's keys from other apps on the same ring; every node must use the same name.</summary>
    public string ApplicationName { get; set; } = "Funnelcraft";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the keys at rest; empty: keys are stored unencrypted.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Earlier certificates (.pfx files, same password) that may still be needed to read keys they encrypted.</summary>
    public string[] PreviousCertificatePaths { get; set; } = [];
}
