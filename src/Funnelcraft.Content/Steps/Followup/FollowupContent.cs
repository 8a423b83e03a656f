namespace Funnelcraft.Steps.Followup;

/// <summary>Step 11: the follow-up e-mail sequence after the webinar, one message per segment.</summary>
public sealed record FollowupContent : IStepContent
{
    public static IReadOnlyList<string> Segments { get; } = ["no_show", "skimmer", "sampler", "engaged", "hot"];

    public required string SequenceName { get; init; }
    public required string SequenceDescription { get; init; }
    public required IReadOnlyList<FollowupMessage> Messages { get; init; }

    public IEnumerable<string> Validate()
    {
        foreach (var error in Check.Required(SequenceName, "sequenceName")
                     .Concat(Check.Required(SequenceDescription, "sequenceDescription"))
                     .Concat(Check.Count(Messages, "messages", 3, 10)))
        {
            yield return error;
        }

        foreach (var message in Messages ?? [])
        {
            if (string.IsNullOrWhiteSpace(message.SubjectLine) || string.IsNullOrWhiteSpace(message.BodyContent))
            {
                yield return $"message {message.MessageOrder} needs a subject line and a body";
            }

            if (!Segments.Contains(message.Segment))
            {
                yield return $"message {message.MessageOrder} has segment '{message.Segment}', expected one of {string.Join(", ", Segments)}";
            }

            if (message.SendDelayHours < 0)
            {
                yield return $"message {message.MessageOrder} has a negative send delay";
            }
        }
    }
}

public sealed record FollowupMessage(
    string Name,
    int MessageOrder,
    string Channel,
    int SendDelayHours,
    string SubjectLine,
    string BodyContent,
    string Segment);
