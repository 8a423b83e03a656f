using System.Text.Json;
using System.Text.Json.Serialization;

namespace Funnelcraft.Steps;

/// <summary>How step content is written to and read from JSON: camelCase, as the API shows it.</summary>
public static class ContentJson
{
    /// <summary>Read-only, so its contracts can be walked (<see cref="JsonSerializerOptions.GetTypeInfo(Type)"/>) by the content checks.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
