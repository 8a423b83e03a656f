using System.ComponentModel.DataAnnotations;
using Funnelcraft.Pages.FunnelBuilder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Funnelcraft.Pages.Account;

/// <summary>Creates an account and signs it in.</summary>
public sealed class RegisterModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) : PageModel
{
    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Enter your e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "E-mail")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Choose a password."), DataType(DataType.Password)]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Repeat the password."), DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        [Display(Name = "Repeat password")]
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

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
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
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
}
