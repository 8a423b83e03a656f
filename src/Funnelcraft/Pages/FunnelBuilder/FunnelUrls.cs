using Funnelcraft.Steps;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>Addresses of the funnel builder's pages (the same rule lives in live-progress.js for the rows it links).</summary>
public static class FunnelUrls
{
    public const string Projects = "/funnel-builder";

    public static string Step1(Guid projectId) => $"/funnel-builder/{projectId}/step/1";

    public static string Step(Guid projectId, int step) => step == StepCatalog.MarketingProfile
        ? $"/funnel-builder/{projectId}/marketing-profile"
        : $"/funnel-builder/{projectId}/step/{step}";
}
