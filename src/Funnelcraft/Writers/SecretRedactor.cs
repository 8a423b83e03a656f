using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

/// <summary>
/// Removes the configured API keys from any text before it is logged or shown (a provider may echo the key in an
/// error body, a proxy in an exception message).
/// </summary>
public sealed class SecretRedactor(IOptions<WriterOptions> options)
{
    public const string Mask = "[redacted]";

    private readonly string[] _secrets = [.. new[] { options.Value.OpenAI.ApiKey, options.Value.Anthropic.ApiKey }
        .Where(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length >= 4)
        .Select(s => s!.Trim())
        .OrderByDescending(s => s.Length)];

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
