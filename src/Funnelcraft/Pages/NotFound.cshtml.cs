using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Funnelcraft.Pages;

/// <summary>The friendly 404 for page addresses that do not exist.</summary>
public sealed class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
