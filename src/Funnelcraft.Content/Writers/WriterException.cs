namespace Funnelcraft.Writers;

/// <summary>A writer call failed; <see cref="Transient"/> says whether trying again may help.</summary>
public sealed class WriterException(string message, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Transient { get; } = transient;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
