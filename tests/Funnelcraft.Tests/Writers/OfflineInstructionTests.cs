using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.MarketingProfile;
using Funnelcraft.Writers;
using Funnelcraft.Writers.Offline;
using static Funnelcraft.Tests.Writers.OfflineIntakes;

namespace Funnelcraft.Tests.Writers;

/// <summary>The offline writer and the user's instruction: a shorter or longer version changes the length; anything else is noted.</summary>
public sealed class OfflineInstructionTests
{
    public static TheoryData<string, string> IntakesAndSteps()
    {
        var data = new TheoryData<string, string>();
        foreach (var intake in Named.Keys)
        {
            foreach (var step in OfflineRun.StepKeys)
            {
                data.Add(intake, step);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IntakesAndSteps))]
    public void Shorter_is_shorter_and_longer_is_longer_and_both_still_validate(string intake, string step)
    {
        var facts = Named[intake].Facts;

        var usual = Step(facts, step, null);
        var shorter = Step(facts, step, "Make it shorter");
        var longer = Step(facts, step, "a bit longer please, with more detail");

        Assert.True(Words(shorter) < Words(usual), $"shorter: {Words(shorter)} < {Words(usual)} words");
        Assert.True(Words(longer) > Words(usual), $"longer: {Words(longer)} > {Words(usual)} words");
        Assert.Empty(shorter.Validate());
        Assert.Empty(longer.Validate());
        Assert.DoesNotContain("Note for this version", OfflineRun.Serialize(shorter), StringComparison.Ordinal); // a length is followed, not noted
        Assert.Contains(Named[intake].BusinessName, OfflineRun.Serialize(shorter), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IntakesAndSteps))]
    public void What_templates_cannot_follow_is_noted_where_a_writer_would_leave_a_note(string intake, string step)
    {
        var facts = Named[intake].Facts;

        var noted = Step(facts, step, "mention the guarantee first");
        var playful = Step(facts, step, "shorter, more playful");

        Assert.Contains("note for this version: “mention the guarantee first”.", OfflineRun.Serialize(noted), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("“shorter, more playful”", OfflineRun.Serialize(playful), StringComparison.Ordinal);
        Assert.True(Words(playful) < Words(Step(facts, step, "mention the guarantee first")), "shorter, and noted");
        Assert.Empty(noted.Validate());
        Assert.Empty(playful.Validate());
    }

    [Fact]
    public void The_deck_notes_an_instruction_on_its_first_slide_only()
    {
        var run = OfflineRun.Write(FullForm);
        var request = "open with a story about a client";

        var parts = run.Outline.Parts.Select((p, i) => (DeckPartContent)OfflineContent.Write("deck-structure", new IntakeBrief([FullForm]), null, null,
            new DeckBlocks(null, run.Outline, new DeckPartRequest(i + 1, run.Outline.Parts.Count, p.FirstSlide, p.LastSlide, 60, "", p.Brief)), request)).ToList();

        var slides = parts.SelectMany(p => p.Slides).ToList();
        Assert.Contains($"Presenter's note for this version: “{request}”.", slides[0].Description, StringComparison.Ordinal);
        Assert.All(slides.Skip(1), s => Assert.DoesNotContain(request, s.Description, StringComparison.Ordinal));
        Assert.Equal(run.Deck.Slides.Select(s => s.Title), slides.Select(s => s.Title)); // the same deck otherwise
    }

    [Fact]
    public void A_long_instruction_is_quoted_in_part_and_the_brand_voice_stays_within_its_words()
    {
        var instruction = string.Concat(Enumerable.Repeat("Use the words our customers use on the phone. ", 22))[..StepInputs.MaxInstructionLength];

        var profile = (MarketingProfileContent)Step(FullForm, "marketing-profile", instruction);
        var offer = Step(FullForm, "offer", instruction);

        Assert.Empty(profile.Validate()); // 300–500 words, note included
        Assert.EndsWith("…”.", profile.BrandVoice, StringComparison.Ordinal);
        Assert.InRange(OfflineRun.Serialize(offer).Length - OfflineRun.Serialize(Step(FullForm, "offer", null)).Length, 20, 260);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData(null)]
    public void No_instruction_changes_nothing(string? instruction)
    {
        Assert.All(OfflineRun.StepKeys, step =>
            Assert.Equal(OfflineRun.Serialize(Step(FullForm, step, null)), OfflineRun.Serialize(Step(FullForm, step, instruction))));
    }

    [Fact]
    public void Odd_intakes_with_instructions_still_validate()
    {
        Assert.All(Odd(), odd => Assert.All(OfflineRun.StepKeys, step => Assert.All(
            ["shorter", "longer", "more playful", "kürzer bitte 🙏"],
            instruction => Assert.Empty(Step(odd.Facts, step, instruction).Validate()))));
    }

    /// <summary>A step's content as a run writes it, with <paramref name="instruction"/> for that step (the deck: every part, joined).</summary>
    private static IStepContent Step(IntakeFacts facts, string step, string? instruction)
    {
        var brief = new IntakeBrief([facts]);
        var run = OfflineRun.Write(facts);
        if (step != "deck-structure")
        {
            return OfflineContent.Write(step, brief, run.Offer, run.Deck, null, instruction);
        }

        var parts = run.Outline.Parts.Select((p, i) => (DeckPartContent)OfflineContent.Write("deck-structure", brief, null, null,
            new DeckBlocks(null, run.Outline, new DeckPartRequest(i + 1, run.Outline.Parts.Count, p.FirstSlide, p.LastSlide, 60, "", p.Brief)), instruction));
        return new DeckContent { Title = run.Outline.Title, Slides = [.. parts.SelectMany(p => p.InRange())] };
    }

    private static int Words(IStepContent content) => OfflineRun.Serialize(content).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
