using System.Text;

namespace Funnelcraft.Pages.FunnelBuilder.Editors;

/// <summary>Names of content fields as a person reads them, for the compare view ("ctaText" → "Button", "features[1]" → "Feature 2").</summary>
public static class FieldLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["ctaText"] = "Button",
        ["ctaSubtext"] = "Under the button",
        ["urgencyText"] = "Urgency banner",
        ["watchPrompt"] = "Below the video",
        ["person"] = "Who it is for",
        ["process"] = "How it works",
        ["purpose"] = "Why it matters",
        ["pathway"] = "How it is sold",
        ["bodyContent"] = "Body",
        ["sendDelayHours"] = "Send after (hours)",
        ["messageOrder"] = "Position",
        ["problemSection"] = "The problem",
        ["solutionSection"] = "The solution",
        ["toneSettings"] = "Tone",
        ["businessContext"] = "The business",
        ["productKnowledge"] = "The product",
        ["bulletPoints"] = "Bullet points",
        ["messages"] = "E-mails",
    };

    private static readonly Dictionary<string, string> Nouns = new(StringComparer.Ordinal)
    {
        ["features"] = "Feature",
        ["bonuses"] = "Bonus",
        ["slides"] = "Slide",
        ["messages"] = "E-mail",
        ["bulletPoints"] = "Bullet point",
        ["keyTakeaways"] = "Takeaway",
        ["wordsToUse"] = "Word to use",
        ["wordsToAvoid"] = "Word to avoid",
        ["keyFeatures"] = "Key feature",
    };

    /// <summary>The label of the last segment of <paramref name="path"/>: a field's name, or a list item's noun and number.</summary>
    public static string Of(string path, int? position = null)
    {
        var last = path[(path.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            var list = last[..bracket];
            return $"{Nouns.GetValueOrDefault(list, "Item")} {position ?? 0}";
        }

        return Labels.TryGetValue(last, out var label) ? label : Words(last);
    }

    /// <summary>camelCase to words with a capital: "featuresHeading" → "Features heading".</summary>
    private static string Words(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return text.ToString();
    }
}
