using System.ComponentModel.DataAnnotations;

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

    /// <summary>Writer calls in flight at once across this node.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentCalls { get; set; } = 8;

    public OfflineWriterOptions Offline { get; set; } = new();
    public OpenAIWriterOptions OpenAI { get; set; } = new();
    public AnthropicWriterOptions Anthropic { get; set; } = new();
}

public sealed class OfflineWriterOptions
{
    /// <summary>Simulated writing time per writer call.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Model name recorded for estimates and usage.</summary>
    public string Model { get; set; } = "offline-templates";

    /// <summary>Step keys the offline writer always fails (to try out failure handling and retries).</summary>
    public IList<string> FailSteps { get; } = [];
}

public sealed class OpenAIWriterOptions
{
    /// <summary>Base URL of an OpenAI-compatible API; empty means api.openai.com.</summary>
    public Uri? Endpoint { get; set; }
    public string Model { get; set; } = "gpt-4o-mini";
    public string? ApiKey { get; set; }
}

public sealed class AnthropicWriterOptions
{
    public string Model { get; set; } = "claude-sonnet-4-5";
    public string? ApiKey { get; set; }
}
