using Funnelcraft.Generation.Runs;
using Funnelcraft.Steps;

namespace Funnelcraft.Tests.Generation;

/// <summary>What a start writes and keeps, decided from the steps' current versions (step → is it the user's edit).</summary>
public sealed class RunScopeTests
{
    private static readonly Dictionary<int, bool> AllGenerated = StepCatalog.Numbers.ToDictionary(n => n, _ => false);

    private static Dictionary<int, bool> Edited(params int[] steps) => StepCatalog.Numbers.ToDictionary(n => n, steps.Contains);

    [Fact]
    public void A_first_run_writes_every_step_without_content_and_keeps_the_rest()
    {
        var kept = RunScope.AllSteps(regenerate: false, overwriteEdits: false).Kept(new Dictionary<int, bool> { [StepCatalog.Offer] = true });

        Assert.Equal(new Dictionary<int, string> { [StepCatalog.Offer] = RunScope.ExistingContentKept }, kept);
    }

    [Fact]
    public void Regenerating_all_keeps_the_users_edits_unless_told_to_overwrite_them()
    {
        var current = Edited(StepCatalog.Offer, StepCatalog.Watch);

        Assert.Equal(new Dictionary<int, string> { [StepCatalog.Offer] = RunScope.YourEditsKept, [StepCatalog.Watch] = RunScope.YourEditsKept },
            RunScope.AllSteps(regenerate: true, overwriteEdits: false).Kept(current));
        Assert.Empty(RunScope.AllSteps(regenerate: true, overwriteEdits: true).Kept(current));
        Assert.Empty(RunScope.AllSteps(regenerate: true, overwriteEdits: false).Kept(AllGenerated));
    }

    [Fact]
    public void One_step_alone_keeps_every_other_step_saying_whether_it_has_content()
    {
        var current = new Dictionary<int, bool>(AllGenerated);
        current.Remove(StepCatalog.Followup);

        var kept = RunScope.OneStep(StepCatalog.Deck, "shorter", withDependents: false, overwriteEdits: false).Kept(current);

        Assert.Equal(StepCatalog.Numbers.Where(n => n != StepCatalog.Deck).Order(), kept.Keys.Order());
        Assert.Equal(RunScope.NotInThisRun, kept[StepCatalog.Followup]);
        Assert.All(kept.Where(k => k.Key != StepCatalog.Followup), k => Assert.Equal(RunScope.ExistingContentKept, k.Value));
    }

    [Fact]
    public void The_step_asked_for_is_written_even_when_edited_and_an_edited_dependent_only_with_overwrite()
    {
        var current = Edited(StepCatalog.Offer, StepCatalog.Registration);

        var kept = RunScope.OneStep(StepCatalog.Offer, null, withDependents: true, overwriteEdits: false).Kept(current);
        var overwritten = RunScope.OneStep(StepCatalog.Offer, null, withDependents: true, overwriteEdits: true).Kept(current);

        Assert.Equal(new Dictionary<int, string> { [StepCatalog.Deck] = RunScope.ExistingContentKept, [StepCatalog.Watch] = RunScope.ExistingContentKept,
            [StepCatalog.Registration] = RunScope.YourEditsKept }, kept);
        Assert.Equal(new Dictionary<int, string> { [StepCatalog.Deck] = RunScope.ExistingContentKept, [StepCatalog.Watch] = RunScope.ExistingContentKept }, overwritten);
    }

    [Theory]
    [InlineData("  shorter  ", "shorter")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void The_instruction_is_trimmed_and_a_blank_one_is_none(string? given, string? kept) =>
        Assert.Equal(kept, RunScope.OneStep(StepCatalog.Offer, given, withDependents: false, overwriteEdits: false).Instruction);

    [Theory]
    [InlineData(VersionSource.Edited, null, true)]
    [InlineData(VersionSource.Restored, null, true)]
    [InlineData(VersionSource.Restored, "offline:offline-templates", false)]
    [InlineData(VersionSource.Generated, "offline:offline-templates", false)]
    public void A_version_is_the_users_own_when_edited_or_a_copy_of_an_edit(string source, string? writer, bool users) =>
        Assert.Equal(users, VersionSource.IsUsersEdit(source, writer));
}
