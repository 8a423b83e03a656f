using Funnelcraft.Writers;
using Funnelcraft.Writers.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>The app's step writer on a real provider client (either protocol) pointed at the fake server, with no app around it.</summary>
internal sealed class ProviderWriter : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public ProviderWriter(FakeProviderServer server, Wire wire, TimeSpan? stallTimeout = null)
    {
        var options = Options.Create(new WriterOptions
        {
            Provider = wire.ToString(),
            Timeout = TimeSpan.FromMinutes(1),
            StallTimeout = stallTimeout ?? TimeSpan.FromSeconds(30),
            OpenAI = { Endpoint = new Uri(server.BaseAddress, "/v1"), Model = "gpt-test-mini", ApiKey = "sk-test-stream-0123456789" },
            Anthropic = { Endpoint = server.BaseAddress, Model = "claude-test-sonnet", ApiKey = "sk-ant-test-stream-0123456789", MaxOutputTokens = 4096 },
        });
        var redactor = new SecretRedactor(options);
        var sdk = wire == Wire.OpenAI ? OpenAIProvider.Create(options.Value, _http) : AnthropicProvider.Create(options.Value, _http);
        Gate = new WriterGate(options);
        Writer = new ChatStepWriter(new ProviderChatClient(sdk, wire.ToString(), redactor, NullLogger.Instance), new PromptLibrary(), Gate, redactor, options, TimeProvider.System);
    }

    public ChatStepWriter Writer { get; }

    public WriterGate Gate { get; }

    /// <summary>Ends anything a failing test left running.</summary>
    public CancellationTokenSource Cancel { get; } = new(TimeSpan.FromMinutes(2));

    public void Dispose()
    {
        Cancel.Cancel();
        Cancel.Dispose();
        Gate.Dispose();
        _http.Dispose();
    }
}

/// <summary>One fake provider server for a test class.</summary>
public sealed class FakeProviderFixture : IAsyncLifetime
{
    public FakeProviderServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
