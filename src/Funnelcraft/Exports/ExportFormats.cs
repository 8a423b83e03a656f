using System.Diagnostics.CodeAnalysis;
using Funnelcraft.Steps;

namespace Funnelcraft.Exports;

/// <summary>A file format a step can be exported in: its <c>format=</c> key, file extension and media type.</summary>
public sealed record ExportFormat(string Key, string ContentType)
{
    public static ExportFormat Markdown { get; } = new("md", "text/markdown; charset=utf-8");
    public static ExportFormat Json { get; } = new("json", "application/json; charset=utf-8");
    public static ExportFormat PowerPoint { get; } = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    public static ExportFormat Html { get; } = new("html", "text/html; charset=utf-8");
    public static ExportFormat Email { get; } = new("eml", "message/rfc822");
    public static ExportFormat Csv { get; } = new("csv", "text/csv; charset=utf-8; header=present");

    public const string ZipContentType = "application/zip";

    public string Extension => Key;
}

/// <summary>Which formats each step exports to, its main one first, and the name of its file in an export.</summary>
public static class ExportFormats
{
    private static readonly ExportFormat[] Page = [ExportFormat.Html, ExportFormat.Markdown, ExportFormat.Json];

    public static IReadOnlyList<ExportFormat> For(int step) => step switch
    {
        StepCatalog.Offer or StepCatalog.MarketingProfile => [ExportFormat.Markdown, ExportFormat.Json],
        StepCatalog.Deck => [ExportFormat.PowerPoint, ExportFormat.Markdown, ExportFormat.Json],
        StepCatalog.Enrollment or StepCatalog.Watch or StepCatalog.Registration => Page,
        StepCatalog.Followup => [ExportFormat.Csv, ExportFormat.Email, ExportFormat.Json],
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown step."),
    };

    /// <summary>The format a step's file has in the funnel's ZIP, and when <c>format=</c> is left out.</summary>
    public static ExportFormat Primary(int step) => For(step)[0];

    /// <summary>The format named <paramref name="key"/> (any case) when <paramref name="step"/> has it.</summary>
    public static bool TryGet(int step, string key, [NotNullWhen(true)] out ExportFormat? format)
    {
        format = For(step).FirstOrDefault(f => string.Equals(f.Key, key.Trim(), StringComparison.OrdinalIgnoreCase));
        return format is not null;
    }

    /// <summary>The file's name without extension: <c>offer</c>, <c>deck</c>, <c>enrollment</c>, <c>watch</c>, <c>registration</c>, <c>followup</c>, <c>marketing-profile</c>.</summary>
    public static string BaseName(StepDefinition step) => step.Number == StepCatalog.Deck ? "deck" : step.Key;

    public static string FileName(StepDefinition step, ExportFormat format) => $"{BaseName(step)}.{format.Extension}";
}
