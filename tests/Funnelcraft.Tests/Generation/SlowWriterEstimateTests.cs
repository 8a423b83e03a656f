using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Microsoft.Extensions.Time.Testing;

namespace Funnelcraft.Tests.Generation;

/// <summary>
/// The estimate a run's status carries at each of its changes, when the writer became much slower than the durations
/// the estimates remember: after runs of about 3 s a call, a writer that takes 20 s a call (a 60 s run).
/// </summary>
public sealed class SlowWriterEstimateTests
{
    private static readonly TimeSpan Call = TimeSpan.FromSeconds(20);

    /// <summary>What the recent history says: 3 s a call (the deck writes in two rounds of calls).</summary>
    private static TimeSpan Usual(int step) => TimeSpan.FromSeconds(3 * StepCatalog.Get(step).Calls);

    [Fact]
    public void A_run_whose_writer_slowed_from_3_s_to_20_s_a_call_is_not_almost_done_while_most_of_it_is_left()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var run = new GenerationRun { Status = RunStatus.Running, WriterModel = "offline", StartedAt = time.GetUtcNow() };
        run.Steps.AddRange(StepCatalog.Numbers.Select(n => new RunStep { Step = n, Status = StepStatus.Pending }));
        var end = time.GetUtcNow() + (3 * Call); // offer and the deck's outline; the deck's parts, follow-up, profile; the pages
        RunStep Step(int n) => run.Steps.Single(s => s.Step == n);
        void Start(params int[] steps) => Array.ForEach(steps, n => RunTransitions.StartStep(Step(n), time.GetUtcNow()));
        void Complete(params int[] steps) => Array.ForEach(steps, n => RunTransitions.CompleteStep(Step(n), time.GetUtcNow(), 0, 0, 1));
        var said = new List<string>();

        // The estimate each change of the run writes into its status.
        TimeSpan Estimate()
        {
            var now = time.GetUtcNow();
            var left = StatusBuilder.EstimateCompletion(run, Usual, 3, now)!.Value - now;
            said.Add($"at {(now - run.StartedAt!.Value).TotalSeconds:0} s: {left.TotalSeconds:0.0} s left (truly {(end - now).TotalSeconds:0} s)");
            var byOwnEstimate = run.Steps.Where(s => s.Status == StepStatus.InProgress).Max(s => Usual(s.Step) - (now - s.StartedAt!.Value));
            Assert.True(left >= byOwnEstimate && left > TimeSpan.Zero, string.Join("; ", said));
            return left;
        }

        Start(StepCatalog.Offer, StepCatalog.Deck);
        Assert.True(Estimate() >= TimeSpan.FromSeconds(9), string.Join("; ", said)); // by the history: deck, then a page

        time.Advance(Call);
        Complete(StepCatalog.Offer);
        Start(StepCatalog.Followup, StepCatalog.MarketingProfile);
        var at20 = Estimate();

        time.Advance(Call);
        Complete(StepCatalog.Deck, StepCatalog.Followup, StepCatalog.MarketingProfile);
        Start(StepCatalog.Enrollment, StepCatalog.Watch, StepCatalog.Registration);
        var at40 = Estimate();

        // 40 s and then 20 s were left: "almost done" (5 s or less), or less than half of what is left, is behind the truth.
        Assert.True(at20 > TimeSpan.FromSeconds(5) && at20 >= (end - time.GetUtcNow() + Call) / 2, string.Join("; ", said));
        Assert.True(at40 > TimeSpan.FromSeconds(5) && at40 >= (end - time.GetUtcNow()) / 2, string.Join("; ", said));

        time.Advance(Call);
        Complete(StepCatalog.Enrollment, StepCatalog.Watch, StepCatalog.Registration);
        Assert.True(RunTransitions.TryFinish(run, time.GetUtcNow()));
        Assert.Null(StatusBuilder.EstimateCompletion(run, Usual, 3, time.GetUtcNow()));
    }

    [Fact]
    public void The_status_gives_each_step_in_progress_its_start_and_usual_duration_so_an_overrun_shows()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var run = new GenerationRun { Status = RunStatus.Running, WriterModel = "offline", StartedAt = time.GetUtcNow() };
        run.Steps.AddRange(StepCatalog.Numbers.Select(n => new RunStep { Step = n, Status = StepStatus.Pending }));
        RunStep Step(int n) => run.Steps.Single(s => s.Step == n);
        RunTransitions.StartStep(Step(StepCatalog.Offer), time.GetUtcNow());
        RunTransitions.StartStep(Step(StepCatalog.Deck), time.GetUtcNow());
        time.Advance(Call);
        RunTransitions.CompleteStep(Step(StepCatalog.Offer), time.GetUtcNow(), 0, 0, 1);
        RunTransitions.StartStep(Step(StepCatalog.Followup), time.GetUtcNow());
        var now = time.GetUtcNow();
        run.EstimatedCompletionAt = StatusBuilder.EstimateCompletion(run, Usual, 3, now);

        var status = StatusBuilder.Build(new Projects.FunnelProject { Id = Guid.NewGuid(), OwnerId = "owner", Name = "p" }, run, Usual);

        // "Taking longer than usual" is an in-progress step whose start plus its usual duration is past: the deck (20 s
        // of its usual 6 s), not the follow-up that has just started. The usual duration is the step's own estimate, not
        // stretched by the run's pace, and the run's estimated end is after what each step in progress still needs.
        var deck = status.Progress.Single(p => p.Step == StepCatalog.Deck);
        var followup = status.Progress.Single(p => p.Step == StepCatalog.Followup);
        Assert.Equal((StepStatus.InProgress, run.StartedAt, 6000L), (deck.Status, deck.StartedAt, deck.EstimatedDurationMs));
        Assert.Equal((StepStatus.InProgress, now, 3000L), (followup.Status, followup.StartedAt, followup.EstimatedDurationMs));
        Assert.True(deck.StartedAt!.Value.AddMilliseconds(deck.EstimatedDurationMs) < now);
        Assert.True(followup.StartedAt!.Value.AddMilliseconds(followup.EstimatedDurationMs) > now);
        Assert.True(status.EstimatedCompletionAt > followup.StartedAt.Value.AddMilliseconds(followup.EstimatedDurationMs));
        Assert.True(status.EstimatedCompletionAt > now);
    }
}
