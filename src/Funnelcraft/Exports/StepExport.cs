using System.Text.Json;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Exports;

/// <summary>One version of a step's content, read into its record (null when it cannot be read: only its JSON exports), with what its files need besides it.</summary>
/// <param name="VersionCount">How many versions the step has (its JSON says so, like the API's step document).</param>
/// <param name="Offer">The current offer, which the enrollment page shows (features and price), as its preview does.</param>
/// <param name="Sender">The account's e-mail address, which exported e-mails are from.</param>
public sealed record StepExport(
    FunnelProject Project, StepDefinition Step, ContentVersion Version, int VersionCount, IStepContent? Content, OfferContent? Offer = null, string? Sender = null)
{
    /// <summary>The content record a version holds; null when it is not valid JSON for the step's record.</summary>
    public static IStepContent? Read(StepDefinition step, ContentVersion version)
    {
        try
        {
            return JsonSerializer.Deserialize(version.Content, step.ContentType, ContentJson.Options) as IStepContent;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The whole funnel: the current version of every step that has content, in progress order.</summary>
public sealed record FunnelExport(FunnelProject Project, IReadOnlyList<StepExport> Steps, DateTimeOffset ExportedAt);
