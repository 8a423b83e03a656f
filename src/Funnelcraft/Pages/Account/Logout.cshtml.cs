using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Funnelcraft.Pages.Account;

/// <summary>Signs out (POST only; a GET shows a button, so a link cannot sign anyone out).</summary>
public sealed class LogoutModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public IActionResult OnGet() => signIn.IsSignedIn(User) ? Page() : LocalRedirect("/account/login");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/account/login?signedOut=1");
    }
}
