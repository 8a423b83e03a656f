using System.Text;
using System.Text.Json;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// The content of a step so far, while attempt <see cref="Attempt"/> of run <see cref="RunId"/> writes it: a draft, never
/// stored as content. <see cref="Content"/> is the step's camelCase JSON as far as it is written; <see cref="Seq"/>
/// rises from 1 within the attempt.
/// </summary>
public sealed record LivePreview(Guid RunId, int Step, int Attempt, long Seq, string Content)
{
    private byte[]? _json;

    /// <summary><c>{runId, step, attempt, seq, content}</c> as UTF-8 JSON, made once and shared by every watcher.</summary>
    public byte[] Json => _json ??= Serialize();

    /// <summary>Whether this replaces <paramref name="other"/>: another run's or an earlier attempt's preview, or an earlier one of the same attempt.</summary>
    public bool Replaces(LivePreview? other) =>
        other is null || other.RunId != RunId || other.Attempt < Attempt || (other.Attempt == Attempt && other.Seq < Seq);

    /// <summary>Whether <paramref name="status"/> shows this preview's attempt still writing the step.</summary>
    public bool ShowsIn(GenerationStatus status)
    {
        if (status.RunId != RunId)
        {
            return false;
        }

        foreach (var step in status.Progress)
        {
            if (step.Step == Step)
            {
                return step.Status == StepStatus.InProgress && step.Attempt == Attempt;
            }
        }

        return false;
    }

    private byte[] Serialize()
    {
        using var buffer = new MemoryStream(Content.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("runId", RunId);
            writer.WriteNumber("step", Step);
            writer.WriteNumber("attempt", Attempt);
            writer.WriteNumber("seq", Seq);
            writer.WritePropertyName("content");
            writer.WriteRawValue(Encoding.UTF8.GetBytes(Content), skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
