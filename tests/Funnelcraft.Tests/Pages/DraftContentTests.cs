using Funnelcraft.Pages.FunnelBuilder;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Followup;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Tests.Pages;

/// <summary>A preview read as its step's content record for the draft: what has arrived kept, everything else empty.</summary>
public sealed class DraftContentTests
{
    [Fact]
    public void A_partial_offer_keeps_what_arrived_and_empties_the_rest()
    {
        var offer = Assert.IsType<OfferContent>(DraftContent.Read("""{"name":"Clinic Growth","tagline":"Fill your di"}""", typeof(OfferContent)));
        Assert.Equal("Clinic Growth", offer.Name);
        Assert.Equal("Fill your di", offer.Tagline);
        Assert.Equal("", offer.Description);
        Assert.Equal(0m, offer.Price);
        Assert.Empty(offer.Features);
        Assert.Empty(offer.Bonuses);
    }

    [Fact]
    public void List_items_are_filled_too_and_wrong_types_become_empty()
    {
        var deck = Assert.IsType<DeckContent>(DraftContent.Read(
            """{"title":"T","slides":[{"slideNumber":1,"title":"Welcome","description":"Hel"},{"slideNumber":"2","title":7}]}""", typeof(DeckContent)));
        Assert.Equal(2, deck.Slides.Count);
        Assert.Equal(new Slide(1, "Welcome", "Hel", ""), deck.Slides[0]);
        Assert.Equal(new Slide(0, "", "", ""), deck.Slides[1]);

        var followup = Assert.IsType<FollowupContent>(DraftContent.Read("""{"sequenceName":["x"],"messages":"none"}""", typeof(FollowupContent)));
        Assert.Equal("", followup.SequenceName);
        Assert.Empty(followup.Messages);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"name\":")]
    [InlineData("")]
    public void What_is_not_a_JSON_object_is_no_draft(string json) => Assert.Null(DraftContent.Read(json, typeof(OfferContent)));
}
