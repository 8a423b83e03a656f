using System.Globalization;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>The command line: a benchmark name, then <c>--key value</c> pairs (and <c>--set Key=Value</c> app settings for <c>host</c>).</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values;

    private Options(string command, Dictionary<string, string> values, List<KeyValuePair<string, string?>> settings)
    {
        Command = command;
        _values = values;
        Settings = settings;
    }

    public string Command { get; }

    /// <summary>App settings passed with <c>--set Key=Value</c> (used by the child <c>host</c> process).</summary>
    public List<KeyValuePair<string, string?>> Settings { get; }

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var settings = new List<KeyValuePair<string, string?>>();
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options are --name value.");
            }

            var key = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            if (key == "set")
            {
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                settings.Add(new(value[..eq], value[(eq + 1)..]));
            }
            else
            {
                values[key] = value;
            }
        }

        return new Options(args.Length > 0 ? args[0] : "help", values, settings);
    }

    public string Get(string key, string fallback) => _values.TryGetValue(key, out var v) ? v : fallback;

    public int GetInt32(string key, int fallback) => _values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string key, double fallback) => _values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public IReadOnlyList<int> Ints(string key, string fallback) =>
        [.. Get(key, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

    public IReadOnlyList<string> List(string key, string fallback) => Get(key, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries);
}
