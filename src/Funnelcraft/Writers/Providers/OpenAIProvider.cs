using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Funnelcraft.Writers.Providers;

/// <summary>
/// Any OpenAI-compatible chat completions server (OpenAI, Azure OpenAI's /openai/v1, Ollama, vLLM, LM Studio,
/// llama.cpp): structured output as <c>response_format: json_schema</c>, the key as <c>Authorization: Bearer</c>,
/// no SDK retries (see <see cref="WriterHttp"/>).
/// </summary>
public static class OpenAIProvider
{
    /// <summary>Sent when no key is configured: local servers ignore it, and the SDK needs one.</summary>
    private const string NoKey = "no-key";

    public static IChatClient Create(WriterOptions options, HttpClient http)
    {
        var openAI = options.OpenAI;
        var clientOptions = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The SDK's own network timeout (100 s by default) must not cut a call that Writer:Timeout allows.
            NetworkTimeout = options.Timeout + TimeSpan.FromMinutes(1),
        };
        if (openAI.Endpoint is not null)
        {
            clientOptions.Endpoint = openAI.Endpoint;
        }

        var key = string.IsNullOrWhiteSpace(openAI.ApiKey) ? NoKey : openAI.ApiKey.Trim();
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(openAI.Model).AsIChatClient();
    }
}
