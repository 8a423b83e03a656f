using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Funnelcraft.Steps.Followup;
using MimeKit;

namespace Funnelcraft.Exports.Followup;

/// <summary>
/// Each e-mail of the sequence as an RFC 5322 message (MimeKit): its subject, a plain-text body and an HTML body
/// (HTML-encoded paragraphs), and headers that say where it belongs — <c>X-Funnelcraft-Segment</c>,
/// <c>X-Funnelcraft-Send-Delay-Hours</c>, the sequence and its place in it — plus <c>X-Unsent: 1</c>, so a mail
/// program opens it as a draft. It is from the account's e-mail address and to nobody yet.
/// </summary>
public static class FollowupEmails
{
    public const string SegmentHeader = "X-Funnelcraft-Segment";
    public const string DelayHeader = "X-Funnelcraft-Send-Delay-Hours";
    public const string SequenceHeader = "X-Funnelcraft-Sequence";
    public const string OrderHeader = "X-Funnelcraft-Message-Order";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IEnumerable<FollowupMessage> InSendOrder(FollowupContent followup) =>
        followup.Messages.OrderBy(m => m.SendDelayHours).ThenBy(m => m.MessageOrder);

    /// <summary>The file a message has in an export: <c>01-welcome-back.eml</c>.</summary>
    public static IReadOnlyList<string> FileNameParts(FollowupMessage message) =>
        [message.MessageOrder.ToString("00", CultureInfo.InvariantCulture), message.Name];

    public static MimeMessage Message(StepExport export, FollowupMessage message)
    {
        var followup = (FollowupContent)export.Content!;
        var email = new MimeMessage
        {
            Subject = OneLine(message.SubjectLine),
            Date = export.Version.GeneratedAt,
            MessageId = $"followup-{export.Project.Id:N}-v{export.Version.Version}-{message.MessageOrder}@funnelcraft.invalid",
        };
        if (export.Sender is { } sender && MailboxAddress.TryParse(sender, out var from))
        {
            email.From.Add(from);
        }

        email.Headers.Add("X-Unsent", "1");
        email.Headers.Add(SegmentHeader, OneLine(message.Segment));
        email.Headers.Add(DelayHeader, message.SendDelayHours.ToString(CultureInfo.InvariantCulture));
        email.Headers.Add(SequenceHeader, OneLine(followup.SequenceName));
        email.Headers.Add(OrderHeader, $"{message.MessageOrder.ToString(CultureInfo.InvariantCulture)} of {followup.Messages.Count.ToString(CultureInfo.InvariantCulture)}");
        email.Body = new BodyBuilder { TextBody = message.BodyContent, HtmlBody = Html(message) }.ToMessageBody();
        return email;
    }

    public static async Task WriteAsync(StepExport export, FollowupMessage message, Stream output, CancellationToken ct)
    {
        using var email = Message(export, message);
        await email.WriteToAsync(FormatOptions.Default, output, ct);
    }

    /// <summary>The body as HTML: a paragraph per blank-line-separated block, a line break per line; all text encoded.</summary>
    public static string Html(FollowupMessage message)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(Encoder.Encode(OneLine(message.SubjectLine)))
            .Append("</title></head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1f2430;\">\n");
        var paragraphs = message.BodyContent.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var paragraph in paragraphs)
        {
            var rtl = ExportText.IsRightToLeft(paragraph) ? " dir=\"rtl\"" : "";
            html.Append("<p").Append(rtl).Append('>').AppendJoin("<br>\n", paragraph.Split('\n').Select(Encoder.Encode)).Append("</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>A header's value on one line: each line break, and any other control character, becomes a space.</summary>
    public static string OneLine(string? text) =>
        new string([.. (text ?? "").ReplaceLineEndings(" ").Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
}
