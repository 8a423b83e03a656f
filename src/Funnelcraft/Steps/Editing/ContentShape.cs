using System.Globalization;
using System.Text.Json;

namespace Funnelcraft.Steps.Editing;

/// <summary>
/// Checks that a JSON document has the shape of a step's content record before it is read: every field present and
/// not null, of its type (text, number, whole number, list, object), and no field the record does not have. Walks the
/// serializer's own contract for the record, so it accepts what the reader accepts and names every bad field at once
/// (the reader stops at the first).
/// </summary>
public static class ContentShape
{
    public static IReadOnlyList<ContentError> Check(JsonElement json, Type contentType)
    {
        var errors = new List<ContentError>();
        Walk(json, contentType, "", errors);
        return errors;
    }

    private static void Walk(JsonElement json, Type type, string path, List<ContentError> errors)
    {
        var name = path.Length == 0 ? "the content" : path;
        if (type == typeof(string))
        {
            Expect(json.ValueKind == JsonValueKind.String, "must be text");
        }
        else if (type == typeof(int))
        {
            Expect(json.ValueKind == JsonValueKind.Number ? json.TryGetInt32(out _)
                : json.ValueKind == JsonValueKind.String && int.TryParse(json.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                "must be a whole number");
        }
        else if (type == typeof(decimal))
        {
            Expect(json.ValueKind == JsonValueKind.Number ? json.TryGetDecimal(out _)
                : json.ValueKind == JsonValueKind.String && decimal.TryParse(json.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out _),
                "must be a number");
        }
        else if (ItemType(type) is { } itemType)
        {
            if (Expect(json.ValueKind == JsonValueKind.Array, "must be a list"))
            {
                var i = 0;
                foreach (var item in json.EnumerateArray())
                {
                    Walk(item, itemType, $"{path}[{i++}]", errors);
                }
            }
        }
        else if (Expect(json.ValueKind == JsonValueKind.Object, "must be an object"))
        {
            // Names match as the reader matches them (without regard to case).
            var properties = ContentJson.Options.GetTypeInfo(type).Properties.Where(p => p.Get is not null).ToList();
            var members = json.EnumerateObject().ToList();
            foreach (var property in properties)
            {
                var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                var value = members.FirstOrDefault(m => string.Equals(m.Name, property.Name, StringComparison.OrdinalIgnoreCase)).Value;
                if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                {
                    errors.Add(new(field, $"{field} is missing"));
                }
                else
                {
                    Walk(value, property.PropertyType, field, errors);
                }
            }

            foreach (var member in members.Where(m => !properties.Any(p => string.Equals(p.Name, m.Name, StringComparison.OrdinalIgnoreCase))))
            {
                var field = Shown(path.Length == 0 ? member.Name : $"{path}.{member.Name}");
                errors.Add(new(field, $"{field} is not a field of {name}"));
            }
        }

        bool Expect(bool holds, string what)
        {
            if (!holds)
            {
                errors.Add(new(path, $"{name} {what}"));
            }

            return holds;
        }
    }

    private static Type? ItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    // A field name the client made up is echoed only so far.
    private static string Shown(string field) => field.Length > 100 ? string.Concat(field.AsSpan(0, 100), "…") : field;
}
