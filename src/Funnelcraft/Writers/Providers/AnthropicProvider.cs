using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;

namespace Funnelcraft.Writers.Providers;

/// <summary>
/// Anthropic's Messages API through the official SDK's own <see cref="IChatClient"/> adapter, which sends the JSON
/// schema as structured output (<c>output_config.format</c> of type <c>json_schema</c>) and <c>anthropic-version</c>;
/// no SDK retries (see <see cref="WriterHttp"/>).
/// <para>
/// The SDK (13.x) authenticates with <c>Authorization: Bearer</c>; the key also goes as <c>x-api-key</c>, the
/// Messages API's documented header, which Anthropic-compatible gateways and proxies check.
/// </para>
/// </summary>
public static class AnthropicProvider
{
    public static IChatClient Create(WriterOptions options, HttpClient http)
    {
        var anthropic = options.Anthropic;
        var key = anthropic.ApiKey?.Trim();
        var clientOptions = new ClientOptions
        {
            ApiKey = key,
            ExtraHeaders = string.IsNullOrEmpty(key) ? new Dictionary<string, string>() : new Dictionary<string, string> { ["x-api-key"] = key },
            HttpClient = http,
            MaxRetries = 0,
            // The SDK's own timeout must not cut a call that Writer:Timeout allows.
            Timeout = options.Timeout + TimeSpan.FromMinutes(1),
        };
        if (anthropic.Endpoint is not null)
        {
            clientOptions.BaseUrl = anthropic.Endpoint.ToString().TrimEnd('/');
        }

        return new AnthropicClient(clientOptions).AsIChatClient(anthropic.Model, anthropic.MaxOutputTokens);
    }
}
