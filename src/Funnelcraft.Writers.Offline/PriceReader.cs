using System.Globalization;
using System.Text.RegularExpressions;

namespace Funnelcraft.Writers.Offline;

/// <summary>A price as the intake gave it: amount, ISO currency, and whether it repeats.</summary>
internal sealed record PriceQuote(decimal Amount, string Currency, string? Period, bool Given)
{
    public const decimal DefaultAmount = 997m;

    public static PriceQuote Default { get; } = new(DefaultAmount, "USD", null, Given: false);

    /// <summary>"$997", "€1,500", "2,500 CHF", "$297/month".</summary>
    public string Text => PriceReader.Format(Amount, Currency) + (Period is null ? "" : "/" + Period);
}

/// <summary>Reads prices written the way people write them: "$997", "2,500 USD", "about 3k", "€1500", "1.500,00 €".</summary>
internal static partial class PriceReader
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["$"] = "USD", ["us$"] = "USD", ["usd"] = "USD", ["dollar"] = "USD", ["dollars"] = "USD", ["bucks"] = "USD",
        ["ca$"] = "CAD", ["c$"] = "CAD", ["cad"] = "CAD", ["a$"] = "AUD", ["au$"] = "AUD", ["aud"] = "AUD", ["nz$"] = "NZD", ["nzd"] = "NZD",
        ["€"] = "EUR", ["eur"] = "EUR", ["euro"] = "EUR", ["euros"] = "EUR", ["£"] = "GBP", ["gbp"] = "GBP", ["pound"] = "GBP",
        ["pounds"] = "GBP", ["quid"] = "GBP", ["¥"] = "JPY", ["jpy"] = "JPY", ["₹"] = "INR", ["inr"] = "INR", ["chf"] = "CHF",
        ["sek"] = "SEK", ["nok"] = "NOK", ["dkk"] = "DKK", ["sgd"] = "SGD", ["zar"] = "ZAR", ["mxn"] = "MXN", ["brl"] = "BRL",
    };

    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.Ordinal)
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["CAD"] = "CA$", ["AUD"] = "A$", ["NZD"] = "NZ$", ["JPY"] = "¥", ["INR"] = "₹",
    };

    public static PriceQuote? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        PriceQuote? plain = null;
        foreach (Match m in Amount().Matches(text))
        {
            var currencyWord = m.Groups["pre"].Success ? m.Groups["pre"].Value : m.Groups["post"].Success ? m.Groups["post"].Value : null;
            var multiplier = m.Groups["k"].Value.ToUpperInvariant() switch
            {
                "K" or "THOUSAND" or "GRAND" => 1_000m,
                "M" or "MILLION" => 1_000_000m,
                _ => 1m,
            };
            if (ToNumber(m.Groups["num"].Value) is not { } number)
            {
                continue;
            }

            var amount = number * multiplier;
            if (amount <= 0 || amount > 10_000_000m)
            {
                continue;
            }

            var currency = currencyWord is not null && Symbols.TryGetValue(currencyWord.Replace(" ", "", StringComparison.Ordinal), out var code) ? code : "USD";
            var period = PeriodOf(text[(m.Index + m.Length)..]);
            var quote = new PriceQuote(decimal.Round(amount, 2), currency, period, Given: true);
            if (currencyWord is not null || multiplier > 1)
            {
                return quote;
            }

            if (plain is null && !NotMoney().IsMatch(text[(m.Index + m.Length)..]) && !(number is >= 1900m and <= 2100m && number == decimal.Truncate(number)))
            {
                plain = quote;
            }
        }

        return plain;
    }

    public static string Format(decimal amount, string currency)
    {
        var number = amount == decimal.Truncate(amount)
            ? amount.ToString("#,0", CultureInfo.InvariantCulture)
            : amount.ToString("#,0.00", CultureInfo.InvariantCulture);
        return Prefixes.TryGetValue(currency, out var prefix) ? prefix + number : number + " " + currency;
    }

    /// <summary>"2,500" → 2500; "1.500,00" → 1500; "2.5" → 2.5; "1 200" → 1200.</summary>
    private static decimal? ToNumber(string raw)
    {
        var s = raw.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal)
            .Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal);
        var lastDot = s.LastIndexOf('.');
        var lastComma = s.LastIndexOf(',');
        var decimalAt = Math.Max(lastDot, lastComma);
        if (decimalAt >= 0)
        {
            var separator = s[decimalAt];
            var digitsAfter = s.Length - decimalAt - 1;
            var bothKinds = lastDot >= 0 && lastComma >= 0;
            var repeated = s.Count(c => c == separator) > 1;
            var isDecimal = bothKinds || (!repeated && digitsAfter != 3);
            s = isDecimal
                ? new string([.. s[..decimalAt].Where(char.IsDigit)]) + "." + s[(decimalAt + 1)..]
                : new string([.. s.Where(char.IsDigit)]);
        }

        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string? PeriodOf(string after)
    {
        var m = Period().Match(after);
        if (!m.Success)
        {
            return null;
        }

        var word = m.Groups["unit"].Value.ToUpperInvariant();
        return word.StartsWith("MO", StringComparison.Ordinal) ? "month"
            : word.StartsWith('Y') || word.StartsWith("AN", StringComparison.Ordinal) ? "year"
            : word.StartsWith('W') ? "week"
            : null;
    }

    [GeneratedRegex(@"(?<pre>US\$|CA\$|C\$|AU\$|A\$|NZ\$|\$|€|£|¥|₹|\b(?:USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|SGD|ZAR|MXN|BRL)\b)?\s?(?<num>\d{1,3}(?:[.,\u00a0 '’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?:\s?(?<k>k|thousand|grand|m|million)\b)?(?:\s?(?<post>USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|SGD|ZAR|MXN|BRL|dollars?|bucks|euros?|pounds?|quid|€|£|\$)(?![a-z]))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    [GeneratedRegex(@"^\s*-?\s*(?:payments?|installments?|instalments?|months?|mo\b|weeks?|days?|hours?|hrs?|sessions?|calls?|people|clients|customers|students|members|spots|seats|years?|yrs?|%|percent|x\b|times|minutes?|mins?|modules?|lessons?|steps?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotMoney();

    [GeneratedRegex(@"^\s*(?:/|per\s+|a\s+|an\s+|each\s+)\s*(?<unit>month|mo|year|yr|annum|week|wk)\b|^\s*(?<unit>monthly|yearly|annually|weekly)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Period();
}
