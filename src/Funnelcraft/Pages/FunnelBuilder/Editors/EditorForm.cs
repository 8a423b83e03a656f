using System.Globalization;
using Funnelcraft.Steps;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Funnelcraft.Pages.FunnelBuilder.Editors;

/// <summary>
/// Renders the controls of a step's editor: each a label, a control named by its field (<c>data-field</c>, relative to
/// the object or list item it sits in) and an error line the page fills from the API's field errors. Every value goes
/// through the tag builder, so it is HTML-encoded. Inside a list's <c>&lt;template&gt;</c>, ids carry a placeholder
/// the script replaces for each item it adds.
/// </summary>
public sealed class EditorForm
{
    /// <summary>The placeholder in a template's ids; editor.js replaces it with a fresh number for each added item.</summary>
    public const string IdPlaceholder = "__n__";

    private int _next;

    /// <summary>True while rendering a list item's template (ids get the placeholder).</summary>
    public bool InTemplate { get; set; }

    public IHtmlContent Text(string field, string label, string? value, string? hint = null) =>
        Field(field, label, hint, id => Input(id, field, "string", value, ContentText.ShortMax, hint));

    public IHtmlContent LongText(string field, string label, string? value, int rows = 3, string? hint = null) =>
        Field(field, label, hint, id =>
        {
            var area = Control("textarea", id, field, "string", hint);
            area.Attributes["rows"] = rows.ToString(CultureInfo.InvariantCulture);
            area.Attributes["maxlength"] = ContentText.LongMax.ToString(CultureInfo.InvariantCulture);
            area.InnerHtml.Append(value ?? "");
            return area;
        });

    public IHtmlContent Number(string field, string label, decimal? value, string? hint = null) =>
        Field(field, label, hint, id =>
        {
            var input = Input(id, field, "number", value?.ToString(CultureInfo.InvariantCulture), null, hint);
            input.Attributes["inputmode"] = "decimal";
            return input;
        });

    public IHtmlContent WholeNumber(string field, string label, int? value, string? hint = null) =>
        Field(field, label, hint, id =>
        {
            var input = Input(id, field, "integer", value?.ToString(CultureInfo.InvariantCulture), null, hint);
            input.Attributes["inputmode"] = "numeric";
            return input;
        });

    /// <summary>A choice from a fixed list; a stored value outside it is kept as an extra option, so nothing changes silently.</summary>
    public IHtmlContent Select(string field, string label, string? value, IEnumerable<(string Value, string Label)> options, string? hint = null) =>
        Field(field, label, hint, id =>
        {
            var select = Control("select", id, field, "string", hint);
            var all = options.ToList();
            if (value is not null && all.All(o => o.Value != value))
            {
                all.Insert(0, (value, value));
            }

            foreach (var (optionValue, optionLabel) in all)
            {
                var option = new TagBuilder("option");
                option.Attributes["value"] = optionValue;
                if (optionValue == value)
                {
                    option.Attributes["selected"] = "selected";
                }

                option.InnerHtml.Append(optionLabel);
                select.InnerHtml.AppendHtml(option);
            }

            return select;
        });

    /// <summary>
    /// A list the user can add to, remove from and reorder: its items (each with a title, move and remove buttons, and
    /// the fields <paramref name="item"/> renders), a template for a new item (<paramref name="item"/> of null), and the
    /// bounds the content's rules give (the buttons respect them; the server still checks).
    /// </summary>
    /// <param name="numbered">A field of each item that holds its position (1, 2, …), kept in step as items move.</param>
    public IHtmlContent List<T>(string field, string noun, int min, int max, IReadOnlyList<T> items, Func<T?, IHtmlContent> item, string? numbered = null)
    {
        var list = new TagBuilder("div");
        list.AddCssClass("edit-list");
        list.Attributes["data-list"] = field;
        list.Attributes["data-noun"] = noun;
        list.Attributes["data-min"] = min.ToString(CultureInfo.InvariantCulture);
        list.Attributes["data-max"] = max.ToString(CultureInfo.InvariantCulture);
        if (numbered is not null)
        {
            list.Attributes["data-numbered"] = numbered;
        }

        list.InnerHtml.AppendHtml(ErrorLine());
        var ol = new TagBuilder("ol");
        ol.AddCssClass("edit-items");
        ol.Attributes["data-items"] = "";
        for (var i = 0; i < items.Count; i++)
        {
            ol.InnerHtml.AppendHtml(Item(noun, i + 1, item(items[i])));
        }

        list.InnerHtml.AppendHtml(ol);
        var template = new TagBuilder("template");
        template.Attributes["data-template"] = "";
        InTemplate = true;
        try
        {
            template.InnerHtml.AppendHtml(Item(noun, 0, item(default)));
        }
        finally
        {
            InTemplate = false;
        }

        list.InnerHtml.AppendHtml(template);
        var add = new TagBuilder("button");
        add.Attributes["type"] = "button";
        add.AddCssClass("btn btn-sm btn-ghost edit-add");
        add.Attributes["data-add"] = "";
        add.InnerHtml.Append($"Add {Article(noun)} {noun}");
        list.InnerHtml.AppendHtml(add);
        return list;
    }

    /// <summary>A value the form keeps without showing it (a list item's position, which the script keeps in step).</summary>
    public IHtmlContent Hidden(string field, string type, int? value)
    {
        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["type"] = "hidden";
        input.Attributes["data-field"] = field;
        input.Attributes["data-type"] = type;
        input.Attributes["value"] = value?.ToString(CultureInfo.InvariantCulture) ?? "";
        return input;
    }

    /// <summary>Controls side by side on a wide screen (one under the other on a narrow one).</summary>
    public IHtmlContent Row(params IHtmlContent[] parts)
    {
        var row = new TagBuilder("div");
        row.AddCssClass("field-grid field-grid-3");
        row.InnerHtml.AppendHtml(Group(parts));
        return row;
    }

    /// <summary>Several controls as one piece of content.</summary>
    public static IHtmlContent Group(params IHtmlContent[] parts)
    {
        var builder = new HtmlContentBuilder();
        foreach (var part in parts)
        {
            builder.AppendHtml(part);
        }

        return builder;
    }

    private TagBuilder Item(string noun, int position, IHtmlContent fields)
    {
        var li = new TagBuilder("li");
        li.AddCssClass("edit-item");
        li.Attributes["data-item"] = "";
        var head = new TagBuilder("div");
        head.AddCssClass("edit-item-head");
        var title = new TagBuilder("h4");
        title.AddCssClass("edit-item-title");
        title.Attributes["data-item-title"] = "";
        title.InnerHtml.Append($"{Humanize.Label(noun)} {position}");
        head.InnerHtml.AppendHtml(title);
        var tools = new TagBuilder("div");
        tools.AddCssClass("edit-item-tools");
        foreach (var (action, text) in new[] { ("up", "Move up"), ("down", "Move down"), ("remove", "Remove") })
        {
            var button = new TagBuilder("button");
            button.Attributes["type"] = "button";
            button.AddCssClass(action == "remove" ? "btn btn-sm btn-danger-ghost" : "btn btn-sm btn-ghost");
            button.Attributes[action == "remove" ? "data-remove" : "data-move"] = action == "remove" ? "" : action;
            button.Attributes["aria-label"] = action == "remove" ? $"Remove {noun} {position}" : $"Move {noun} {position} {action}";
            button.InnerHtml.Append(text);
            tools.InnerHtml.AppendHtml(button);
        }

        head.InnerHtml.AppendHtml(tools);
        li.InnerHtml.AppendHtml(head);
        li.InnerHtml.AppendHtml(ErrorLine());
        var body = new TagBuilder("div");
        body.AddCssClass("edit-item-fields");
        body.InnerHtml.AppendHtml(fields);
        li.InnerHtml.AppendHtml(body);
        return li;
    }

    private static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(noun[0]), StringComparison.Ordinal) ? "an" : "a";

    /// <summary>The error line of a list or an item (<c>data-error</c> on the element that holds it).</summary>
    public IHtmlContent ErrorLine()
    {
        var line = new TagBuilder("p");
        line.AddCssClass("field-error");
        line.Attributes["id"] = NextId() + "-error";
        line.Attributes["data-error"] = "";
        return line;
    }

    public string NextId() => InTemplate ? $"e{IdPlaceholder}-{++_next}" : $"e{++_next}";

    private TagBuilder Field(string field, string label, string? hint, Func<string, TagBuilder> control)
    {
        var id = NextId();
        var box = new TagBuilder("div");
        box.AddCssClass("field");
        var labelTag = new TagBuilder("label");
        labelTag.Attributes["for"] = id;
        labelTag.InnerHtml.Append(label);
        box.InnerHtml.AppendHtml(labelTag);
        if (hint is not null)
        {
            var hintTag = new TagBuilder("p");
            hintTag.AddCssClass("field-hint");
            hintTag.Attributes["id"] = id + "-hint";
            hintTag.InnerHtml.Append(hint);
            box.InnerHtml.AppendHtml(hintTag);
        }

        box.InnerHtml.AppendHtml(control(id));
        var error = new TagBuilder("p");
        error.AddCssClass("field-error");
        error.Attributes["id"] = id + "-error";
        error.Attributes["data-error"] = "";
        box.InnerHtml.AppendHtml(error);
        return box;
    }

    private static TagBuilder Input(string id, string field, string type, string? value, int? maxLength, string? hint)
    {
        var input = Control("input", id, field, type, hint);
        input.TagRenderMode = TagRenderMode.SelfClosing;
        input.Attributes["type"] = "text";
        input.Attributes["value"] = value ?? "";
        if (maxLength is { } max)
        {
            input.Attributes["maxlength"] = max.ToString(CultureInfo.InvariantCulture);
        }

        return input;
    }

    private static TagBuilder Control(string tag, string id, string field, string type, string? hint)
    {
        var control = new TagBuilder(tag);
        control.Attributes["id"] = id;
        control.Attributes["data-field"] = field;
        control.Attributes["data-type"] = type;
        control.Attributes["aria-describedby"] = hint is null ? $"{id}-error" : $"{id}-hint {id}-error";
        return control;
    }
}
