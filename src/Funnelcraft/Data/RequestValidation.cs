using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Funnelcraft.Data;

/// <summary>Data-annotation validation for request records, keyed by camelCase field name as clients send them.</summary>
public static class RequestValidation
{
    public static Dictionary<string, string[]>? Validate(object request)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
        {
            return null;
        }

        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: JsonNamingPolicy.CamelCase.ConvertName(m), r.ErrorMessage ?? "Invalid.")))
            .GroupBy(x => x.Member)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToArray());
    }
}
