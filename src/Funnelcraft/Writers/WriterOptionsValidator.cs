using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

/// <summary>What the attributes cannot say: the chosen provider has what it needs to make a call.</summary>
public sealed class WriterOptionsValidator : IValidateOptions<WriterOptions>
{
    public ValidateOptionsResult Validate(string? name, WriterOptions options)
    {
        var failures = new List<string>();
        switch (options.Provider)
        {
            case "OpenAI":
                CheckEndpoint(options.OpenAI.Endpoint, "Writer:OpenAI:Endpoint", failures);
                if (options.OpenAI.Endpoint is null && string.IsNullOrWhiteSpace(options.OpenAI.ApiKey))
                {
                    failures.Add("Writer:OpenAI:ApiKey is required for api.openai.com (set Writer__OpenAI__ApiKey in the environment or user secrets), or set Writer:OpenAI:Endpoint to a local server.");
                }

                break;
            case "Anthropic":
                CheckEndpoint(options.Anthropic.Endpoint, "Writer:Anthropic:Endpoint", failures);
                if (string.IsNullOrWhiteSpace(options.Anthropic.ApiKey))
                {
                    failures.Add("Writer:Anthropic:ApiKey is required for the Anthropic provider (set Writer__Anthropic__ApiKey in the environment or user secrets).");
                }

                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckEndpoint(Uri? endpoint, string key, List<string> failures)
    {
        if (endpoint is not null && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            failures.Add($"{key} must be an absolute http or https URL.");
        }
    }
}
