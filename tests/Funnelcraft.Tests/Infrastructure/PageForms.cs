using System.Net;
using System.Text.RegularExpressions;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>Posts a page's form as a browser does: the page is loaded first for its antiforgery token (and cookie).</summary>
public static partial class PageForms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IReadOnlyDictionary<string, string> fields, string? handler = null)
    {
        var page = await client.GetStringAsync(url);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"{url} has no antiforgery token");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value) };
        return await client.PostAsync(handler is null ? url : $"{url}?handler={handler}", new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
