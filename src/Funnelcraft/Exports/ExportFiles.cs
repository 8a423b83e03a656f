using System.IO.Compression;
using System.Text;
using Funnelcraft.Exports.Deck;
using Funnelcraft.Exports.Followup;
using Funnelcraft.Exports.Markdown;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Followup;

namespace Funnelcraft.Exports;

/// <summary>A file an export writes: its name (inside a ZIP; a download's name is made from the project's), its media type, and how to write it.</summary>
public sealed record ExportFile(string Name, string ContentType, Func<Stream, CancellationToken, Task> WriteAsync);

/// <summary>
/// Every export file, built from a step's content record by the builder of its format, and the ZIPs that hold
/// several (all of a sequence's e-mails, the whole funnel). ZIPs are written entry by entry straight to the output.
/// </summary>
public sealed class ExportFiles(PageHtml pages, StepJson json)
{
    public const string FunnelJson = "funnel.json";
    public const string EmailsFolder = "followup";

    /// <summary>A step's file in <paramref name="format"/>; for e-mails, a ZIP of all of them.</summary>
    public ExportFile For(StepExport export, ExportFormat format)
    {
        var name = ExportFormats.FileName(export.Step, format);
        if (format == ExportFormat.Json)
        {
            return Bytes(name, format, () => json.Step(export));
        }

        return (format.Key, export.Content) switch
        {
            ("pptx", DeckContent deck) => new(name, format.ContentType, (output, ct) => DeckPresentation.WriteAsync(deck, export.Project.Name, output, ct)),
            ("html", _) => new(name, format.ContentType, async (output, ct) => await WriteTextAsync(output, await pages.RenderAsync(export, ct), ct)),
            ("md", not null) => Bytes(name, format, () => Encoding.UTF8.GetBytes(StepMarkdown.Write(export))),
            ("csv", FollowupContent followup) => Bytes(name, format, () => FollowupCsv.Write(followup)),
            ("eml", FollowupContent) => new(
                $"{ExportFormats.BaseName(export.Step)}-emails.zip", ExportFormat.ZipContentType, (output, ct) => ZipAsync(output, Emails(export, folder: null), export.Version.GeneratedAt, ct)),
            _ => throw new ArgumentException($"{export.Step.Name} cannot be exported as {format.Key}.", nameof(format)),
        };
    }

    /// <summary>One e-mail of the sequence as its own message file.</summary>
    public static ExportFile Email(StepExport export, FollowupMessage message, string? folder = null) => new(
        (folder is null ? "" : folder + "/") + ExportFileNames.Name(ExportFormat.Email.Extension, FollowupEmails.FileNameParts(message)),
        ExportFormat.Email.ContentType,
        (output, ct) => FollowupEmails.WriteAsync(export, message, output, ct));

    /// <summary>
    /// The funnel's files: each step's main file (the e-mails' CSV and, in <c>followup/</c>, one message per e-mail)
    /// and <c>funnel.json</c> with every step's content and version. A version that cannot be read is in the JSON only.
    /// </summary>
    public IEnumerable<ExportFile> Funnel(FunnelExport funnel)
    {
        foreach (var export in funnel.Steps.Where(e => e.Content is not null))
        {
            yield return For(export, ExportFormats.Primary(export.Step.Number));
            if (export.Step.Number == StepCatalog.Followup)
            {
                foreach (var email in Emails(export, EmailsFolder))
                {
                    yield return email;
                }
            }
        }

        yield return Bytes(FunnelJson, ExportFormat.Json, () => json.Funnel(funnel));
    }

    /// <summary>
    /// Writes a ZIP of <paramref name="files"/> to <paramref name="output"/> one entry at a time: each entry is
    /// compressed into memory, then copied to the output asynchronously (the ZIP writer finishes entries with
    /// synchronous writes, which a response body refuses), so no more than one entry is held at once.
    /// </summary>
    public static async Task ZipAsync(Stream output, IEnumerable<ExportFile> files, DateTimeOffset modified, CancellationToken ct)
    {
        await using var pending = new PendingBytes();
        using (var zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = zip.CreateEntry(file.Name, file.ContentType == ExportFormat.PowerPoint.ContentType ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                entry.LastWriteTime = modified;
                using (var stream = entry.Open())
                {
                    await file.WriteAsync(stream, ct);
                }

                await pending.CopyToAsync(output, ct);
            }
        }

        await pending.CopyToAsync(output, ct); // the central directory
    }

    private static IEnumerable<ExportFile> Emails(StepExport export, string? folder) =>
        FollowupEmails.InSendOrder((FollowupContent)export.Content!).Select(m => Email(export, m, folder));

    private static ExportFile Bytes(string name, ExportFormat format, Func<byte[]> build) =>
        new(name, format.ContentType, (output, ct) => output.WriteAsync(build(), ct).AsTask());

    private static Task WriteTextAsync(Stream output, string text, CancellationToken ct) => output.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask();
}
