using System.Text.Json;
using Funnelcraft.Generation;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>
/// What the layout hands live-progress.js on a page that follows a project: the project, which kind of page this is
/// (step 1 shows the progress card, every other page the floating tracker), and the status as the page was rendered.
/// </summary>
/// <param name="Version">On a content page, the step's newest content version when the page was rendered (0: none).</param>
/// <param name="Shown">On a content page, the version on screen (an older one when picked from the history).</param>
public sealed record LiveContext(Guid ProjectId, string ProjectName, LivePage Page, int? Step, int Version, int Shown, string StatusJson)
{
    public const string ViewDataKey = "Funnelcraft.Live";

    public static LiveContext For(Guid projectId, string projectName, LivePage page, GenerationStatus status, JsonSerializerOptions json, int? step = null, int version = 0, int shown = 0) =>
        new(projectId, projectName, page, step, version, shown, JsonSerializer.Serialize(status, json));

    public string PageName => Page switch
    {
        LivePage.Step1 => "step1",
        LivePage.Content => "content",
        _ => "other",
    };
}

public enum LivePage
{
    Other,
    Step1,
    Content,
}
