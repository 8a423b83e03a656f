using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Funnelcraft.Accounts;
using Funnelcraft.Pages.FunnelBuilder;
using Funnelcraft.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Funnelcraft.Pages.Account;

/// <summary>Signs in with e-mail and password and sets the Identity cookie the pages (and their API calls) use.</summary>
public sealed class LoginModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(InputLimits.Email), PlainText, Display(Name = "E-mail")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter your password."), DataType(DataType.Password), StringLength(InputLimits.Password)]
        public string? Password { get; set; }

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        signIn.IsSignedIn(User) ? LocalRedirect(Target) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email!.Trim(), Input.Password!, Input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Target);
        }

        if (HttpContext.Features.Get<SignInThrottled>() is { } throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = throttled.Seconds.ToString(CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, $"Too many failed sign-ins: try again in {throttled.Seconds} s.");
            return Page();
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "This account is locked. Contact support to unlock it."
            : "That e-mail and password do not match an account.");
        return Page();
    }

    private string Target => ReturnUrl is { Length: > 0 and <= 2000 } url && Url.IsLocalUrl(url) ? url : FunnelUrls.Projects;
}
