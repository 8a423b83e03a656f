using System.Text.Json;
using System.Text.RegularExpressions;

namespace Funnelcraft.Web;

/// <summary>
/// Turns the framework's messages for requests it cannot bind into details a client can act on: they name the field
/// and what is wrong with it, never the server's types or parameters ("Guid projectId", "StartRequest request").
/// </summary>
public static partial class BadRequestDetails
{
    private const int MaxEchoedValue = 100;

    public static string Describe(BadHttpRequestException bad) => bad.InnerException is JsonException json
        ? $"The request body is not valid JSON for this route: {Describe(json)}"
        : Describe(bad.Message);

    public static string UnsupportedMediaType(string? contentType) => string.IsNullOrEmpty(contentType)
        ? "The request has no Content-Type; send the body as JSON with Content-Type: application/json."
        : $"The body was sent as '{Echo(contentType)}'; send it as JSON with Content-Type: application/json.";

    private static string Describe(JsonException json)
    {
        if (json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return json.Path is { Length: > 1 } path ? $"the value at '{path}' has the wrong type or format." : "the body must be a JSON object.";
        }

        return Safe(json.Message, "the body does not have the shape this route expects.");
    }

    private static string Describe(string message)
    {
        if (MissingBody().IsMatch(message))
        {
            return "The request body is missing; send a JSON object.";
        }

        if (Missing().Match(message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return missing.Groups["source"].Value switch
            {
                "body" => "The request body is missing; send a JSON object.",
                "query string" => $"The query parameter '{name}' is required.",
                "header" => $"The header '{name}' is required.",
                _ => $"'{name}' is required.",
            };
        }

        if (Unparsable().Match(message) is { Success: true } unparsable)
        {
            return $"'{Echo(unparsable.Groups["value"].Value)}' is not a valid value for '{unparsable.Groups["name"].Value}'.";
        }

        return Safe(message, "The request could not be read.");
    }

    private static string Echo(string value) => value.Length > MaxEchoedValue ? value[..MaxEchoedValue] + "…" : value;

    // A last guard: a message that still names one of the app's types is replaced as a whole.
    private static string Safe(string message, string fallback) =>
        message.Contains(nameof(Funnelcraft) + ".", StringComparison.Ordinal) ? fallback : message;

    // RequestDelegateFactory: "Implicit body inferred for parameter "request" but no body was provided. …"
    [GeneratedRegex("^Implicit body inferred for parameter \"[^\"]*\" but no body was provided")]
    private static partial Regex MissingBody();

    // RequestDelegateFactory: "Required parameter "Guid projectId" was not provided from query string."
    [GeneratedRegex("^Required parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\" was not provided from (?<source>[^.]+)\\.$")]
    private static partial Regex Missing();

    // RequestDelegateFactory: "Failed to bind parameter "Guid projectId" from "abc"."
    [GeneratedRegex("^Failed to bind parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex Unparsable();
}
