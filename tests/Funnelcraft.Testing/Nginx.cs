using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Funnelcraft.Testing;

/// <summary>
/// nginx in front of app nodes, as docs/deployment.md deploys it: a wrapper configuration (temporary folders, logs, a
/// free loopback port) that includes the documented site file <c>deploy/nginx/funnelcraft.conf</c> itself, with the
/// two files that file includes — the node list and the listen address — written for the test. The wrapper adds one
/// header, <c>X-Funnelcraft-Node</c> (the node that answered), so a test can tell which node served a stream.
/// Tests need Debian's <c>nginx</c> (NGINX_BIN, else /usr/sbin/nginx); without it they skip, unless
/// FUNNELCRAFT_REQUIRE_NGINX=1 (as in CI), when they fail.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    public const string NodeHeader = "X-Funnelcraft-Node";

    private readonly Process _process;
    private readonly string _folder;

    private Nginx(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static string Binary { get; } = Environment.GetEnvironmentVariable("NGINX_BIN") is { Length: > 0 } path ? path : "/usr/sbin/nginx";

    public static bool Required => Environment.GetEnvironmentVariable("FUNNELCRAFT_REQUIRE_NGINX") == "1";

    /// <summary>The documented site file.</summary>
    public static string SiteFile => Repository.File("deploy/nginx/funnelcraft.conf");

    /// <summary>Skips the calling test when nginx is not installed (fails instead when it is required).</summary>
    public static void EnsureAvailable()
    {
        if (File.Exists(Binary))
        {
            return;
        }

        var reason = $"nginx was not found at {Binary}: install it (apt-get install -y nginx) or set NGINX_BIN. Deployment tests are skipped.";
        if (Required)
        {
            Assert.Fail(reason + " (FUNNELCRAFT_REQUIRE_NGINX=1)");
        }

        Assert.Skip(reason);
    }

    /// <summary>Starts nginx on a free loopback port in front of <paramref name="nodes"/> and waits until it answers.</summary>
    public static async Task<Nginx> StartAsync(IEnumerable<Uri> nodes)
    {
        EnsureAvailable();
        var folder = Path.Combine(Path.GetTempPath(), $"funnelcraft-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "funnelcraft"));
        var port = Ports.Free();
        await File.WriteAllTextAsync(Path.Combine(folder, "funnelcraft", "listen.conf"), $"listen 127.0.0.1:{port};\n");
        await WriteNodesAsync(folder, nodes);
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Wrapper(folder));
        var start = new ProcessStartInfo(Binary, ["-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var nginx = new Nginx(process, folder, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await nginx.WaitUntilServingAsync();
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }

        return nginx;
    }

    /// <summary>nginx's error log so far (for a failing test's message).</summary>
    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean up
        }
    }

    private static Task WriteNodesAsync(string folder, IEnumerable<Uri> nodes)
    {
        var lines = new StringBuilder();
        foreach (var node in nodes)
        {
            lines.Append(CultureInfo.InvariantCulture, $"server {node.Host}:{node.Port} max_fails=1 fail_timeout=10s;\n");
        }

        return File.WriteAllTextAsync(Path.Combine(folder, "funnelcraft", "nodes.conf"), lines.ToString());
    }

    /// <summary>The main configuration around the site file: everything in the temporary folder, in the foreground.</summary>
    private static string Wrapper(string folder) => $$"""
        daemon off;
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        {{(Environment.UserName == "root" ? "user root;" : "")}}
        events { worker_connections 1024; }
        http {
            access_log {{folder}}/access.log;
            client_body_temp_path {{folder}}/client_body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            add_header {{NodeHeader}} $upstream_addr always;
            include {{SiteFile}};
        }
        """;

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}: {ErrorLog}");
            }

            try
            {
                using var response = await client.GetAsync("/health/live", timeout.Token);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50, timeout.Token); // not listening yet: nothing else to wait on
            }
        }
    }
}
