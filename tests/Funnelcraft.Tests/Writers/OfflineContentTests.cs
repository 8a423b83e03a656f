using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Followup;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Steps.Registration;
using Funnelcraft.Writers;
using Funnelcraft.Writers.Offline;
using static Funnelcraft.Tests.Writers.OfflineIntakes;

namespace Funnelcraft.Tests.Writers;

public sealed class OfflineContentTests
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

    public static TheoryData<string> OddIntakeLabels() => [.. Odd().Select(o => o.Label)];

    [Theory]
    [MemberData(nameof(IntakesAndSteps))]
    public void Every_step_validates(string intake, string step)
    {
        var run = OfflineRun.Write(Named[intake].Facts);

        Assert.Empty(run.Step(step).Validate());
        Assert.Empty(run.Outline.Validate());
        Assert.All(run.Parts, part => Assert.Empty(part.Validate()));
    }

    [Theory]
    [MemberData(nameof(IntakesAndSteps))]
    public void Business_name_appears_in_every_step(string intake, string step)
    {
        var (facts, businessName) = Named[intake];

        Assert.Contains(businessName, OfflineRun.Write(facts).JsonOf(step), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OddIntakeLabels))]
    public void Odd_intakes_still_give_valid_content_for_every_step(string label)
    {
        var run = OfflineRun.Write(Odd().Single(o => o.Label == label).Facts);

        Assert.All(OfflineRun.StepKeys, step => Assert.Empty(run.Step(step).Validate()));
    }

    [Fact]
    public void Intake_without_any_answers_still_validates_with_neutral_wording()
    {
        var run = OfflineRun.Write(new IntakeBrief([]));

        Assert.All(OfflineRun.StepKeys, step => Assert.Empty(run.Step(step).Validate()));
        Assert.Equal("Your business", run.Profile.BusinessContext.BusinessName);
        Assert.Equal(997m, run.Offer.Price);
    }

    [Fact]
    public void Same_intake_gives_the_same_content()
    {
        foreach (var (facts, _) in Named.Values)
        {
            var first = OfflineRun.Write(facts);
            var second = OfflineRun.Write(new IntakeBrief([facts with { }]));

            Assert.All(OfflineRun.StepKeys, step => Assert.Equal(first.JsonOf(step), second.JsonOf(step)));
        }
    }

    [Fact]
    public void Different_intakes_give_different_content()
    {
        var bookkeeping = OfflineRun.Write(FullForm);
        var pilates = OfflineRun.Write(TranscriptOnly);

        Assert.All(OfflineRun.StepKeys, step => Assert.NotEqual(bookkeeping.JsonOf(step), pilates.JsonOf(step)));
    }

    [Fact]
    public void Deck_parts_written_from_the_outline_in_any_order_join_into_60_continuous_slides_in_arc_order()
    {
        var run = OfflineRun.Write(FullForm); // parts written last to first
        var slides = run.Parts.SelectMany(p => p.Slides).ToList();

        Assert.Equal(6, run.Parts.Count);
        Assert.All(run.Parts, part => Assert.Equal(10, part.Slides.Count));
        Assert.Equal(Enumerable.Range(1, 60), slides.Select(s => s.SlideNumber));
        AssertArcOrder(slides);
        Assert.Equal(run.Outline.Title, run.Deck.Title);
        Assert.Equal(run.Outline.Title, slides[0].Title);
        Assert.Empty(run.Deck.Validate());
    }

    [Fact]
    public void Deck_outline_names_the_method_and_briefs_every_part_with_what_its_slides_say()
    {
        var run = OfflineRun.Write(FullForm);

        Assert.Empty(run.Outline.Validate());
        Assert.InRange(run.Outline.Method.Steps.Count, 3, 5);
        Assert.Equal([(1, 10), (11, 20), (21, 30), (31, 40), (41, 50), (51, 60)], run.Outline.Parts.Select(p => (p.FirstSlide, p.LastSlide)));
        for (var i = 0; i < run.Parts.Count; i++)
        {
            Assert.All(run.Parts[i].Slides, slide => Assert.Contains(slide.Title, run.Outline.Parts[i].Brief, StringComparison.Ordinal));
        }

        Assert.Contains(run.Outline.Method.Name, string.Join(" ", run.Outline.Parts.Select(p => p.Brief)), StringComparison.Ordinal);
    }

    [Fact]
    public void Deck_parts_teach_the_method_the_outline_gives_not_one_of_their_own()
    {
        var brief = new IntakeBrief([FullForm]);
        var outline = (DeckOutline)OfflineContent.Write("deck-outline", brief, null, null) with
        {
            Method = new TeachingMethod("the Zebra Ledger Method",
            [
                new("Gather", "get every receipt in one place", "Collect the month's receipts and statements in one folder."),
                new("Match", "match receipts to the bank feed", "Tick off every bank line against a receipt."),
                new("Close", "close the month in one sitting", "Reconcile, review and lock the month."),
            ]),
        };

        var parts = outline.Parts.Select((p, i) => (DeckPartContent)OfflineContent.Write("deck-structure", brief, null, null,
            new DeckBlocks(null, outline, new DeckPartRequest(i + 1, outline.Parts.Count, p.FirstSlide, p.LastSlide, 60, "", p.Brief)))).ToList();

        var teaching = string.Join("\n", parts.SelectMany(p => p.Slides).Where(s => s.Section == "solution").Select(s => $"{s.Title}: {s.Description}"));
        Assert.Contains("the Zebra Ledger Method", teaching, StringComparison.Ordinal);
        Assert.Contains("Phase 2: Match — match receipts to the bank feed", teaching, StringComparison.Ordinal);
        Assert.DoesNotContain(Method.For(BusinessFacts.From(brief)).Name, teaching, StringComparison.Ordinal);
        Assert.All(parts, part => Assert.Empty(part.Validate()));
    }

    [Fact]
    public void A_deck_part_with_too_few_or_misnumbered_slides_does_not_validate()
    {
        var part = OfflineRun.Write(FullForm).Parts[2];

        Assert.Empty(part.Validate());
        Assert.Contains("this part must hold slides 21–30 (10 slides), it has 9", (part with { Slides = [.. part.Slides.Take(9)] }).Validate().Select(e => e.Message));
        Assert.Contains("slide 1 of this part is numbered 22, expected 21", (part with { Slides = [.. part.Slides.Skip(1)], Expected = new SlideRange(21, 29) }).Validate().Select(e => e.Message));
        Assert.Empty((part with { Slides = [.. part.Slides, part.Slides[0] with { SlideNumber = 31 }] }).Validate()); // a slide too many is dropped
        Assert.Equal(10, (part with { Slides = [.. part.Slides, part.Slides[0] with { SlideNumber = 31 }] }).InRange().Count);
    }

    [Fact]
    public void A_deck_outline_whose_parts_do_not_match_the_plan_does_not_validate()
    {
        var outline = OfflineRun.Write(FullForm).Outline;

        Assert.Contains("part 2 must cover slides 11–20 (it says 11–25)",
            (outline with { Parts = [.. outline.Parts.Select((p, i) => i == 1 ? p with { LastSlide = 25 } : p)] }).Validate().Select(e => e.Message));
        Assert.Contains("parts must have exactly 6 items (got 5)", (outline with { Parts = [.. outline.Parts.Take(5)] }).Validate().Select(e => e.Message));
        Assert.Contains("method.steps must have 3–5 items (got 2)",
            (outline with { Method = outline.Method with { Steps = [.. outline.Method.Steps.Take(2)] } }).Validate().Select(e => e.Message));
    }

    [Fact]
    public void Deck_sections_have_webinar_proportions()
    {
        var slides = OfflineRun.Write(FullForm).Deck.Slides;
        var counts = DeckContent.Sections.ToDictionary(s => s, s => slides.Count(x => x.Section == s));

        Assert.Equal(counts.Values.Max(), counts["solution"]);
        Assert.InRange(counts["hook"], 3, 8);
        Assert.InRange(counts["close"], 3, 8);
        Assert.InRange(counts["offer"], 8, 18);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(45)]
    [InlineData(80)]
    public void Deck_arc_holds_for_other_deck_lengths(int totalSlides)
    {
        var run = OfflineRun.Write(HighTicket, totalSlides);
        var slides = run.Deck.Slides;

        Assert.Equal(Enumerable.Range(1, totalSlides), slides.Select(s => s.SlideNumber));
        AssertArcOrder(slides);
        Assert.All(run.Parts, part => Assert.Empty(part.Validate()));
        Assert.Equal(totalSlides, slides.Select(s => s.Title).Distinct().Count());
    }

    [Fact]
    public void Deck_slides_talk_about_the_business_problem_and_outcome()
    {
        var deck = OfflineRun.Write(FullForm).JsonOf("deck-structure");

        Assert.Contains("sorting receipts", deck, StringComparison.Ordinal);
        Assert.Contains("clean monthly books", deck, StringComparison.Ordinal);
        Assert.Contains("spreadsheets and a shoebox of receipts", deck, StringComparison.Ordinal);
    }

    [Fact]
    public void Offer_price_of_5000_takes_the_book_call_pathway()
    {
        var run = OfflineRun.Write(HighTicket);

        Assert.Equal(5000m, run.Offer.Price);
        Assert.Equal("book_call", run.Offer.Pathway);
        Assert.Contains("call", run.Enrollment.CtaText, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("$997", 997, "USD")]
    [InlineData("2,500 USD", 2500, "USD")]
    [InlineData("about 3k", 3000, "USD")]
    [InlineData("€1500", 1500, "EUR")]
    [InlineData("1.500,00 €", 1500, "EUR")]
    [InlineData("£297 per month", 297, "GBP")]
    [InlineData("3 payments of $497", 497, "USD")]
    [InlineData("CHF 1'200", 1200, "CHF")]
    public void Offer_reads_price_and_currency_from_the_price_point(string pricePoint, int price, string currency)
    {
        var offer = (OfferContent)OfflineContent.Write("offer", new IntakeBrief([FullForm with { PricePoint = pricePoint }]), null, null, null);

        Assert.Equal(price, offer.Price);
        Assert.Equal(currency, offer.Currency);
        Assert.Equal(OfferContent.PathwayFor(price), offer.Pathway);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not sure yet")]
    public void Offer_without_a_usable_price_defaults_to_997_direct_purchase(string? pricePoint)
    {
        var offer = (OfferContent)OfflineContent.Write("offer", new IntakeBrief([FullForm with { PricePoint = pricePoint }]), null, null, null);

        Assert.Equal(997m, offer.Price);
        Assert.Equal("USD", offer.Currency);
        Assert.Equal("direct_purchase", offer.Pathway);
    }

    [Fact]
    public void Offer_is_grounded_in_the_intake()
    {
        var offer = OfflineRun.Write(FullForm).Offer;

        Assert.Contains("Bright Path Bookkeeping", offer.Name, StringComparison.Ordinal);
        Assert.Contains("90-Day", offer.Name, StringComparison.Ordinal);
        Assert.Contains("clean monthly books", offer.Promise, StringComparison.Ordinal);
        Assert.Contains("owners of small service businesses", offer.Person, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("spend their evenings sorting receipts", offer.Person, StringComparison.Ordinal);
        Assert.Contains("in 90 days", offer.Tagline, StringComparison.Ordinal);
        Assert.InRange(offer.Features.Count, 3, 6);
        Assert.InRange(offer.Bonuses.Count, 3, 5);
        Assert.All(offer.Bonuses, b => Assert.True(b.Value > 0));
    }

    [Fact]
    public void Transcript_only_intake_takes_name_problem_outcome_and_price_from_the_transcript()
    {
        var offer = OfflineRun.Write(TranscriptOnly).Offer;

        Assert.Contains("Harbor Lane Pilates", offer.Name, StringComparison.Ordinal);
        Assert.Contains("back pain", offer.Person, StringComparison.Ordinal);
        Assert.Contains("feel strong", offer.Promise, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("YouTube workouts", offer.Description, StringComparison.Ordinal);
        Assert.Contains("12-Week", offer.Name, StringComparison.Ordinal);
        Assert.Equal(1200m, offer.Price);
    }

    [Fact]
    public void Form_answers_win_over_the_transcript_and_the_newest_intake_wins_over_older_ones()
    {
        var older = TranscriptOnly with { BusinessName = "Old Name Studio" };
        var newer = FullForm with { TranscriptText = TranscriptOnly.TranscriptText };

        var offer = OfflineRun.Write(new IntakeBrief([newer, older])).Offer;

        Assert.Contains("Bright Path Bookkeeping", offer.Name, StringComparison.Ordinal);
        Assert.Equal(997m, offer.Price);
    }

    [Fact]
    public void Enrollment_uses_the_offer_name_price_and_deck_title()
    {
        var run = OfflineRun.Write(FullForm);
        var enrollment = run.JsonOf("enrollment");

        Assert.Contains(run.Offer.Name, run.Enrollment.Headline, StringComparison.Ordinal);
        Assert.Contains("$997", enrollment, StringComparison.Ordinal);
        Assert.Contains(run.Deck.Title, enrollment, StringComparison.Ordinal);
    }

    [Fact]
    public void Watch_takeaways_come_from_the_deck_solution_slides()
    {
        var run = OfflineRun.Write(FullForm);
        var solutionTitles = run.Deck.Slides.Where(s => s.Section == "solution").Select(s => s.Title).ToList();

        Assert.InRange(run.Watch.KeyTakeaways.Count, 3, 7);
        Assert.All(run.Watch.KeyTakeaways, t => Assert.Contains(solutionTitles, title => t.StartsWith(title, StringComparison.Ordinal)));
    }

    [Fact]
    public void Registration_has_five_bullets_and_names_the_offer_when_there_is_one()
    {
        var run = OfflineRun.Write(FullForm);
        var withoutOffer = (RegistrationContent)OfflineContent.Write("registration", new IntakeBrief([FullForm]), null, run.Deck, null);

        Assert.Equal(5, run.Registration.BulletPoints.Count);
        Assert.Contains(run.Offer.Name, run.JsonOf("registration"), StringComparison.Ordinal);
        Assert.Equal(5, withoutOffer.BulletPoints.Count);
        Assert.Empty(withoutOffer.Validate());
    }

    [Fact]
    public void Followup_sends_one_email_per_segment_in_order_naming_the_offer()
    {
        var run = OfflineRun.Write(HighTicket);
        var messages = run.Followup.Messages;

        Assert.Equal(FollowupContent.Segments, messages.Select(m => m.Segment));
        Assert.Equal([1, 2, 3, 4, 5], messages.Select(m => m.MessageOrder));
        Assert.All(messages, m => Assert.Equal("email", m.Channel));
        Assert.All(messages.Zip(messages.Skip(1)), pair => Assert.True(pair.First.SendDelayHours < pair.Second.SendDelayHours));
        Assert.All(messages, m => Assert.Contains(run.Offer.Name, m.SubjectLine, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Contains(run.Offer.Name, m.BodyContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Marketing_profile_describes_this_business_voice_within_300_to_500_words()
    {
        foreach (var (facts, businessName) in Named.Values)
        {
            var profile = OfflineRun.Write(facts).Profile;
            var words = profile.BrandVoice.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

            Assert.InRange(words, 300, 500);
            Assert.Contains(businessName, profile.BrandVoice, StringComparison.Ordinal);
            Assert.Equal(businessName, profile.BusinessContext.BusinessName);
        }
    }

    [Fact]
    public void Marketing_profile_tone_follows_the_industry()
    {
        var bookkeeping = OfflineRun.Write(FullForm).Profile;
        var pilates = OfflineRun.Write(TranscriptOnly).Profile;

        Assert.NotEqual(bookkeeping.ToneSettings.PrimaryTone, pilates.ToneSettings.PrimaryTone);
        Assert.Equal(997m, bookkeeping.ProductKnowledge.Price);
    }

    [Fact]
    public void Output_is_plain_text_without_markup()
    {
        var run = OfflineRun.Write(FullForm);

        Assert.All(OfflineRun.StepKeys, step => Assert.DoesNotMatch("[<>]", run.JsonOf(step)));
    }

    [Fact]
    public void Markup_in_the_intake_is_carried_as_text_and_nothing_else_is_added()
    {
        const string hostile = "<script>alert('x')</script> Studio";
        var run = OfflineRun.Write(FullForm with { BusinessName = hostile });

        Assert.All(OfflineRun.StepKeys, step =>
        {
            var json = run.JsonOf(step);
            Assert.Contains(hostile, json, StringComparison.Ordinal);
            Assert.DoesNotMatch("[<>]", json.Replace("<script>", "", StringComparison.Ordinal).Replace("</script>", "", StringComparison.Ordinal));
            Assert.Empty(run.Step(step).Validate());
        });
    }

    [Fact]
    public void Unknown_step_key_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OfflineContent.Write("landing-page", new IntakeBrief([FullForm]), null, null, null));
    }

    private static void AssertArcOrder(IReadOnlyList<Slide> slides)
    {
        var order = slides.Select(s => DeckContent.Sections.ToList().IndexOf(s.Section)).ToList();

        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Equal(DeckContent.Sections, slides.Select(s => s.Section).Distinct());
    }
}
