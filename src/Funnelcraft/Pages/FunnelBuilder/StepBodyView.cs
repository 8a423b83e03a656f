using Funnelcraft.Steps;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>What <c>_StepBody</c> renders: a version's content (or a draft's), and the current offer the enrollment page shows.</summary>
public sealed record StepBodyView(IStepContent? Body, OfferContent? Offer);
