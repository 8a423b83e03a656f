using System.Text.RegularExpressions;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Enrollment;
using Funnelcraft.Steps.Followup;
using Funnelcraft.Steps.MarketingProfile;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Steps.Registration;
using Funnelcraft.Steps.Watch;

namespace Funnelcraft.Writers.Offline;

/// <summary>Whether the user asked for a shorter or a longer version.</summary>
internal enum LengthWish
{
    Same = 0,
    Shorter = -1,
    Longer = 1,
}

/// <summary>
/// The user's instruction for a version, as far as templates can follow it: a shorter or longer version changes the
/// length (<see cref="Lengths"/>); anything else ("more playful", "mention the guarantee first") is beyond templates,
/// so it is noted in the piece where a writer would leave a note (the offer's purpose, the deck's first slide…), for
/// the user to act on when they edit.
/// </summary>
internal sealed partial record UserRequest(string Text, LengthWish Length, bool Noted)
{
    /// <summary>The longest part of an instruction quoted in a note.</summary>
    private const int NoteChars = 200;

    /// <summary>Words that carry no wish of their own once the length is read ("make it a bit shorter, please").</summary>
    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "make", "it", "this", "that", "the", "a", "an", "bit", "little", "lot", "much", "please", "more", "and", "but", "also", "slightly",
        "somewhat", "way", "version", "copy", "text", "keep", "be", "so", "very", "too", "overall", "quite", "than", "now", "thanks",
        "thank", "you", "can", "could", "would", "i", "want", "like", "of", "everything", "all", "just", "even", "is", "less",
    };

    public static UserRequest? Read(string? instruction)
    {
        if (string.IsNullOrWhiteSpace(instruction))
        {
            return null;
        }

        var text = instruction.Trim();
        var shorter = Shorter().IsMatch(text);
        var longer = Longer().IsMatch(text);
        var length = shorter == longer ? LengthWish.Same : shorter ? LengthWish.Shorter : LengthWish.Longer;
        var rest = Longer().Replace(Shorter().Replace(text, " "), " ");
        var noted = Word().Matches(rest).Any(w => !Filler.Contains(w.Value));
        return new UserRequest(text, length, noted);
    }

    /// <summary>"Note for this version: “mention the guarantee first”."</summary>
    public string Note => $"Note for this version: “{(Text.Length <= NoteChars ? Text : Text[..NoteChars].TrimEnd() + "…")}”.";

    /// <summary>The content, shorter or longer as asked, with the note where this piece keeps one.</summary>
    public IStepContent ApplyTo(IStepContent content)
    {
        content = Length switch
        {
            LengthWish.Shorter => Lengths.Shorter(content),
            LengthWish.Longer => Lengths.Longer(content),
            _ => content,
        };
        return Noted ? WithNote(content) : content;
    }

    private IStepContent WithNote(IStepContent content) => content switch
    {
        OfferContent offer => offer with { Purpose = Then(offer.Purpose) },
        DeckPartContent part when part.Slides.Count > 0 && part.Slides[0].SlideNumber == 1 =>
            part with { Slides = [part.Slides[0] with { Description = $"{part.Slides[0].Description} Presenter's {Wording.LowerInitial(Note)}" }, .. part.Slides.Skip(1)] },
        EnrollmentContent page => page with { Opening = Then(page.Opening) },
        WatchContent page => page with { WatchPrompt = Then(page.WatchPrompt) },
        RegistrationContent page => page with { Subheadline = Then(page.Subheadline) },
        FollowupContent sequence => sequence with { SequenceDescription = Then(sequence.SequenceDescription) },
        MarketingProfileContent profile => profile with
        {
            BrandVoice = Lengths.WithinWords(profile.BrandVoice, MarketingProfileWriter.MaxWords - Wording.Words(Note)) + "\n\n" + Note,
        },
        _ => content, // the deck's outline and its other parts: the note is on the first slide
    };

    private string Then(string text) => $"{text.TrimEnd()} {Note}";

    [GeneratedRegex(@"\b(?:shorter|shorten|short|brief(?:er)?|concise|condensed?|tight(?:er|en)?|trim(?:med)?|cut(?: it)? down|succinct|punchier|fewer words|less wordy)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shorter();

    [GeneratedRegex(@"\b(?:longer|lengthen|long|expand(?:ed)?|more detail(?:s|ed)?|detailed|elaborate|fuller|in more depth|more depth|flesh(?: it)? out|extend(?:ed)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Longer();

    [GeneratedRegex(@"\p{L}[\p{L}'’-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
