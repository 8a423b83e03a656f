using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Funnelcraft.Pages;

public static class CommandErrors
{
    /// <summary>
    /// Puts a command's refusal (messages by camelCase field name, as the API answers them) on the form bound to
    /// <paramref name="prefix"/>, so each message shows under its field; one about no field goes to the summary.
    /// </summary>
    public static void AddCommandErrors(this ModelStateDictionary modelState, IDictionary<string, string[]> errors, string prefix)
    {
        foreach (var (field, messages) in errors)
        {
            var key = field.Length == 0 ? string.Empty : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }
    }
}
