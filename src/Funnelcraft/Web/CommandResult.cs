namespace Funnelcraft.Web;

/// <summary>
/// What a command shared by the API and the pages did: made <see cref="Value"/>, refused the input (<see cref="Errors"/>,
/// messages by camelCase field name, nothing stored), or found no project of the caller's to do it in.
/// </summary>
public sealed record CommandResult<T>(T? Value, IDictionary<string, string[]>? Errors, bool ProjectMissing)
    where T : class;

public static class CommandResult
{
    public static CommandResult<T> Done<T>(T value) where T : class => new(value, null, false);

    public static CommandResult<T> Invalid<T>(IDictionary<string, string[]> errors) where T : class => new(null, errors, false);

    public static CommandResult<T> NoProject<T>() where T : class => new(null, null, true);
}
