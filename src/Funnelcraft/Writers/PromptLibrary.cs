using System.Collections.Frozen;
using System.Reflection;
using System.Text;

namespace Funnelcraft.Writers;

/// <summary>
/// The prompts, one Markdown file per step under <c>Writers/Prompts</c> (embedded in the app), so a marketer can
/// read and edit them. <c>{{name}}</c> placeholders are filled with the step's data. The deck has two prompts
/// (<c>deck-outline</c>, then <c>deck-structure</c> for each part) that share the arc in <c>deck-arc</c>.
/// </summary>
public sealed class PromptLibrary
{
    private readonly FrozenDictionary<string, string> _templates;

    public PromptLibrary()
    {
        var assembly = typeof(PromptLibrary).Assembly;
        const string prefix = "Funnelcraft.Writers.Prompts.";
        _templates = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[prefix.Length..^3], n => Read(assembly, n), StringComparer.Ordinal);
    }

    public string System => _templates["system"];

    public string Render(string name, IReadOnlyDictionary<string, string> values)
    {
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new InvalidOperationException($"There is no prompt named '{name}'.");
        }

        var text = new StringBuilder(template);
        foreach (var (key, value) in values)
        {
            text.Replace("{{" + key + "}}", value);
        }

        return text.ToString();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
