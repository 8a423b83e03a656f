using Funnelcraft.Generation;
using Funnelcraft.Steps;

namespace Funnelcraft.Tests.Generation;

public sealed class RunTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static GenerationRun NewRun(params (int Step, string Status)[] overrides)
    {
        var run = new GenerationRun { Status = RunStatus.Running, WriterModel = "test" };
        foreach (var step in StepCatalog.Numbers)
        {
            var status = overrides.FirstOrDefault(o => o.Step == step).Status ?? StepStatus.Pending;
            run.Steps.Add(new RunStep { Step = step, Status = status });
        }

        return run;
    }

    private static string StatusOf(GenerationRun run, int step) => run.Steps.Single(s => s.Step == step).Status;

    [Fact]
    public void Only_steps_whose_needs_are_done_are_ready()
    {
        var run = NewRun((StepCatalog.Offer, StepStatus.Completed));

        var ready = run.Steps.Where(s => RunTransitions.IsReady(run, s)).Select(s => s.Step).ToList();

        // The deck needs nothing; follow-up and profile need the offer; enrollment also needs the deck.
        Assert.Equal([StepCatalog.Deck, StepCatalog.Followup, StepCatalog.MarketingProfile], ready);
    }

    [Fact]
    public void Registration_waits_for_an_offer_in_the_run_but_not_for_its_success()
    {
        var run = NewRun((StepCatalog.Deck, StepStatus.Completed), (StepCatalog.Offer, StepStatus.InProgress));
        var registration = run.Steps.Single(s => s.Step == StepCatalog.Registration);
        Assert.False(RunTransitions.IsReady(run, registration));

        run.Steps.Single(s => s.Step == StepCatalog.Offer).Status = StepStatus.Failed;

        Assert.True(RunTransitions.IsReady(run, registration));
    }

    [Fact]
    public void A_failed_offer_skips_everything_that_needs_it_and_nothing_else()
    {
        var run = NewRun((StepCatalog.Offer, StepStatus.InProgress));

        RunTransitions.FailStep(run, run.Steps.Single(s => s.Step == StepCatalog.Offer), "boom", Now);

        Assert.Equal(StepStatus.Failed, StatusOf(run, StepCatalog.Offer));
        Assert.Equal(StepStatus.Skipped, StatusOf(run, StepCatalog.Enrollment));
        Assert.Equal(StepStatus.Skipped, StatusOf(run, StepCatalog.Followup));
        Assert.Equal(StepStatus.Skipped, StatusOf(run, StepCatalog.MarketingProfile));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Deck));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Watch));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Registration));
        Assert.Equal("Skipped because Offer failed.", run.Steps.Single(s => s.Step == StepCatalog.Enrollment).Error);
    }

    [Fact]
    public void A_run_finishes_by_outcome()
    {
        var all = NewRun([.. StepCatalog.Numbers.Select(n => (n, StepStatus.Completed))]);
        Assert.True(RunTransitions.TryFinish(all, Now));
        Assert.Equal(RunStatus.Completed, all.Status);

        var some = NewRun([.. StepCatalog.Numbers.Select(n => (n, n == StepCatalog.Offer ? StepStatus.Failed : StepStatus.Completed))]);
        Assert.True(RunTransitions.TryFinish(some, Now));
        Assert.Equal(RunStatus.CompletedWithErrors, some.Status);

        var none = NewRun([.. StepCatalog.Numbers.Select(n => (n, StepStatus.Failed))]);
        Assert.True(RunTransitions.TryFinish(none, Now));
        Assert.Equal(RunStatus.Failed, none.Status);

        var busy = NewRun((StepCatalog.Offer, StepStatus.Completed));
        Assert.False(RunTransitions.TryFinish(busy, Now));
        Assert.Equal(RunStatus.Running, busy.Status);
    }

    [Fact]
    public void Resuming_restarts_the_step_that_was_in_progress_with_a_new_attempt()
    {
        var run = NewRun((StepCatalog.Offer, StepStatus.Completed), (StepCatalog.Deck, StepStatus.InProgress));
        var deck = run.Steps.Single(s => s.Step == StepCatalog.Deck);
        deck.Attempt = 1;

        RunTransitions.Begin(run, Now);
        RunTransitions.StartStep(deck, Now);

        Assert.Equal(StepStatus.Completed, StatusOf(run, StepCatalog.Offer));
        Assert.Equal(StepStatus.InProgress, deck.Status);
        Assert.Equal(2, deck.Attempt);
    }

    [Fact]
    public void Reopening_a_skipped_step_also_reruns_the_failed_step_it_needs()
    {
        var run = NewRun([.. StepCatalog.Numbers.Select(n => (n, StepStatus.Completed))]);
        run.Status = RunStatus.CompletedWithErrors;
        run.Steps.Single(s => s.Step == StepCatalog.Offer).Status = StepStatus.Failed;
        foreach (var n in new[] { StepCatalog.Enrollment, StepCatalog.Followup, StepCatalog.MarketingProfile })
        {
            run.Steps.Single(s => s.Step == n).Status = StepStatus.Skipped;
        }

        Assert.True(RunTransitions.Reopen(run, StepCatalog.Followup, Now));

        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Offer));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Followup));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Enrollment));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.MarketingProfile));
        Assert.Equal(StepStatus.Completed, StatusOf(run, StepCatalog.Deck));
    }

    [Fact]
    public void A_completed_step_cannot_be_reopened()
    {
        var run = NewRun([.. StepCatalog.Numbers.Select(n => (n, StepStatus.Completed))]);
        run.Status = RunStatus.Completed;

        Assert.False(RunTransitions.Reopen(run, StepCatalog.Offer, Now));
        Assert.Equal(RunStatus.Completed, run.Status);
    }

    [Fact]
    public void Cancel_marks_unfinished_steps_cancelled_and_keeps_the_rest()
    {
        var run = NewRun((StepCatalog.Offer, StepStatus.Completed), (StepCatalog.Deck, StepStatus.InProgress));

        RunTransitions.Cancel(run, Now);

        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal(StepStatus.Completed, StatusOf(run, StepCatalog.Offer));
        Assert.All(run.Steps.Where(s => s.Step != StepCatalog.Offer), s => Assert.Equal(StepStatus.Cancelled, s.Status));
    }
}
