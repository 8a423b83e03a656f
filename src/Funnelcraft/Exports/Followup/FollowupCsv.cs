using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Funnelcraft.Steps.Followup;

namespace Funnelcraft.Exports.Followup;

/// <summary>
/// The e-mail sequence as CSV for a mail tool's import: a header row, then one row per e-mail in send order; fields
/// quoted as RFC 4180 says (a field with a comma, quote or line break is quoted, its quotes doubled), CRLF line ends,
/// UTF-8 with a byte-order mark so spreadsheets read every script. A field a spreadsheet would run as a formula
/// (it starts with =, +, -, @, tab or CR) starts with an apostrophe instead.
/// </summary>
public static class FollowupCsv
{
    public static IReadOnlyList<string> Columns { get; } = ["messageOrder", "name", "segment", "channel", "sendDelayHours", "subjectLine", "bodyContent"];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        InjectionOptions = InjectionOptions.Escape,
    };

    public static byte[] Write(FollowupContent followup)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var message in FollowupEmails.InSendOrder(followup))
            {
                csv.WriteField(message.MessageOrder);
                csv.WriteField(message.Name);
                csv.WriteField(message.Segment);
                csv.WriteField(message.Channel);
                csv.WriteField(message.SendDelayHours);
                csv.WriteField(message.SubjectLine);
                csv.WriteField(message.BodyContent);
                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
