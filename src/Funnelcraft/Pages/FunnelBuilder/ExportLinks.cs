using System.Globalization;
using Funnelcraft.Exports;
using Funnelcraft.Steps;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>The Export menu of a content page: one download per format the step has, for the version on screen.</summary>
public sealed record ExportLinks(Guid ProjectId, StepDefinition Step, int? Version)
{
    public sealed record Link(string Href, string Label, string Hint, string Format);

    public IReadOnlyList<Link> Links => [.. ExportFormats.For(Step.Number).Select(f => new Link(Href(f), Label(f), Hint(f), f.Key))];

    /// <summary>The funnel's ZIP: every step's main file and funnel.json.</summary>
    public static string Everything(Guid projectId) => $"/api/projects/{projectId}/export";

    private string Href(ExportFormat format) =>
        $"/api/projects/{ProjectId}/steps/{Step.Key}/export?format={format.Key}"
        + (Version is { } version ? "&version=" + version.ToString(CultureInfo.InvariantCulture) : "");

    private static string Label(ExportFormat format) => format.Key switch
    {
        "pptx" => "PowerPoint",
        "html" => "Web page",
        "md" => "Markdown",
        "csv" => "Spreadsheet",
        "eml" => "E-mail messages",
        _ => "JSON",
    };

    private string Hint(ExportFormat format) => format.Key switch
    {
        "pptx" => ".pptx · a slide per deck slide, with speaker notes",
        "html" => ".html · the page as previewed, styles included",
        "md" => ".md · the text with headings",
        "csv" => ".csv · one row per e-mail",
        "eml" => ".zip of .eml · one message per e-mail",
        _ => $".json · {Step.Name.ToLowerInvariant()} as data",
    };
}
