namespace Funnelcraft.Steps.Offer;

/// <summary>Step 2: the offer, following the 7-P framework.</summary>
public sealed record OfferContent : IStepContent
{
    public const decimal BookCallThreshold = 2000m;

    public required string Name { get; init; }
    public required string Tagline { get; init; }
    public required string Description { get; init; }
    public required decimal Price { get; init; }
    public required string Currency { get; init; }
    public required string Promise { get; init; }
    public required string Person { get; init; }
    public required string Process { get; init; }
    public required string Purpose { get; init; }
    /// <summary><c>book_call</c> when the price is at least 2000, else <c>direct_purchase</c>.</summary>
    public required string Pathway { get; init; }
    public required IReadOnlyList<OfferFeature> Features { get; init; }
    public required IReadOnlyList<OfferBonus> Bonuses { get; init; }
    public required string Guarantee { get; init; }

    public static string PathwayFor(decimal price) => price >= BookCallThreshold ? "book_call" : "direct_purchase";

    public IEnumerable<string> Validate()
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
            yield return "price must be greater than zero";
        }
        else if (Pathway != PathwayFor(Price))
        {
            yield return $"pathway must be '{PathwayFor(Price)}' for a price of {Price}";
        }

        foreach (var error in Check.Count(Features, "features", 3, 6).Concat(Check.Count(Bonuses, "bonuses", 3, 5)))
        {
            yield return error;
        }

        foreach (var error in Check.AllRequired(Features?.Select(f => f.Title), "features")
                     .Concat(Check.AllRequired(Bonuses?.Select(b => b.Title), "bonuses")))
        {
            yield return error;
        }
    }
}

public sealed record OfferFeature(string Title, string Description);

public sealed record OfferBonus(string Title, string Description, decimal Value);
