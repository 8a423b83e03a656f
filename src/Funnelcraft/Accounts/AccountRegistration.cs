using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Funnelcraft.Accounts;

/// <summary>
/// Registration of an address that already has an account answers as a new one would, so a stranger cannot learn which
/// addresses have accounts; the address's owner is sent what "forgot password" sends (through the configured e-mail
/// sender), so a person who forgot registering can get back in.
/// </summary>
public sealed class AccountRegistration(UserManager<IdentityUser> users, IEmailSender<IdentityUser> mail)
{
    /// <summary>True for Identity's errors that say the address or user name is taken.</summary>
    public static bool IsTaken(string errorCode) =>
        errorCode is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail);

    /// <summary>Sends the owner of <paramref name="email"/> a code to set a new password (nothing when there is no such account).</summary>
    public async Task NotifyOwnerAsync(string email)
    {
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            return;
        }

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        await mail.SendPasswordResetCodeAsync(user, email, code);
    }
}
