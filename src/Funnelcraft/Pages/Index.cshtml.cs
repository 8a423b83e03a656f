using Funnelcraft.Pages.FunnelBuilder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Funnelcraft.Pages;

/// <summary><c>/</c>: the projects when signed in, else the login page.</summary>
public sealed class IndexModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect(signIn.IsSignedIn(User) ? FunnelUrls.Projects : "/account/login");
}
