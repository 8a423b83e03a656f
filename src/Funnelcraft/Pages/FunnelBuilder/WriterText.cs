namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>How the pages name a writer model as runs record it: <c>offline:…</c>, <c>openai:gpt-4o-mini</c>, <c>anthropic:…</c>.</summary>
public static class WriterText
{
    public static bool IsOffline(string? writerModel) => writerModel?.StartsWith("offline:", StringComparison.Ordinal) == true;

    /// <summary>"the built-in offline writer", "gpt-4o-mini (OpenAI)", "claude-sonnet-4-5 (Anthropic)"; null when unknown.</summary>
    public static string? Name(string? writerModel)
    {
        if (string.IsNullOrEmpty(writerModel))
        {
            return null;
        }

        var colon = writerModel.IndexOf(':', StringComparison.Ordinal);
        var (provider, model) = colon < 0 ? ("", writerModel) : (writerModel[..colon], writerModel[(colon + 1)..]);
        return provider switch
        {
            "offline" => "the built-in offline writer",
            "openai" => $"{model} (OpenAI-compatible)",
            "anthropic" => $"{model} (Anthropic)",
            _ => writerModel,
        };
    }
}
