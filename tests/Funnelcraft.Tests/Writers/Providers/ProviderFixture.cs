using Funnelcraft.Tests.Infrastructure;
using Funnelcraft.Writers.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>
/// The fake provider server and one Funnelcraft app (SQLite) configured to write through it with a real provider
/// client. Tests share both and keep apart by tag: each test's intake has a unique business name, which the fake
/// server finds in the prompt to apply that test's script.
/// </summary>
public abstract class ProviderFixture : IAsyncLifetime
{
    public const string LeakyTag = "Leaky Ladders";

    public abstract Wire Wire { get; }

    public string Key => Wire == Wire.OpenAI ? "sk-test-OPENAI-5ecret-0123456789abcdef" : "sk-ant-test-5ecret-0123456789abcdef";

    public string Model => Wire == Wire.OpenAI ? "gpt-test-mini" : "claude-test-sonnet";

    public FakeProviderServer Server { get; private set; } = null!;

    public FunnelcraftApp App { get; private set; } = null!;

    public LogSink Logs { get; } = new();

    /// <summary>The app's settings to write through <see cref="Server"/>, with <paramref name="timeout"/> per call.</summary>
    public Dictionary<string, string?> Settings(string timeout = "00:00:03") => new()
    {
        ["Writer:Provider"] = Wire.ToString(),
        ["Writer:OpenAI:Endpoint"] = new Uri(Server.BaseAddress, "/v1").ToString(),
        ["Writer:OpenAI:Model"] = Model,
        ["Writer:OpenAI:ApiKey"] = Key,
        ["Writer:Anthropic:Endpoint"] = Server.BaseAddress.ToString(),
        ["Writer:Anthropic:Model"] = Model,
        ["Writer:Anthropic:ApiKey"] = Key,
        ["Writer:Anthropic:MaxOutputTokens"] = "4096",
        ["Writer:Timeout"] = timeout,
        ["Writer:StallTimeout"] = "00:00:01",
        ["Writer:Pricing:InputPerMillion"] = "2.5",
        ["Writer:Pricing:OutputPerMillion"] = "10",
        ["Logging:LogLevel:Default"] = "Information",
    };

    /// <summary>
    /// The log sink, and a "proxy" inside the provider's HttpClient that fails the deck part requests of
    /// <see cref="LeakyTag"/> with an exception whose message holds the key.
    /// </summary>
    public void Services(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(Logs);
        services.AddHttpClient(WriterHttp.ClientName).AddHttpMessageHandler(() => new LeakyProxy(Key));
    }

    public async ValueTask InitializeAsync()
    {
        Server = await FakeProviderServer.StartAsync();
        App = new FunnelcraftApp(await TestDatabase.CreateAsync(DatabaseKind.Sqlite, null!), Settings(), Services);
        _ = App.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }

    private sealed class LeakyProxy(string key) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            if (body.Contains(LeakyTag, StringComparison.Ordinal) && body.Contains("deck_part", StringComparison.Ordinal))
            {
                throw new HttpRequestException($"Proxy refused the request: credentials {key} are not allowed here.");
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}

public sealed class OpenAIProviderFixture : ProviderFixture
{
    public override Wire Wire => Wire.OpenAI;
}

public sealed class AnthropicProviderFixture : ProviderFixture
{
    public override Wire Wire => Wire.Anthropic;
}
