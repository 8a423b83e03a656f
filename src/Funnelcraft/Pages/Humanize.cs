using System.Globalization;

namespace Funnelcraft.Pages;

/// <summary>Small text helpers for the pages. Times are relative ("5 min ago"), so they need no time zone.</summary>
public static class Humanize
{
    public static string Ago(DateTimeOffset when, DateTimeOffset now)
    {
        var span = now - when;
        return span.TotalSeconds switch
        {
            < 45 => "just now",
            < 90 => "1 min ago",
            < 3600 => $"{(int)Math.Round(span.TotalMinutes)} min ago",
            < 5400 => "1 hour ago",
            < 86400 => $"{(int)Math.Round(span.TotalHours)} hours ago",
            < 172800 => "yesterday",
            < 30 * 86400 => $"{(int)Math.Round(span.TotalDays)} days ago",
            _ => when.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The ISO 8601 form for a &lt;time datetime&gt; attribute.</summary>
    public static string Iso(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A price with its currency: "$497", "€1,200", "2,500 CHF".</summary>
    public static string Money(decimal amount, string? currency)
    {
        var number = amount == decimal.Truncate(amount)
            ? amount.ToString("N0", CultureInfo.InvariantCulture)
            : amount.ToString("N2", CultureInfo.InvariantCulture);
        return (currency ?? "").ToUpperInvariant() switch
        {
            "USD" or "$" or "" => $"${number}",
            "EUR" or "€" => $"€{number}",
            "GBP" or "£" => $"£{number}",
            var code => $"{number} {code}",
        };
    }

    /// <summary>"right after the webinar", "after 1 day", "after 36 hours".</summary>
    public static string Delay(int hours) => hours switch
    {
        <= 0 => "Right away",
        < 24 => hours == 1 ? "After 1 hour" : $"After {hours} hours",
        _ when hours % 24 == 0 => hours == 24 ? "After 1 day" : $"After {hours / 24} days",
        _ => $"After {hours} hours",
    };

    /// <summary>snake_case or kebab-case to words with a capital: "no_show" → "No show".</summary>
    public static string Label(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var words = value.Replace('_', ' ').Replace('-', ' ').Trim();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>The first <paramref name="length"/> characters, cut at a word, with an ellipsis when cut.</summary>
    public static string Excerpt(string? text, int length)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var trimmed = text.Trim();
        if (trimmed.Length <= length)
        {
            return trimmed;
        }

        var cut = trimmed.LastIndexOf(' ', length);
        return string.Concat(trimmed.AsSpan(0, cut > length / 2 ? cut : length), "…");
    }
}
