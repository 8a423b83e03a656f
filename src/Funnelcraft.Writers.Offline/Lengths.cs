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

/// <summary>
/// Shorter and longer versions of written content, as a copywriter makes them: a shorter one keeps the first
/// sentences and the first items of lists that may shrink; a longer one adds a sentence where it helps and items
/// where a list may grow. Counts the content's rules fix (60 slides, 5 bullet points, one e-mail per segment) stay.
/// </summary>
internal static partial class Lengths
{
    public static IStepContent Shorter(IStepContent content) => content switch
    {
        OfferContent o => o with
        {
            Description = First(o.Description, 1),
            Person = First(o.Person, 1),
            Purpose = First(o.Purpose, 1),
            Features = [.. o.Features.Take(3).Select(f => f with { Description = First(f.Description, 1) })],
            Bonuses = [.. o.Bonuses.Take(3).Select(b => b with { Description = First(b.Description, 1) })],
        },
        DeckPartContent p => p with { Slides = [.. p.Slides.Select(s => s with { Description = First(s.Description, 1) })] },
        EnrollmentContent e => e with
        {
            Opening = First(e.Opening, 2),
            ProblemSection = e.ProblemSection with { Content = First(e.ProblemSection.Content, 1) },
            SolutionSection = e.SolutionSection with { Content = First(e.SolutionSection.Content, 1) },
            UrgencyText = First(e.UrgencyText, 1),
        },
        WatchContent w => w with { WatchPrompt = First(w.WatchPrompt, 1), CtaSubtext = First(w.CtaSubtext, 1), KeyTakeaways = [.. w.KeyTakeaways.Take(3)] },
        RegistrationContent r => r with { BulletPoints = [.. r.BulletPoints.Select(Clause)], TrustStatement = First(r.TrustStatement, 1) },
        FollowupContent f => f with
        {
            SequenceDescription = First(f.SequenceDescription, 1),
            Messages = [.. f.Messages.Select(m => m with { BodyContent = string.Join("\n\n", m.BodyContent.Split("\n\n").Select(p => First(p, 1))) })],
        },
        _ => content, // the deck's outline is not shown; the profile's length is chosen as it is written
    };

    public static IStepContent Longer(IStepContent content) => content switch
    {
        OfferContent o => o with
        {
            Description = $"{o.Description} Every phase fits around a real week, and nothing is left to guesswork.",
            Person = $"{o.Person} They are not looking for a quick fix; they want a way of working that lasts.",
            Purpose = $"{o.Purpose} Every part of it is there because people in exactly this situation needed it.",
            Features = [.. o.Features, .. ExtraFeatures(o).Take(Math.Max(0, 6 - o.Features.Count))],
        },
        DeckPartContent p => p with { Slides = [.. p.Slides.Select(s => s with { Description = $"{s.Description} {Tip(s.Section)}" })] },
        EnrollmentContent e => e with
        {
            Opening = $"{e.Opening} This page walks you through exactly what that way looks like.",
            ProblemSection = e.ProblemSection with { Content = $"{e.ProblemSection.Content} And the longer it goes on, the more normal it starts to feel, which is exactly why it rarely fixes itself." },
            SolutionSection = e.SolutionSection with { Content = $"{e.SolutionSection.Content} Each step builds on the one before, so progress adds up instead of starting over every Monday." },
        },
        WatchContent w => w with
        {
            Subheadline = $"{w.Subheadline} Set aside the time, close your other tabs and take notes as you go.",
            WatchPrompt = $"{w.WatchPrompt} Write down the one idea you can act on this week; that is where results start.",
        },
        RegistrationContent r => r with
        {
            Subheadline = $"{r.Subheadline} It is practical, specific and built for people with busy weeks.",
            TrustStatement = $"{r.TrustStatement} Your details are never shared or sold.",
        },
        FollowupContent f => f with
        {
            SequenceDescription = $"{f.SequenceDescription} Each message is short, personal and ends with one clear next step.",
            Messages = [.. f.Messages.Select(m => m with { BodyContent = $"{m.BodyContent}\n\nP.S. Just reply to this e-mail if you have a question: a real person reads every reply." })],
        },
        _ => content,
    };

    /// <summary>The text cut to whole sentences within <paramref name="maxWords"/> words (at least its first sentence).</summary>
    public static string WithinWords(string text, int maxWords)
    {
        if (Wording.Words(text) <= maxWords)
        {
            return text;
        }

        var kept = new List<string>();
        var words = 0;
        foreach (var sentence in Sentences(text))
        {
            var count = Wording.Words(sentence);
            if (kept.Count > 0 && words + count > maxWords)
            {
                break;
            }

            kept.Add(sentence);
            words += count;
        }

        return string.Concat(kept).TrimEnd();
    }

    /// <summary>The first <paramref name="count"/> sentences of <paramref name="text"/> (line breaks inside them kept).</summary>
    private static string First(string text, int count) => string.Concat(Sentences(text).Take(count)).TrimEnd();

    /// <summary>A bullet point up to its first clause: "The real reason X, and why it isn't your fault" → "The real reason X".</summary>
    private static string Clause(string text)
    {
        var comma = text.IndexOf(", ", StringComparison.Ordinal);
        return comma >= 15 ? text[..comma] : text;
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Where(s => s.Length > 0);

    private static IEnumerable<OfferFeature> ExtraFeatures(OfferContent o) =>
    [
        new("Lifetime access and updates", $"Keep every lesson, template and future update of {o.Name}, so you can come back to any phase whenever you need it."),
        new("Priority e-mail support", "Send a question between calls and get a clear, personal answer within one working day."),
        new("Printable phase checklists", "One page per phase with the exact actions to tick off, so you always know what to do next."),
    ];

    private static string Tip(string section) => section switch
    {
        "hook" => "Pause here and let the question land before moving on.",
        "problem" => "Ask viewers to type \"me too\" in the chat if this sounds familiar.",
        "agitate" => "Slow down on this slide and let the cost sink in.",
        "solution" => "Give one concrete example before moving to the next slide.",
        "offer" => "Keep the tone calm and factual: show what is included rather than push.",
        _ => "Repeat the next step clearly and leave the link on screen.",
    };

    /// <summary>Splits after a sentence's end (". ", "! ", "? "), keeping the end and its space with the sentence.</summary>
    [GeneratedRegex(@"(?<=[.!?][""”’)]?\s)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
