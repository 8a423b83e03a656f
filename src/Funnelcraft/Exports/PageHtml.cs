using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Funnelcraft.Steps.Enrollment;
using Funnelcraft.Steps.Registration;
using Funnelcraft.Steps.Watch;

namespace Funnelcraft.Exports;

/// <summary>
/// A page step as one standalone HTML file: the page partial that the content page's preview renders, in a plain
/// document; the app's stylesheet moved into style attributes (PreMailer.Net), so the file looks like the preview
/// wherever it is opened or pasted; icons drawn in place of the sprite they point to; no script, no class or id, and
/// nothing fetched from anywhere (a Content-Security-Policy in the file says so too). Every text came through Razor,
/// HTML-encoded.
/// </summary>
public sealed partial class PageHtml(RazorPartialRenderer renderer, IWebHostEnvironment environment)
{
    /// <summary>What the exported file may load: inline styles, nothing else.</summary>
    public const string Policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    private const string Stylesheet = "css/site.css";
    private const string IconsPartial = "/Pages/Shared/_Icons.cshtml";

    private Task<(string Css, IReadOnlyDictionary<string, Icon> Icons)>? _assets;

    public async Task<string> RenderAsync(StepExport export, CancellationToken ct)
    {
        var (partial, title) = export.Content switch
        {
            EnrollmentContent page => (await renderer.RenderAsync("/Pages/FunnelBuilder/_EnrollmentPage.cshtml", (page, export.Offer), ct), page.Headline),
            WatchContent page => (await renderer.RenderAsync("/Pages/FunnelBuilder/_WatchPage.cshtml", page, ct), page.Headline),
            RegistrationContent page => (await renderer.RenderAsync("/Pages/FunnelBuilder/_RegistrationPage.cshtml", page, ct), page.Headline),
            _ => throw new ArgumentException($"{export.Step.Name} is not a page.", nameof(export)),
        };
        var (css, icons) = await AssetsAsync(ct);

        var parser = new HtmlParser();
        using var document = parser.ParseDocument(
            $"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head><body class="export-page"><div class="preview"></div></body></html>""");
        var policy = document.CreateElement("meta");
        policy.SetAttribute("http-equiv", "Content-Security-Policy");
        policy.SetAttribute("content", Policy);
        document.Head!.AppendChild(policy);
        document.Title = title;
        var frame = document.QuerySelector(".preview")!;
        frame.InnerHtml = partial;
        DrawIcons(frame, icons);

        using var premailer = new PreMailer.Net.PreMailer(document.DocumentElement.OuterHtml);
        var inlined = premailer.MoveCssInline(css: css, removeStyleElements: true, stripIdAndClassAttributes: true, removeComments: true);
        return "<!DOCTYPE html>\n" + inlined.Html.Replace("<!DOCTYPE html>", "", StringComparison.OrdinalIgnoreCase).TrimStart();
    }

    /// <summary>Each <c>&lt;svg&gt;&lt;use href="#i-…"&gt;</c> gets the symbol's drawing and view box, so the file needs no sprite.</summary>
    private static void DrawIcons(IElement root, IReadOnlyDictionary<string, Icon> icons)
    {
        foreach (var use in root.QuerySelectorAll("svg > use").ToList())
        {
            var svg = use.ParentElement!;
            if (icons.TryGetValue((use.GetAttribute("href") ?? "").TrimStart('#'), out var icon))
            {
                svg.SetAttribute("viewBox", icon.ViewBox);
                svg.InnerHtml = icon.Drawing;
            }
            else
            {
                use.Remove();
            }
        }
    }

    /// <summary>One symbol of the sprite: its view box and the markup that draws it.</summary>
    private sealed record Icon(string ViewBox, string Drawing);

    /// <summary>The stylesheet with its custom properties resolved (a pasted page has no <c>:root</c>), and the icon sprite; read once.</summary>
    private async Task<(string Css, IReadOnlyDictionary<string, Icon> Icons)> AssetsAsync(CancellationToken ct)
    {
        var assets = Volatile.Read(ref _assets);
        if (assets is null || assets.IsFaulted || assets.IsCanceled)
        {
            var loading = LoadAssetsAsync();
            assets = Interlocked.CompareExchange(ref _assets, loading, assets) == assets ? loading : Volatile.Read(ref _assets)!;
        }

        return await assets.WaitAsync(ct);
    }

    private async Task<(string Css, IReadOnlyDictionary<string, Icon> Icons)> LoadAssetsAsync()
    {
        var file = environment.WebRootFileProvider.GetFileInfo(Stylesheet);
        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        var css = ResolveCustomProperties(await reader.ReadToEndAsync());
        var sprite = new HtmlParser().ParseDocument("<body>" + await renderer.RenderAsync<object?>(IconsPartial, null, CancellationToken.None));
        return (css, sprite.QuerySelectorAll("symbol").Where(s => s.Id is not null)
            .ToDictionary(s => s.Id!, s => new Icon(s.GetAttribute("viewBox") ?? "0 0 24 24", s.InnerHtml)));
    }

    /// <summary>Replaces every <c>var(--name)</c> with the value <c>:root</c> gives it.</summary>
    internal static string ResolveCustomProperties(string css)
    {
        var root = RootBlock().Match(css);
        var values = root.Success
            ? Declaration().Matches(root.Groups["body"].Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim())
            : [];
        var resolved = css;
        for (var depth = 0; depth < 4 && resolved.Contains("var(--", StringComparison.Ordinal); depth++)
        {
            resolved = Use().Replace(resolved, m => values.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Groups["fallback"].Success ? m.Groups["fallback"].Value.Trim() : "initial");
        }

        return resolved;
    }

    [GeneratedRegex(@":root\s*\{(?<body>[^}]*)\}")]
    private static partial Regex RootBlock();

    [GeneratedRegex(@"--(?<name>[\w-]+)\s*:\s*(?<value>[^;]+);")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"var\(--(?<name>[\w-]+)\s*(?:,(?<fallback>[^)]*))?\)")]
    private static partial Regex Use();
}
