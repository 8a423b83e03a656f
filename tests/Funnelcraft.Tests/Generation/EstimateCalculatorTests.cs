using Funnelcraft.Generation.Estimates;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Steps;
using static Funnelcraft.Generation.Estimates.EstimateCalculator;

namespace Funnelcraft.Tests.Generation;

public sealed class EstimateCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static List<StepState> AllPending(TimeSpan each) =>
        [.. StepCatalog.Numbers.Select(n => new StepState(n, StepStatus.Pending, null, each))];

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
            StepCatalog.Deck => new StepState(n, StepStatus.InProgress, Now.AddSeconds(-45), TimeSpan.FromSeconds(60)),
            _ => new StepState(n, StepStatus.Completed, Now.AddSeconds(-50), TimeSpan.FromSeconds(10)),
        }).ToList();
        steps[StepCatalog.OrderOf(StepCatalog.Watch)] = new StepState(StepCatalog.Watch, StepStatus.Pending, null, TimeSpan.FromSeconds(10));

        var remaining = Remaining(steps, 3, Now);

        Assert.Equal(TimeSpan.FromSeconds(15 + 10), remaining);
    }

    [Fact]
    public void A_step_that_overran_its_estimate_still_has_a_little_left()
    {
        List<StepState> steps = [new(StepCatalog.Offer, StepStatus.InProgress, Now.AddSeconds(-100), TimeSpan.FromSeconds(20))];

        var remaining = Remaining(steps, 3, Now);

        Assert.Equal(TimeSpan.FromSeconds(2), remaining);
    }

    [Fact]
    public void Steps_that_cannot_run_because_a_need_failed_are_not_counted()
    {
        var steps = AllPending(TimeSpan.FromSeconds(10));
        steps[StepCatalog.OrderOf(StepCatalog.Offer)] = new StepState(StepCatalog.Offer, StepStatus.Failed, Now, TimeSpan.FromSeconds(10));

        // Only the deck, then watch and registration, are left.
        Assert.Equal(TimeSpan.FromSeconds(20), Remaining(steps, 3, Now));
    }

    [Fact]
    public void Nothing_left_gives_no_estimate()
    {
        List<StepState> steps = [.. StepCatalog.Numbers.Select(n => new StepState(n, StepStatus.Completed, Now, TimeSpan.FromSeconds(5)))];

        Assert.Null(Remaining(steps, 3, Now));
    }
}
