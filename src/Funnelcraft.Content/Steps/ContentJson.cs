using System.Text.Json;
using System.Text.Json.Serialization;

namespace Funnelcraft.Steps;

/// <summary>How step content is written to and read from JSON: camelCase, as the API shows it.</summary>
public static class ContentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}
