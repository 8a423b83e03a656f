using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Funnelcraft.Steps;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>
/// A step's content so far (a live preview: fields not yet begun are absent, strings cut where the writer is) read as
/// its content record, so the page renders the draft with the same partials as a finished version. Every field the
/// draft lacks, or holds with the wrong type, is filled with an empty value (an empty string or list, zero); list items
/// are filled the same way. The draft is never validated or stored: it is only shown.
/// </summary>
internal static class DraftContent
{
    /// <summary>The draft as <paramref name="type"/>, or null when it is not a JSON object.</summary>
    public static IStepContent? Read(string partial, Type type)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(partial);
        }
        catch (JsonException)
        {
            return null;
        }

        if (node is not JsonObject)
        {
            return null;
        }

        var filled = Fill(ContentJson.Options.GetTypeInfo(type), node);
        try
        {
            return filled.Deserialize(type, ContentJson.Options) as IStepContent;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Fill(JsonTypeInfo info, JsonNode? node)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                var source = node as JsonObject;
                var result = new JsonObject();
                foreach (var property in info.Properties)
                {
                    result[property.Name] = Fill(ContentJson.Options.GetTypeInfo(property.PropertyType), source?[property.Name]);
                }

                return result;
            case JsonTypeInfoKind.Enumerable:
                var items = new JsonArray();
                if (node is JsonArray array)
                {
                    foreach (var item in array)
                    {
                        items.Add(Fill(ContentJson.Options.GetTypeInfo(info.ElementType!), item));
                    }
                }

                return items;
            default:
                return Value(Nullable.GetUnderlyingType(info.Type) ?? info.Type, node as JsonValue);
        }
    }

    private static JsonNode? Value(Type type, JsonValue? value)
    {
        var kind = value?.GetValueKind();
        if (type == typeof(string))
        {
            return kind == JsonValueKind.String ? value!.DeepClone() : JsonValue.Create("");
        }

        if (type == typeof(bool))
        {
            return kind is JsonValueKind.True or JsonValueKind.False ? value!.DeepClone() : JsonValue.Create(false);
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return kind == JsonValueKind.Number ? value!.DeepClone() : JsonValue.Create(0);
        }

        return value?.DeepClone();
    }
}
