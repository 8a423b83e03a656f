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
    public void Reopening_the_offer_while_the_deck_is_failed_skips_the_pages_that_need_the_deck_at_once()
    {
        var run = NewRun([.. StepCatalog.Numbers.Select(n => (n, StepStatus.Skipped))]);
        run.Status = RunStatus.Failed;
        run.Steps.Single(s => s.Step == StepCatalog.Offer).Status = StepStatus.Failed;
        run.Steps.Single(s => s.Step == StepCatalog.Deck).Status = StepStatus.Failed;

        Assert.True(RunTransitions.Reopen(run, StepCatalog.Offer, Now));

        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Offer));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Followup));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.MarketingProfile));
        Assert.Equal(StepStatus.Failed, StatusOf(run, StepCatalog.Deck));
        var enrollment = run.Steps.Single(s => s.Step == StepCatalog.Enrollment);
        Assert.Equal(StepStatus.Skipped, enrollment.Status);
        Assert.Equal("Skipped because Deck Structure failed.", enrollment.Error);
        Assert.Equal(Now, enrollment.CompletedAt);
    }

    [Theory]
    [InlineData(StepStatus.Failed, "Skipped because Deck Structure failed.")]
    [InlineData(StepStatus.Skipped, "Skipped because Deck Structure was skipped.")]
    [InlineData(StepStatus.Cancelled, "Skipped because Deck Structure was cancelled.")]
    public void A_pending_step_whose_need_did_not_complete_is_skipped_with_the_reason(string deck, string reason)
    {
        var run = NewRun((StepCatalog.Offer, StepStatus.Completed), (StepCatalog.Deck, deck));

        RunTransitions.SkipBlocked(run, Now);

        foreach (var step in new[] { StepCatalog.Enrollment, StepCatalog.Watch, StepCatalog.Registration })
        {
            Assert.Equal(StepStatus.Skipped, StatusOf(run, step));
            Assert.Equal(reason, run.Steps.Single(s => s.Step == step).Error);
        }

        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Followup));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.MarketingProfile));
    }

    [Fact]
    public void A_failed_optional_need_does_not_skip_the_registration_pages()
    {
        var run = NewRun((StepCatalog.Offer, StepStatus.Failed), (StepCatalog.Deck, StepStatus.Completed));

        RunTransitions.SkipBlocked(run, Now);

        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Registration));
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Watch));
        Assert.Equal(StepStatus.Skipped, StatusOf(run, StepCatalog.Enrollment));
    }

    [Fact]
    public void A_run_left_with_steps_that_can_never_start_settles_as_completed_with_errors()
    {
        // What a retry of the offer left behind before blocked steps were skipped: the enrollment pages waiting on a failed deck.
        var run = NewRun([.. StepCatalog.Numbers.Select(n => (n, StepStatus.Completed))]);
        run.Steps.Single(s => s.Step == StepCatalog.Deck).Status = StepStatus.Failed;
        foreach (var n in new[] { StepCatalog.Watch, StepCatalog.Registration })
        {
            run.Steps.Single(s => s.Step == n).Status = StepStatus.Skipped;
        }

        run.Steps.Single(s => s.Step == StepCatalog.Enrollment).Status = StepStatus.Pending;

        Assert.True(RunTransitions.Settle(run, Now, new HashSet<int>()));

        Assert.Equal(RunStatus.CompletedWithErrors, run.Status);
        Assert.Equal(Now, run.CompletedAt);
        Assert.Null(run.LeaseOwner);
        Assert.Equal(StepStatus.Skipped, StatusOf(run, StepCatalog.Enrollment));
    }

    [Fact]
    public void A_run_where_nothing_completed_and_nothing_can_start_settles_as_failed()
    {
        var run = NewRun((StepCatalog.Offer, StepStatus.Failed), (StepCatalog.Deck, StepStatus.Failed));

        Assert.True(RunTransitions.Settle(run, Now, new HashSet<int>()));

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.All(run.Steps, s => Assert.True(StepStatus.IsFinished(s.Status)));
    }

    [Fact]
    public void Settling_leaves_a_run_with_work_in_flight_or_ready_running()
    {
        var inFlight = NewRun((StepCatalog.Offer, StepStatus.Completed), (StepCatalog.Deck, StepStatus.InProgress));
        Assert.False(RunTransitions.Settle(inFlight, Now, new HashSet<int>()));
        Assert.Equal(StepStatus.Pending, StatusOf(inFlight, StepCatalog.Enrollment));

        // A step whose earlier attempt is still winding down (pending again, its writer not yet stopped) is in flight too.
        var winding = NewRun((StepCatalog.Offer, StepStatus.Completed), (StepCatalog.Deck, StepStatus.Completed));
        foreach (var n in StepCatalog.DependentsOf(StepCatalog.Offer).Concat(StepCatalog.DependentsOf(StepCatalog.Deck)))
        {
            winding.Steps.Single(s => s.Step == n).Status = StepStatus.Completed;
        }

        winding.Steps.Single(s => s.Step == StepCatalog.Watch).Status = StepStatus.Pending;
        Assert.False(RunTransitions.Settle(winding, Now, new HashSet<int> { StepCatalog.Watch }));
        Assert.Equal(RunStatus.Running, winding.Status);
    }

    [Fact]
    public void Settling_never_skips_a_step_that_can_still_start()
    {
        var run = NewRun([.. StepCatalog.Numbers.Select(n => (n, StepStatus.Completed))]);
        run.Steps.Single(s => s.Step == StepCatalog.Registration).Status = StepStatus.Pending;
        run.Steps.Single(s => s.Step == StepCatalog.Offer).Status = StepStatus.InProgress;
        Assert.False(RunTransitions.Settle(run, Now, new HashSet<int>()));

        run.Steps.Single(s => s.Step == StepCatalog.Offer).Status = StepStatus.Completed;
        Assert.False(RunTransitions.Settle(run, Now, new HashSet<int>())); // ready: it will start
        Assert.Equal(StepStatus.Pending, StatusOf(run, StepCatalog.Registration));
    }

    [Fact]
    public void Reopening_every_failed_step_writes_the_failed_and_skipped_steps_and_keeps_the_rest()
    {
        var run = NewRun([.. StepCatalog.Numbers.Select(n => (n, StepStatus.Completed))]);
        run.Status = RunStatus.CompletedWithErrors;
        run.Steps.Single(s => s.Step == StepCatalog.Offer).Status = StepStatus.Failed;
        foreach (var n in StepCatalog.DependentsOf(StepCatalog.Offer))
        {
            run.Steps.Single(s => s.Step == n).Status = StepStatus.Skipped;
            run.Steps.Single(s => s.Step == n).Error = "Skipped because Offer failed.";
        }

        Assert.True(RunTransitions.ReopenFailed(run, Now));

        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal(
            [StepCatalog.Offer, .. StepCatalog.DependentsOf(StepCatalog.Offer).OrderBy(StepCatalog.OrderOf)],
            run.Steps.Where(s => s.Status == StepStatus.Pending).Select(s => s.Step));
        Assert.All(run.Steps.Where(s => s.Status == StepStatus.Pending), s => Assert.Null(s.Error));
        Assert.Equal(StepStatus.Completed, StatusOf(run, StepCatalog.Deck));
    }

    [Fact]
    public void Nothing_failed_or_skipped_leaves_nothing_to_reopen()
    {
        var run = NewRun([.. StepCatalog.Numbers.Select(n => (n, StepStatus.Completed))]);
        run.Status = RunStatus.Completed;
        run.Steps.Single(s => s.Step == StepCatalog.Watch).Status = StepStatus.Cancelled;

        Assert.False(RunTransitions.ReopenFailed(run, Now));
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
