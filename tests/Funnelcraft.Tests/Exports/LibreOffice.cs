using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Funnelcraft.Tests.Exports;

/// <summary>
/// The machine's LibreOffice (SOFFICE_PATH, default /usr/bin/soffice), which reads exported decks as a second
/// implementation of PowerPoint's format. Tests that need it are skipped with a message when it is missing, unless
/// FUNNELCRAFT_REQUIRE_LIBREOFFICE=1 (as in CI), when they fail.
/// </summary>
public static class LibreOffice
{
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("SOFFICE_PATH") is { Length: > 0 } path ? path : "/usr/bin/soffice";

    public static bool Required => Environment.GetEnvironmentVariable("FUNNELCRAFT_REQUIRE_LIBREOFFICE") == "1";

    public static bool CanRun => File.Exists(Path) || Required;

    public static string Missing =>
        $"LibreOffice was not found at {Path}: set SOFFICE_PATH or install it (apt-get install -y --no-install-recommends libreoffice-impress). " +
        "The LibreOffice tests are skipped; set FUNNELCRAFT_REQUIRE_LIBREOFFICE=1 to fail instead.";

    /// <summary>Converts <paramref name="file"/> to PDF beside it, with a profile of its own (so runs never share one); returns the PDF's path.</summary>
    public static async Task<string> ConvertToPdfAsync(string file, CancellationToken ct)
    {
        Assert.True(File.Exists(Path), Missing);
        var folder = System.IO.Path.GetDirectoryName(file)!;
        var profile = new Uri(System.IO.Path.Combine(folder, "profile")).AbsoluteUri;
        var start = new ProcessStartInfo(Path)
        {
            ArgumentList = { "--headless", "--norestore", "--nolockcheck", $"-env:UserInstallation={profile}", "--convert-to", "pdf", "--outdir", folder, file },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var pdf = System.IO.Path.ChangeExtension(file, ".pdf");
        Assert.True(process.ExitCode == 0 && File.Exists(pdf), $"LibreOffice failed ({process.ExitCode}): {await output} {await errors}");
        return pdf;
    }
}

/// <summary>A test that needs LibreOffice: skipped with a clear message when it is missing (unless CI requires it).</summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = LibreOffice.Missing;
        SkipUnless = nameof(LibreOffice.CanRun);
        SkipType = typeof(LibreOffice);
    }
}
