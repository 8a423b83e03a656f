using Funnelcraft.Steps.Versions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Funnelcraft.Pages.FunnelBuilder.Editors;

/// <summary>
/// One side of a changed text as markup: unchanged words as text, the changed ones in <c>&lt;del&gt;</c> (the older
/// side) or <c>&lt;ins&gt;</c> (the newer), each with words a screen reader says. Built without any whitespace between
/// the pieces (the text keeps its own line breaks), and every piece HTML-encoded.
/// </summary>
public static class DiffMarkup
{
    public static IHtmlContent Words(IEnumerable<WordDiff> words, bool older)
    {
        var html = new HtmlContentBuilder();
        foreach (var word in words)
        {
            if (word.Change == VersionDiff.Unchanged)
            {
                html.Append(word.Text);
                continue;
            }

            var mark = new TagBuilder(older ? "del" : "ins");
            var said = new TagBuilder("span");
            said.AddCssClass("sr-only");
            said.InnerHtml.Append(older ? "[removed: " : "[added: ");
            mark.InnerHtml.AppendHtml(said);
            mark.InnerHtml.Append(word.Text);
            var end = new TagBuilder("span");
            end.AddCssClass("sr-only");
            end.InnerHtml.Append("]");
            mark.InnerHtml.AppendHtml(end);
            html.AppendHtml(mark);
        }

        return html;
    }
}
