using System.ComponentModel.DataAnnotations;
using Funnelcraft.Writers.Offline;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

public sealed class WriterOptions
{
    public const string SectionName = "Writer";

    /// <summary><c>Offline</c> (default, no network), <c>OpenAI</c> (any OpenAI-compatible server) or <c>Anthropic</c>.</summary>
    [Required, RegularExpression("^(Offline|OpenAI|Anthropic)$", ErrorMessage = "Writer:Provider must be Offline, OpenAI or Anthropic.")]
    public string Provider { get; set; } = "Offline";

    /// <summary>Longest a single writer call may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Longest pause in a streamed answer once it has begun: a stream that sends nothing for this long fails the
    /// attempt (transient, so it is retried). The wait for the first piece is bounded by <see cref="Timeout"/> only.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Writer calls in flight at once across this node.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentCalls { get; set; } = 8;

    /// <summary>Sampling temperature sent with every call; empty leaves the provider's default (some models accept no other).</summary>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; }

    [ValidateObjectMembers]
    public OfflineWriterOptions Offline { get; set; } = new();
    [ValidateObjectMembers]
    public OpenAIWriterOptions OpenAI { get; set; } = new();
    [ValidateObjectMembers]
    public AnthropicWriterOptions Anthropic { get; set; } = new();
    [ValidateObjectMembers]
    public WriterPricingOptions Pricing { get; set; } = new();
}

public sealed class OpenAIWriterOptions
{
    /// <summary>Base URL of an OpenAI-compatible API, including its version path (…/v1); empty means api.openai.com.</summary>
    public Uri? Endpoint { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Sent as <c>Authorization: Bearer</c>; required for api.openai.com, optional for local servers.</summary>
    public string? ApiKey { get; set; }
}

public sealed class AnthropicWriterOptions
{
    /// <summary>Base URL of the Anthropic API (without <c>/v1</c>); empty means api.anthropic.com.</summary>
    public Uri? Endpoint { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = "claude-sonnet-4-5";

    /// <summary>Sent as <c>x-api-key</c>; required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The <c>max_tokens</c> of each call (Anthropic requires one); the longest step needs a few thousand.</summary>
    [Range(256, 128_000)]
    public int MaxOutputTokens { get; set; } = 8192;
}

/// <summary>Optional prices, to show an estimated cost next to the token counts in the status.</summary>
public sealed class WriterPricingOptions
{
    /// <summary>Price of one million input (prompt) tokens; empty means no cost is shown.</summary>
    [Range(0.0, 1_000_000.0)]
    public decimal? InputPerMillion { get; set; }

    /// <summary>Price of one million output (completion) tokens; empty means no cost is shown.</summary>
    [Range(0.0, 1_000_000.0)]
    public decimal? OutputPerMillion { get; set; }

    /// <summary>Currency the prices are in, shown with the cost.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Currency { get; set; } = "USD";
}
