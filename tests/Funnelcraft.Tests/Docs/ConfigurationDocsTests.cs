using System.Reflection;

namespace Funnelcraft.Tests.Docs;

/// <summary>docs/configuration.md names every option the code has, so the page cannot drift from the code.</summary>
public sealed class ConfigurationDocsTests
{
    public static TheoryData<string> OptionKeys()
    {
        var data = new TheoryData<string>();
        var optionTypes = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsClass && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is not null);
        foreach (var type in optionTypes)
        {
            var section = (string)type.GetField("SectionName")!.GetValue(null)!;
            foreach (var key in Keys(type, section))
            {
                data.Add(key);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OptionKeys))]
    public void Every_option_is_documented(string key)
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));

        Assert.Contains($"`{key}`", page, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            var nested = property.PropertyType;
            if (nested.IsClass && nested != typeof(string) && nested != typeof(Uri) && nested.Namespace?.StartsWith("Funnelcraft", StringComparison.Ordinal) == true)
            {
                foreach (var inner in Keys(nested, key))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Funnelcraft.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
