using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Accounts;

/// <summary>
/// The data-protection key ring lives in the database: a bearer token and a cookie issued by one node are accepted by
/// another, and after a restart. Each process gets a home folder of its own, as separate machines or containers have,
/// so a key ring kept on the file system could not be shared by accident.
/// </summary>
public sealed class KeyRingTests(PostgresCluster cluster)
{
    private const string Password = "Passw0rd!x";

    [Fact]
    public async Task A_token_and_a_cookie_from_one_node_work_on_another_and_after_a_restart()
    {
        cluster.EnsureAvailable();
        using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres, cluster);
        var homes = new List<string>();
        try
        {
            var a = await StartNodeAsync(database, homes);
            var b = await StartNodeAsync(database, homes);
            (string Token, string Cookie) credentials;
            await using (a)
            await using (b)
            {
                using var onA = a.Client();
                credentials = await SignInAsync(onA);
                await AssertSignedInAsync(onA, credentials);

                using var onB = b.Client();
                await AssertSignedInAsync(onB, credentials);
                await a.KillAsync();
                await b.KillAsync();
            }

            // Both nodes gone; a new one, with a fresh home folder, still accepts what the old ones issued.
            await using var restarted = await StartNodeAsync(database, homes);
            using var client = restarted.Client();
            await AssertSignedInAsync(client, credentials);

            var keys = await database.QueryAsync("SELECT xml FROM data_protection_keys");
            Assert.Single(keys);
        }
        finally
        {
            foreach (var home in homes)
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_stored_encrypted_and_read_back_after_a_restart()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"funnelcraft-keyring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(pfx, SelfSignedPfx("keyring-password"));
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = "keyring-password",
        };
        try
        {
            await using var first = await FunnelcraftApp.StartAsync(DatabaseKind.Sqlite, cluster, settings);
            using var client = first.CreateClient();
            var credentials = await SignInAsync(client);

            await using var second = first.Successor(settings);
            using var next = second.CreateClient();
            await AssertSignedInAsync(next, credentials);

            var xml = (string)Assert.Single(await first.Database.QueryAsync("SELECT xml FROM data_protection_keys"))[0];
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("X509Data", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal); // no key material in the clear
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private static async Task<AppProcess> StartNodeAsync(TestDatabase database, List<string> homes)
    {
        var home = Directory.CreateTempSubdirectory("funnelcraft-home-").FullName;
        homes.Add(home);
        return await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__Funnelcraft"] = database.ConnectionString,
            ["Roles__Worker"] = "false",
        });
    }

    /// <summary>Registers, then signs in twice: once for a bearer token, once for the pages' cookie.</summary>
    private static async Task<(string Token, string Cookie)> SignInAsync(HttpClient client)
    {
        var email = $"keyring-{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var cookieLogin = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = Password });
        cookieLogin.EnsureSuccessStatusCode();
        var cookie = cookieLogin.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("funnelcraft.auth=", StringComparison.Ordinal));
        return (token, cookie.Split(';')[0]);
    }

    private static async Task AssertSignedInAsync(HttpClient client, (string Token, string Cookie) credentials)
    {
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.Token);
        using var tokenAnswer = await client.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.OK, tokenAnswer.StatusCode);

        // Sent by hand: the cookie is Secure outside Development, and the test talks plain HTTP on loopback.
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        withCookie.Headers.Add("Cookie", credentials.Cookie);
        using var cookieAnswer = await client.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, cookieAnswer.StatusCode);
    }

    private static byte[] SelfSignedPfx(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Funnelcraft key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}
