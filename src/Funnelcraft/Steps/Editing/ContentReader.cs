using System.Text.Json;

namespace Funnelcraft.Steps.Editing;

/// <summary>
/// Reads content a person sends for a step: the shape first (<see cref="ContentShape"/>), then the record's own checks,
/// the same ones generated content passes (<see cref="IStepContent.Validate"/>). Valid content comes back as the
/// record, and as the JSON that is stored (written by the serializer, like generated content).
/// </summary>
public static class ContentReader
{
    /// <summary>The most field errors one answer lists.</summary>
    public const int MaxErrors = 100;

    public sealed record Reading(IStepContent? Content, string? Json, IReadOnlyDictionary<string, string[]> Errors)
    {
        public bool IsValid => Content is not null;
    }

    public static Reading Read(StepDefinition step, JsonElement content)
    {
        var shape = ContentShape.Check(content, step.ContentType);
        var errors = shape.Errors.ToList();
        IStepContent? record = null;
        try
        {
            // With shape errors, the record is read from the repaired document, so its own checks still speak about
            // every other field; what they say about a field that already has a shape error is left out.
            record = shape.Repaired.Deserialize(step.ContentType, ContentJson.Options) as IStepContent;
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..] : "";
            errors.Add(new(field, $"{(field.Length == 0 ? "the content" : field)} has the wrong type or format"));
        }

        var shapeFields = errors.Select(e => e.Field).ToList();
        errors.AddRange((record?.Validate() ?? []).Where(e => !shapeFields.Any(f => Covers(f, e.Field))));
        return errors.Count > 0 || record is null
            ? new(null, null, Group(errors))
            : new(record, JsonSerializer.Serialize(record, step.ContentType, ContentJson.Options), new Dictionary<string, string[]>());
    }

    /// <summary>True when <paramref name="field"/> is <paramref name="shaped"/> or inside it.</summary>
    private static bool Covers(string shaped, string field) =>
        shaped.Length == 0 || field == shaped || field.StartsWith(shaped + ".", StringComparison.Ordinal) || field.StartsWith(shaped + "[", StringComparison.Ordinal);

    /// <summary>Errors by field, as a validation problem lists them; the content as a whole is listed as <c>content</c>.</summary>
    private static Dictionary<string, string[]> Group(IEnumerable<ContentError> errors) =>
        errors.Take(MaxErrors)
            .GroupBy(e => e.Field.Length == 0 ? "content" : e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => Sentence(e.Message)).Distinct().ToArray(), StringComparer.Ordinal);

    private static string Sentence(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..] + ".";
}
