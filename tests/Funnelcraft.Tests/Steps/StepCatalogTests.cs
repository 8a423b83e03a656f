using Funnelcraft.Steps;

namespace Funnelcraft.Tests.Steps;

public sealed class StepCatalogTests
{
    [Fact]
    public void The_steps_are_the_contracts_numbers_in_progress_order() =>
        Assert.Equal([2, 3, 5, 8, 9, 11, 0], StepCatalog.Numbers);

    [Theory]
    [InlineData("2", 2)]
    [InlineData("0", 0)]
    [InlineData("offer", 2)]
    [InlineData("Deck-Structure", 3)]
    [InlineData("marketing-profile", 0)]
    public void Steps_parse_by_number_or_key(string value, int expected)
    {
        Assert.True(StepCatalog.TryParse(value, out var step));
        Assert.Equal(expected, step.Number);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData("banana")]
    [InlineData("")]
    public void Unknown_steps_do_not_parse(string value) => Assert.False(StepCatalog.TryParse(value, out _));

    [Fact]
    public void Dependents_are_transitive()
    {
        Assert.Equal([0, 5, 11], StepCatalog.DependentsOf(StepCatalog.Offer).Order());
        Assert.Equal([5, 8, 9], StepCatalog.DependentsOf(StepCatalog.Deck).Order());
        Assert.Empty(StepCatalog.DependentsOf(StepCatalog.Watch));
    }

    [Fact]
    public void The_steps_written_from_a_step_include_those_that_use_it_when_it_is_there()
    {
        Assert.Equal([0, 5, 9, 11], StepCatalog.WrittenFrom(StepCatalog.Offer).Order());
        Assert.Equal([5, 8, 9], StepCatalog.WrittenFrom(StepCatalog.Deck).Order());
        Assert.Empty(StepCatalog.WrittenFrom(StepCatalog.MarketingProfile));
    }
}
