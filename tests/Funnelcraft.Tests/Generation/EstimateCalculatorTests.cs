using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Microsoft.Extensions.Time.Testing;
using static Funnelcraft.Generation.EstimateCalculator;

namespace Funnelcraft.Tests.Generation;

public sealed class EstimateCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static List<StepState> AllPending(TimeSpan each) =>
        [.. StepCatalog.Numbers.Select(n => new StepState(n, StepStatus.Pending, null, null, each))];

    private static StepState Took(int step, TimeSpan took, TimeSpan estimate) => new(step, StepStatus.Completed, Now - took, Now, estimate);

    [Fact]
    public void Equal_steps_with_three_slots_take_three_step_times_along_the_graph()
    {
        // Offer and deck run together (1), then enrollment, watch, registration (2: three slots),
        // then follow-up and marketing profile (3): they need only the offer but wait for a free slot.
        var remaining = Remaining(AllPending(TimeSpan.FromSeconds(10)), 3, Now);

        Assert.Equal(TimeSpan.FromSeconds(30), remaining);
    }

    [Fact]
    public void Unbounded_parallelism_takes_two_step_times_the_critical_path()
    {
        var remaining = Remaining(AllPending(TimeSpan.FromSeconds(10)), 7, Now);

        Assert.Equal(TimeSpan.FromSeconds(20), remaining);
    }

    [Fact]
    public void One_slot_takes_the_sum_of_the_steps()
    {
        var remaining = Remaining(AllPending(TimeSpan.FromSeconds(10)), 1, Now);

        Assert.Equal(TimeSpan.FromSeconds(70), remaining);
    }

    [Fact]
    public void An_in_progress_step_counts_what_is_left_of_it()
    {
        var steps = StepCatalog.Numbers.Select(n => n switch
        {
            StepCatalog.Deck => new StepState(n, StepStatus.InProgress, Now.AddSeconds(-45), null, TimeSpan.FromSeconds(60)),
            _ => Took(n, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)),
        }).ToList();
        steps[StepCatalog.OrderOf(StepCatalog.Watch)] = new StepState(StepCatalog.Watch, StepStatus.Pending, null, null, TimeSpan.FromSeconds(10));

        var remaining = Remaining(steps, 3, Now);

        Assert.Equal(TimeSpan.FromSeconds(15 + 10), remaining);
    }

    [Fact]
    public void A_step_that_overran_its_estimate_extends_it_by_half_its_elapsed_time()
    {
        List<StepState> steps = [new(StepCatalog.Offer, StepStatus.InProgress, Now.AddSeconds(-100), null, TimeSpan.FromSeconds(20))];

        var remaining = Remaining(steps, 3, Now);

        Assert.Equal(TimeSpan.FromSeconds(50), remaining);
    }

    [Fact]
    public void While_a_step_overruns_the_estimated_end_moves_later_and_what_is_left_never_falls_to_the_floor()
    {
        var time = new FakeTimeProvider(Now);
        var started = time.GetUtcNow();
        var estimate = TimeSpan.FromSeconds(10);
        var ends = new List<DateTimeOffset>();
        var lefts = new List<TimeSpan>();

        for (var second = 0; second <= 120; second++)
        {
            List<StepState> steps = [new(StepCatalog.Offer, StepStatus.InProgress, started, null, estimate)];
            var left = Remaining(steps, 3, time.GetUtcNow())!.Value;
            lefts.Add(left);
            ends.Add(time.GetUtcNow() + left);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        // Before its estimate: what is left of it, down to a floor of a second. Past it: half the elapsed time again,
        // so the end it gives only moves later and what is left grows with the overrun.
        Assert.Equal(TimeSpan.FromSeconds(10), lefts[0]);
        Assert.Equal(TimeSpan.FromSeconds(1), lefts[9]);
        Assert.Equal(TimeSpan.FromSeconds(5), lefts[10]);
        Assert.Equal(TimeSpan.FromSeconds(60), lefts[120]);
        Assert.All(ends.Skip(10).Zip(ends.Skip(11)), pair => Assert.True(pair.Second > pair.First));
        Assert.All(lefts.Skip(10).Zip(lefts.Skip(11)), pair => Assert.True(pair.Second >= pair.First));
    }

    [Fact]
    public void A_writer_slower_than_the_estimates_makes_the_steps_to_come_slower_too()
    {
        // The offer took 40 s against 10 s estimated: the writer goes at a quarter of the speed the estimates remember.
        var steps = AllPending(TimeSpan.FromSeconds(10));
        steps[StepCatalog.OrderOf(StepCatalog.Offer)] = Took(StepCatalog.Offer, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(10));
        steps[StepCatalog.OrderOf(StepCatalog.Deck)] = Took(StepCatalog.Deck, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(10));

        Assert.Equal(4, Pace(steps, Now));

        // Left: the three pages at once (40 s), then follow-up and profile (40 s).
        Assert.Equal(TimeSpan.FromSeconds(80), Remaining(steps, 3, Now));
    }

    [Fact]
    public void A_step_running_past_its_estimate_already_shows_the_writer_is_slower()
    {
        // The deck is at 30 s of its 10 s and still going: the steps after it will be at least three times slower.
        var steps = AllPending(TimeSpan.FromSeconds(10));
        steps[StepCatalog.OrderOf(StepCatalog.Offer)] = Took(StepCatalog.Offer, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        steps[StepCatalog.OrderOf(StepCatalog.Deck)] = new StepState(StepCatalog.Deck, StepStatus.InProgress, Now.AddSeconds(-30), null, TimeSpan.FromSeconds(10));
        steps[StepCatalog.OrderOf(StepCatalog.Followup)] = Took(StepCatalog.Followup, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        steps[StepCatalog.OrderOf(StepCatalog.MarketingProfile)] = Took(StepCatalog.MarketingProfile, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        Assert.Equal((10 + 30 + 10 + 10) / 40.0, Pace(steps, Now), 6);

        // The deck: 10 s × 1.5 = 15 s expected, already past, so half its 30 s again; then the pages at 15 s each.
        Assert.Equal(TimeSpan.FromSeconds(15 + 15), Remaining(steps, 3, Now));
    }

    [Fact]
    public void A_writer_faster_than_the_estimates_never_cuts_an_in_progress_step_below_its_own_estimate()
    {
        var steps = AllPending(TimeSpan.FromSeconds(20));
        steps[StepCatalog.OrderOf(StepCatalog.Offer)] = Took(StepCatalog.Offer, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20));
        steps[StepCatalog.OrderOf(StepCatalog.Deck)] = new StepState(StepCatalog.Deck, StepStatus.InProgress, Now.AddSeconds(-4), null, TimeSpan.FromSeconds(20));

        Assert.Equal(0.25, Pace(steps, Now));

        // The deck still needs 16 s by its own estimate; the pages after it go at the faster pace (5 s each).
        Assert.Equal(TimeSpan.FromSeconds(16 + 5), Remaining(steps, 7, Now));
    }

    [Fact]
    public void The_pace_is_one_without_anything_to_go_by_and_stays_within_its_bounds()
    {
        Assert.Equal(1, Pace(AllPending(TimeSpan.FromSeconds(10)), Now));
        Assert.Equal(1, Pace([new(StepCatalog.Offer, StepStatus.Completed, null, Now, TimeSpan.FromSeconds(10))], Now)); // content kept from before
        Assert.Equal(1, Pace([new(StepCatalog.Offer, StepStatus.InProgress, Now.AddSeconds(-5), null, TimeSpan.FromSeconds(10))], Now)); // within its estimate
        Assert.Equal(MaxPace, Pace([Took(StepCatalog.Offer, TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(1))], Now));
        Assert.Equal(MinPace, Pace([Took(StepCatalog.Offer, TimeSpan.Zero, TimeSpan.FromSeconds(10))], Now));
    }

    [Fact]
    public void The_estimate_is_never_negative_nor_behind_what_the_in_progress_steps_need_by_their_own_estimate()
    {
        var random = new Random(11);
        string[] statuses = [StepStatus.Pending, StepStatus.InProgress, StepStatus.Completed, StepStatus.Failed, StepStatus.Skipped, StepStatus.Cancelled];
        for (var i = 0; i < 2000; i++)
        {
            var steps = StepCatalog.Numbers.Select(n =>
            {
                var status = statuses[random.Next(statuses.Length)];
                var estimate = TimeSpan.FromMilliseconds(random.Next(0, 60_000));
                var started = Now.AddMilliseconds(random.Next(-300_000, 5_000)); // a little in the future: another node's clock
                return new StepState(n, status, status == StepStatus.Pending ? null : started, status == StepStatus.Completed ? started.AddMilliseconds(random.Next(0, 90_000)) : null, estimate);
            }).ToList();

            var remaining = Remaining(steps, random.Next(1, 8), Now);

            if (steps.Any(s => s.Status == StepStatus.InProgress))
            {
                var needed = steps.Where(s => s.Status == StepStatus.InProgress).Max(s => s.Estimate - (Now > s.StartedAt!.Value ? Now - s.StartedAt.Value : TimeSpan.Zero));
                Assert.NotNull(remaining);
                Assert.True(remaining >= TimeSpan.FromSeconds(1) && remaining >= needed, $"case {i}: {remaining} left, in-progress steps need {needed}");
            }
            else
            {
                Assert.True(remaining is null || remaining >= TimeSpan.Zero, $"case {i}: {remaining}");
            }
        }
    }

    [Fact]
    public void Steps_that_cannot_run_because_a_need_failed_are_not_counted()
    {
        var steps = AllPending(TimeSpan.FromSeconds(10));
        steps[StepCatalog.OrderOf(StepCatalog.Offer)] = new StepState(StepCatalog.Offer, StepStatus.Failed, Now, Now, TimeSpan.FromSeconds(10));

        // Only the deck, then watch and registration, are left.
        Assert.Equal(TimeSpan.FromSeconds(20), Remaining(steps, 3, Now));
    }

    [Fact]
    public void Nothing_left_gives_no_estimate()
    {
        List<StepState> steps = [.. StepCatalog.Numbers.Select(n => new StepState(n, StepStatus.Completed, Now, Now, TimeSpan.FromSeconds(5)))];

        Assert.Null(Remaining(steps, 3, Now));
    }
}
