using Funnelcraft.Steps;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>Addresses of the funnel builder's pages (wwwroot/js/live/view-rules.js: stepUrl, for the rows it links; ViewRulesAgreementTests compares them).</summary>
public static class FunnelUrls
{
    public const string Projects = "/funnel-builder";

    public static string Step1(Guid projectId) => $"/funnel-builder/{projectId}/step/1";

    public static string Step(Guid projectId, int step) => step == StepCatalog.MarketingProfile
        ? $"/funnel-builder/{projectId}/marketing-profile"
        : $"/funnel-builder/{projectId}/step/{step}";
}
