namespace Funnelcraft.Steps.Followup;

/// <summary>Step 11: the follow-up e-mail sequence after the webinar, one message per segment.</summary>
public sealed record FollowupContent : IStepContent
{
    public static IReadOnlyList<string> Segments { get; } = ["no_show", "skimmer", "sampler", "engaged", "hot"];

    /// <summary>The longest send delay a message can have: four weeks.</summary>
    public const int MaxSendDelayHours = 24 * 28;

    public required string SequenceName { get; init; }
    [LongText] public required string SequenceDescription { get; init; }
    public required IReadOnlyList<FollowupMessage> Messages { get; init; }

    public IEnumerable<ContentError> Validate()
    {
        foreach (var error in Check.Required(SequenceName, "sequenceName")
                     .Concat(Check.Required(SequenceDescription, "sequenceDescription"))
                     .Concat(Check.Count(Messages, "messages", 3, 10)))
        {
            yield return error;
        }

        for (var i = 0; i < (Messages?.Count ?? 0); i++)
        {
            var (message, field) = (Messages![i], $"messages[{i}]");
            if (string.IsNullOrWhiteSpace(message.SubjectLine))
            {
                yield return new($"{field}.subjectLine", $"message {i + 1} needs a subject line");
            }

            if (string.IsNullOrWhiteSpace(message.BodyContent))
            {
                yield return new($"{field}.bodyContent", $"message {i + 1} needs a body");
            }

            foreach (var error in Check.OneOf(message.Segment, Segments, $"{field}.segment", $"message {i + 1}'s segment"))
            {
                yield return error;
            }

            if (message.SendDelayHours is < 0 or > MaxSendDelayHours)
            {
                yield return new($"{field}.sendDelayHours", $"message {i + 1} needs a send delay from 0 to {MaxSendDelayHours} hours");
            }
        }

        foreach (var error in ContentText.Check(this))
        {
            yield return error;
        }
    }
}

public sealed record FollowupMessage(
    string Name,
    int MessageOrder,
    string Channel,
    int SendDelayHours,
    string SubjectLine,
    [property: LongText] string BodyContent,
    string Segment);
