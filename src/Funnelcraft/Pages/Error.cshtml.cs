using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Funnelcraft.Pages;

/// <summary>The page shown for a page address that answered an error without a body, e.g. an unknown address (404).</summary>
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
    }
}
