namespace Funnelcraft.Steps.Offer;

/// <summary>Step 2: the offer, following the 7-P framework.</summary>
public sealed record OfferContent : IStepContent
{
    public const decimal BookCallThreshold = 2000m;

    public required string Name { get; init; }
    public required string Tagline { get; init; }
    [LongText] public required string Description { get; init; }
    public required decimal Price { get; init; }
    public required string Currency { get; init; }
    [LongText] public required string Promise { get; init; }
    [LongText] public required string Person { get; init; }
    [LongText] public required string Process { get; init; }
    [LongText] public required string Purpose { get; init; }
    /// <summary><c>book_call</c> when the price is at least 2000, else <c>direct_purchase</c>.</summary>
    public required string Pathway { get; init; }
    public required IReadOnlyList<OfferFeature> Features { get; init; }
    public required IReadOnlyList<OfferBonus> Bonuses { get; init; }
    [LongText] public required string Guarantee { get; init; }

    /// <summary>The pathways, in the order a form offers them.</summary>
    public static IReadOnlyList<string> Pathways { get; } = ["direct_purchase", "book_call"];

    public static string PathwayFor(decimal price) => price >= BookCallThreshold ? "book_call" : "direct_purchase";

    public IEnumerable<ContentError> Validate()
    {
        foreach (var (value, field) in new[]
                 {
                     (Name, "name"), (Tagline, "tagline"), (Description, "description"), (Currency, "currency"),
                     (Promise, "promise"), (Person, "person"), (Process, "process"), (Purpose, "purpose"), (Guarantee, "guarantee"),
                 })
        {
            foreach (var error in Check.Required(value, field))
            {
                yield return error;
            }
        }

        if (Price <= 0)
        {
            yield return new("price", "price must be greater than zero");
        }
        else if (Price > MaxPrice)
        {
            yield return new("price", $"price must be at most {MaxPrice:N0}");
        }
        else if (Pathway != PathwayFor(Price))
        {
            yield return new("pathway", $"pathway must be '{PathwayFor(Price)}' for a price of {Price}");
        }

        foreach (var error in Check.Count(Features, "features", 3, 6).Concat(Check.Count(Bonuses, "bonuses", 3, 5))
                     .Concat(Check.EachRequired(Features, "features", "title", f => f.Title))
                     .Concat(Check.EachRequired(Bonuses, "bonuses", "title", b => b.Title))
                     .Concat((Bonuses ?? []).Select((b, i) => (b, i)).Where(x => x.b.Value < 0 || x.b.Value > MaxPrice)
                         .Select(x => new ContentError($"bonuses[{x.i}].value", $"bonuses item {x.i + 1} needs a value from 0 to {MaxPrice:N0}")))
                     .Concat(ContentText.Check(this)))
        {
            yield return error;
        }
    }

    /// <summary>The highest price (and bonus value) an offer can state.</summary>
    public const decimal MaxPrice = 10_000_000m;
}

public sealed record OfferFeature(string Title, [property: LongText] string Description);

public sealed record OfferBonus(string Title, [property: LongText] string Description, decimal Value);
