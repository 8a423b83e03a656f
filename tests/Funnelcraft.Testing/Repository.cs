namespace Funnelcraft.Testing;

/// <summary>Paths in the repository the tests run from (found upwards from the test's output folder).</summary>
public static class Repository
{
    private static readonly Lazy<string?> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "src", "Funnelcraft", "Funnelcraft.csproj")))
            {
                return dir.FullName;
            }
        }

        return null;
    });

    /// <summary>The repository's root, or null when running from a copy of the output (the bench's host process).</summary>
    public static string? Root => RootPath.Value;

    /// <summary><paramref name="relative"/> (forward slashes) under the repository root; throws outside a repository.</summary>
    public static string File(string relative) =>
        Path.Combine(Root ?? throw new InvalidOperationException("Not run from the repository: src/Funnelcraft was not found upwards."), relative);
}
