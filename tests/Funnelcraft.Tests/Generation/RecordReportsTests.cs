using Funnelcraft.Generation;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Funnelcraft.Writers;

namespace Funnelcraft.Tests.Generation;

/// <summary>The executor's change, applied to an aggregate in memory: what each report does to the run, without I/O.</summary>
public sealed class RecordReportsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly GenerationOptions Options = new() { MaxParallelSteps = 3, LeaseDuration = TimeSpan.FromSeconds(30) };
    private static readonly RunClaim Claim = new(Guid.NewGuid(), Guid.NewGuid(), "node#1");

    /// <summary>A run held by <see cref="Claim"/>: the offer and the deck in progress (attempt 1), the rest pending.</summary>
    private static ProjectGeneration Held()
    {
        var project = new FunnelProject { Id = Claim.ProjectId, OwnerId = "owner", Name = "p", StatusVersion = 4 };
        var run = RunPlan.Create(project.Id, null, RunScope.AllSteps(regenerate: false, overwriteEdits: false), null, "offline", new Dictionary<int, bool>(), Now.AddMinutes(-1));
        run.Id = Claim.RunId;
        RunLease.Take(run, Claim.Owner, Now.AddSeconds(5));
        RunTransitions.Begin(run, Now.AddMinutes(-1));
        RunTransitions.Advance(run, new HashSet<int>(), Options.MaxParallelSteps, Now.AddMinutes(-1));
        return new ProjectGeneration(project, run);
    }

    private static Decision<RecordReports.Recorded?> Apply(ProjectGeneration state, IReadOnlySet<int> busy, params StepReport[] reports) =>
        new RecordReports(Claim, reports, busy, Options).Apply(state, Now);

    [Fact]
    public void Written_content_completes_the_step_adds_a_version_it_wrote_and_starts_what_became_ready()
    {
        var state = Held();
        var written = new WrittenContent("{}", 10, 20);

        var decision = Apply(state, new HashSet<int> { StepCatalog.Offer, StepCatalog.Deck }, new StepReport.Written(StepCatalog.Offer, 1, written, TimeSpan.FromSeconds(3)));

        Assert.Equal(DecisionKind.Save, decision.Kind);
        var run = decision.Value!.Run;
        Assert.Equal(StepStatus.Completed, run.Step(StepCatalog.Offer).Status);
        var version = Assert.Single(state.Versions);
        Assert.Equal(StepCatalog.Offer, version.Version.Step);
        Assert.Same(run.Step(StepCatalog.Offer), version.WrittenBy); // numbered when saved, on the version and on the step
        Assert.Equal(3000, Assert.Single(state.Durations).DurationMs);
        Assert.Equal(Now, state.Project.LastGeneratedAt);
        // The deck is still in flight; the follow-up and the profile need only the offer: three at once.
        Assert.Equal(new[] { StepCatalog.Deck, StepCatalog.Followup, StepCatalog.MarketingProfile }.Order(),
            run.Steps.Where(s => s.Status == StepStatus.InProgress).Select(s => s.Step).Order());
        Assert.Equal(Now + Options.LeaseDuration, run.LeaseExpiresAt); // every change renews the lease
    }

    [Fact]
    public void A_retried_fault_keeps_the_step_in_progress_until_the_retry_is_due_then_starts_the_next_attempt()
    {
        var state = Held();
        var fault = new WriterFaults.Fault("The AI provider had an error (HTTP 500).", true, null);
        var busy = new HashSet<int> { StepCatalog.Offer, StepCatalog.Deck };

        var faulted = Apply(state, busy, new StepReport.Faulted(StepCatalog.Offer, 1, 1, fault, TimeSpan.FromSeconds(1), 0.5, new HttpRequestException()));

        var outcome = Assert.Single(faulted.Value!.Outcomes);
        Assert.IsType<StepFailure.Retry>(outcome.Failure);
        var offer = state.Run!.Step(StepCatalog.Offer);
        Assert.Equal((StepStatus.InProgress, 1), (offer.Status, offer.Attempt));
        Assert.StartsWith("Retrying in 2s: ", offer.Detail, StringComparison.Ordinal);

        Apply(state, busy, new StepReport.RetryDue(StepCatalog.Offer, 1));

        Assert.Equal((StepStatus.InProgress, 2, "Attempt 2"), (offer.Status, offer.Attempt, offer.Detail));
    }

    [Fact]
    public void A_fault_that_fails_the_step_skips_what_needs_it()
    {
        var state = Held();
        var refused = new WriterFaults.Fault("The AI provider refused the API key (HTTP 401).", false, null);

        Apply(state, new HashSet<int> { StepCatalog.Offer, StepCatalog.Deck }, new StepReport.Faulted(StepCatalog.Offer, 1, 1, refused, TimeSpan.FromSeconds(1), 0.5, new HttpRequestException()));

        var run = state.Run!;
        Assert.Equal((StepStatus.Failed, refused.Message), (run.Step(StepCatalog.Offer).Status, run.Step(StepCatalog.Offer).Error));
        Assert.All(new[] { StepCatalog.Enrollment, StepCatalog.Followup, StepCatalog.MarketingProfile }, s => Assert.Equal(StepStatus.Skipped, run.Step(s).Status));
        Assert.Equal(StepStatus.InProgress, run.Step(StepCatalog.Deck).Status);
    }

    [Fact]
    public void A_report_of_an_attempt_that_is_over_changes_nothing_of_its_step()
    {
        var state = Held();

        var decision = Apply(state, new HashSet<int> { StepCatalog.Offer, StepCatalog.Deck }, new StepReport.Progress(StepCatalog.Offer, 7, "late", 50));

        Assert.False(Assert.Single(decision.Value!.Outcomes).Taken);
        Assert.Null(state.Run!.Step(StepCatalog.Offer).Detail);
    }

    [Fact]
    public void A_claim_that_no_longer_holds_the_run_writes_nothing()
    {
        var state = Held();
        RunLease.Take(state.Run!, "node#2", Now.AddSeconds(30)); // claimed again after a missed renewal

        var decision = Apply(state, new HashSet<int>(), new StepReport.Progress(StepCatalog.Offer, 1, "stale", 50));

        Assert.Equal(DecisionKind.Abandon, decision.Kind);
        Assert.Null(decision.Value);
    }
}
