namespace Funnelcraft.Steps;

/// <summary>One of the seven generated pieces of a funnel.</summary>
/// <param name="Number">The funnel's page number; part of the URL and API contract.</param>
/// <param name="Key">The stable key used in prompts, schema names and logs.</param>
/// <param name="Name">What a person reads.</param>
/// <param name="Needs">Step numbers whose content this step uses.</param>
/// <param name="OptionalNeeds">Step numbers used when present but not required.</param>
/// <param name="ContentType">The typed content record the writer must produce.</param>
/// <param name="Calls">
/// Writer calls the step makes one after another: how many call-times it takes (the deck writes its outline, then
/// all its parts at once: 2). Default estimates are based on it.
/// </param>
/// <param name="TotalCalls">Every writer call the step makes (the deck: the outline and its six parts).</param>
public sealed record StepDefinition(
    int Number,
    string Key,
    string Name,
    IReadOnlyList<int> Needs,
    IReadOnlyList<int> OptionalNeeds,
    Type ContentType,
    int Calls = 1,
    int TotalCalls = 1)
{
    public bool DependsOn(int step) => Needs.Contains(step) || OptionalNeeds.Contains(step);
}
