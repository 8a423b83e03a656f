using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Funnelcraft.Steps.Editing;

/// <summary>
/// Checks that a JSON document has the shape of a step's content record before it is read: every field present and
/// not null, of its type (text, number, whole number, list, object), and no field the record does not have. Walks the
/// serializer's own contract for the record, so it accepts what the reader accepts, and names every bad field at once
/// (the reader stops at the first). It also answers the document repaired (a bad value replaced by an empty one of
/// the right type, unknown fields dropped), so the record's own checks can still run on everything else.
/// </summary>
public static class ContentShape
{
    public sealed record Result(IReadOnlyList<ContentError> Errors, JsonNode Repaired);

    public static Result Check(JsonElement json, Type contentType)
    {
        var errors = new List<ContentError>();
        var repaired = Walk(json, contentType, "", errors);
        return new(errors, repaired);
    }

    private static JsonNode Walk(JsonElement json, Type type, string path, List<ContentError> errors)
    {
        var name = path.Length == 0 ? "the content" : path;
        if (type == typeof(string))
        {
            return json.ValueKind == JsonValueKind.String ? JsonValue.Create(json.GetString()!) : Bad("must be text");
        }

        if (type == typeof(int))
        {
            return (json.ValueKind == JsonValueKind.Number ? json.TryGetInt32(out _)
                : json.ValueKind == JsonValueKind.String && int.TryParse(json.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                ? JsonNode.Parse(json.GetRawText())! : Bad("must be a whole number");
        }

        if (type == typeof(decimal))
        {
            return (json.ValueKind == JsonValueKind.Number ? json.TryGetDecimal(out _)
                : json.ValueKind == JsonValueKind.String && decimal.TryParse(json.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                ? JsonNode.Parse(json.GetRawText())! : Bad("must be a number");
        }

        if (ItemType(type) is { } itemType)
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                return Bad("must be a list");
            }

            var list = new JsonArray();
            var i = 0;
            foreach (var item in json.EnumerateArray())
            {
                list.Add(Walk(item, itemType, $"{path}[{i++}]", errors));
            }

            return list;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return Bad("must be an object");
        }

        // Names match as the reader matches them (without regard to case).
        var properties = ContentJson.Options.GetTypeInfo(type).Properties.Where(p => p.Get is not null).ToList();
        var members = json.EnumerateObject().ToList();
        var obj = new JsonObject();
        foreach (var property in properties)
        {
            var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var value = members.FirstOrDefault(m => string.Equals(m.Name, property.Name, StringComparison.OrdinalIgnoreCase)).Value;
            if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                errors.Add(new(field, $"{field} is missing"));
                obj[property.Name] = Empty(property.PropertyType);
            }
            else
            {
                obj[property.Name] = Walk(value, property.PropertyType, field, errors);
            }
        }

        foreach (var member in members.Where(m => !properties.Any(p => string.Equals(p.Name, m.Name, StringComparison.OrdinalIgnoreCase))))
        {
            var field = Shown(path.Length == 0 ? member.Name : $"{path}.{member.Name}");
            errors.Add(new(field, $"{field} is not a field of {name}"));
        }

        return obj;

        JsonNode Bad(string what)
        {
            errors.Add(new(path, $"{name} {what}"));
            return Empty(type);
        }
    }

    /// <summary>An empty value of <paramref name="type"/>: "", 0, [], or an object of empty fields.</summary>
    private static JsonNode Empty(Type type)
    {
        if (type == typeof(string))
        {
            return JsonValue.Create("");
        }

        if (type == typeof(int) || type == typeof(decimal))
        {
            return JsonValue.Create(0);
        }

        if (ItemType(type) is not null)
        {
            return new JsonArray();
        }

        var obj = new JsonObject();
        foreach (var property in ContentJson.Options.GetTypeInfo(type).Properties.Where(p => p.Get is not null))
        {
            obj[property.Name] = Empty(property.PropertyType);
        }

        return obj;
    }

    private static Type? ItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    // A field name the client made up is echoed only so far.
    private static string Shown(string field) => field.Length > 100 ? string.Concat(field.AsSpan(0, 100), "…") : field;
}
