using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Funnelcraft.Accounts;
using Funnelcraft.Pages.FunnelBuilder;
using Funnelcraft.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Funnelcraft.Pages.Account;

/// <summary>
/// Creates an account and signs it in. An address that already has an account is never called taken: with that
/// account's password it signs in, as a new account would; otherwise the owner is sent a way back in
/// (<see cref="AccountRegistration"/>) and the page says so in words that fit either case.
/// </summary>
public sealed class RegisterModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, AccountRegistration registration) : PageModel
{
    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Enter your e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(InputLimits.Email), PlainText, Display(Name = "E-mail")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Choose a password."), DataType(DataType.Password), StringLength(InputLimits.Password)]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Repeat the password."), DataType(DataType.Password), StringLength(InputLimits.Password)]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        [Display(Name = "Repeat password")]
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>The address already had an account and the password was not its own: its owner has been written to.</summary>
    public bool OwnerNotified { get; private set; }

    public IActionResult OnGet() => signIn.IsSignedIn(User) ? LocalRedirect(FunnelUrls.Projects) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email!.Trim();
        var user = new IdentityUser { UserName = email, Email = email };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded && result.Errors.All(e => AccountRegistration.IsTaken(e.Code)))
        {
            return await ExistingAccountAsync(email);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors.Where(e => !AccountRegistration.IsTaken(e.Code)))
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? $"{nameof(Input)}.{nameof(RegisterInput.Password)}"
                    : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? $"{nameof(Input)}.{nameof(RegisterInput.Email)}"
                    : string.Empty;
                ModelState.AddModelError(field, error.Description);
            }

            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(FunnelUrls.Projects);
    }

    private async Task<IActionResult> ExistingAccountAsync(string email)
    {
        // Through the sign-in throttle like any sign-in: registering again is no way around it.
        var result = await signIn.PasswordSignInAsync(email, Input.Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return LocalRedirect(FunnelUrls.Projects);
        }

        if (HttpContext.Features.Get<SignInThrottled>() is { } throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = throttled.Seconds.ToString(CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, $"Too many attempts: try again in {throttled.Seconds} s.");
            return Page();
        }

        await registration.NotifyOwnerAsync(email);
        OwnerNotified = true;
        return Page();
    }
}
