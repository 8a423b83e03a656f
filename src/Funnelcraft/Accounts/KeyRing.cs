using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Funnelcraft.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Funnelcraft.Accounts;

/// <summary>
/// Keeps the data-protection key ring in the database (table <c>data_protection_keys</c>) under one application name,
/// optionally encrypted with a certificate from configuration. Without it each node would keep its own keys in its home
/// folder: a token or cookie issued by one node would be refused by another, and a container's restart would sign
/// everyone out.
/// </summary>
public static class KeyRing
{
    public static IHostApplicationBuilder AddKeyRing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.SectionName).ValidateOnStart();
        var options = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(options.ApplicationName)
            .PersistKeysToDbContext<AppDbContext>();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var current = Load(options.CertificatePath, options.CertificatePassword);
            dataProtection.ProtectKeysWithCertificate(current)
                .UnprotectKeysWithAnyCertificate([current, .. options.PreviousCertificatePaths.Select(p => Load(p, options.CertificatePassword))]);
        }

        return builder;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{KeyRingOptions.SectionName}: the certificate '{path}' could not be loaded ({e.Message}).", e);
        }
    }
}
