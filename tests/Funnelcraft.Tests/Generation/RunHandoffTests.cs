using Funnelcraft.Generation;
using Funnelcraft.Projects;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Tests.Generation;

/// <summary>The node's run slots: never more than the limit in use, each slot given back once, nothing handed to a stopped worker.</summary>
public sealed class RunHandoffTests
{
    private static RunHandoff Slots(int max) => new(Options.Create(new GenerationOptions { MaxConcurrentRuns = max }));

    private static RunLeases.Claim Claim() => new(Guid.NewGuid(), Guid.NewGuid(), "node#1");

    private static RunState State(RunLeases.Claim claim) =>
        RunState.Of(new FunnelProject { Id = claim.ProjectId, OwnerId = "owner", Name = "p" }, new GenerationRun { Id = claim.RunId, Status = RunStatus.Queued, WriterModel = "offline" });

    [Fact]
    public void Nothing_is_reserved_before_the_worker_opens_or_beyond_the_limit()
    {
        var slots = Slots(2);
        Assert.False(slots.TryReserve()); // no worker yet: starts leave their runs queued for any node

        slots.Open();

        Assert.True(slots.TryReserve());
        Assert.True(slots.TryReserve());
        Assert.False(slots.TryReserve());
        Assert.Equal(2, slots.Busy);
        slots.Free();
        Assert.True(slots.TryReserve());
        Assert.Equal(2, slots.Busy);
    }

    [Fact]
    public void A_handed_over_run_keeps_its_slot_until_the_worker_frees_it()
    {
        var slots = Slots(1);
        slots.Open();
        Assert.True(slots.TryReserve());
        var claim = Claim();

        Assert.True(slots.HandOver(claim, State(claim)));

        Assert.Equal(1, slots.Busy);
        Assert.True(slots.TryTake(out var taken));
        Assert.Equal(claim, taken.Claim);
        Assert.False(slots.TryTake(out _));
        Assert.False(slots.TryReserve());
        slots.Free(); // the run ended
        Assert.Equal(0, slots.Busy);
    }

    [Fact]
    public void A_stopping_worker_returns_what_it_never_took_and_refuses_what_comes_after()
    {
        var slots = Slots(4);
        slots.Open();
        Assert.True(slots.TryReserve());
        Assert.True(slots.TryReserve());
        var first = Claim();
        var late = Claim();
        Assert.True(slots.HandOver(first, State(first)));

        var left = slots.Close();

        Assert.Equal([first], left.Select(h => h.Claim));
        Assert.Equal(1, slots.Busy); // the second reservation is still out
        Assert.False(slots.HandOver(late, State(late))); // the caller hands its lease back
        Assert.Equal(0, slots.Busy);
        Assert.False(slots.TryReserve());
    }
}
