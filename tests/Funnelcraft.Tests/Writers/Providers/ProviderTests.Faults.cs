using Funnelcraft.Generation.Runs;
using Funnelcraft.Steps;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>Every kind of provider fault ends as completed-after-retry or as a readable failure, never a step stuck in progress.</summary>
public abstract partial class ProviderTests
{
    public static TheoryData<ProviderFault> Faults() => [.. Enum.GetValues<ProviderFault>().Where(f => f != ProviderFault.None)];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_on_the_first_attempt_is_retried_and_the_step_completes(ProviderFault fault)
    {
        // A bad answer gets one repair call inside the attempt, so its first attempt is two calls.
        var callsInFirstAttempt = fault is ProviderFault.TruncatedJson or ProviderFault.InvalidJson or ProviderFault.SchemaInvalid or ProviderFault.Empty ? 2 : 1;
        var (api, projectId, tag) = await ProjectAsync($"Once {fault} Studio",
            r => r.Step == "offer" && r.Call <= callsInFirstAttempt ? fault : ProviderFault.None);

        var done = await api.GenerateAsync(projectId);

        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.Equal(StepStatus.Completed, Offer(done).Status);
        Assert.Equal(2, Offer(done).Attempt);
        Assert.Equal(callsInFirstAttempt + 1, Server.For(tag, "offer").Count);
        Assert.All(done.Progress, p => Assert.Equal(StepStatus.Completed, p.Status));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_that_persists_ends_as_a_readable_failure(ProviderFault fault)
    {
        var (api, projectId, _) = await ProjectAsync($"Always {fault} Studio", r => r.Step == "offer" ? fault : ProviderFault.None);

        var done = await api.GenerateAsync(projectId);

        Assert.Equal(RunStatus.CompletedWithErrors, done.RunStatus);
        Assert.DoesNotContain(done.Progress, p => p.Status is StepStatus.InProgress or StepStatus.Pending);
        var offer = Offer(done);
        Assert.Equal(StepStatus.Failed, offer.Status);
        Assert.Equal(3, offer.Attempt);
        AssertReadable(offer.Error);
        Assert.Matches(fault switch
        {
            ProviderFault.RateLimited => "rate limiting requests \\(HTTP 429",
            ProviderFault.ServerError => "had an error \\(HTTP 500",
            ProviderFault.Unavailable => "overloaded or unavailable \\(HTTP 503",
            ProviderFault.Hang => "took longer than 3 s",
            ProviderFault.ConnectionReset => "connection to the AI provider failed or dropped",
            ProviderFault.TruncatedBody => "connection to the AI provider failed or dropped|answer could not be read",
            ProviderFault.StreamEndsEarly => "answer broke off before it was complete",
            ProviderFault.Stall => "stopped sending its answer for 1 s before it was complete",
            ProviderFault.TruncatedJson or ProviderFault.InvalidJson or ProviderFault.SchemaInvalid => "did not pass checks: it was not valid JSON for the schema",
            ProviderFault.Empty => "did not pass checks: the answer was empty",
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        }, offer.Error);
        Assert.All(OfferDependents, key => Assert.Equal(StepStatus.Skipped, done.Progress.Single(p => p.StepKey == key).Status));
        Assert.Equal(StepStatus.Completed, done.Progress.Single(p => p.Step == StepCatalog.Deck).Status);
    }
}
