using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Accounts;

/// <summary>
/// Password sign-in for the API and the pages alike, through <see cref="SignInThrottle"/> instead of lockout. Every
/// refusal reads the same: an unknown account costs the same password hash as a known one and answers "Failed", as does
/// a wrong password for an account in any state (locked, unconfirmed); only the right password learns more.
/// </summary>
public sealed class ThrottledSignInManager(
    UserManager<IdentityUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<IdentityUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<IdentityUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<IdentityUser> confirmation,
    SignInThrottle throttle)
    : SignInManager<IdentityUser>(users, contextAccessor, claims, options, logger, schemes, confirmation)
{
    private static string? s_unknownUserHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var attempt = throttle.Begin(userName, Context.Connection.RemoteIpAddress);
        if (attempt.RetryAfter is { } wait)
        {
            Context.Features.Set(new SignInThrottled(wait));
            return SignInResult.Failed;
        }

        bool? succeeded = null;
        try
        {
            var user = await UserManager.FindByNameAsync(userName);
            if (user is null)
            {
                // As long as checking a real password, so the time taken does not tell whether the account exists.
                var unknown = new IdentityUser();
                s_unknownUserHash ??= UserManager.PasswordHasher.HashPassword(unknown, Guid.NewGuid().ToString());
                UserManager.PasswordHasher.VerifyHashedPassword(unknown, s_unknownUserHash, password);
                succeeded = false;
                return SignInResult.Failed;
            }

            // Failures are the throttle's to count: the account is never locked by them.
            var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
            succeeded = result.Succeeded || result.RequiresTwoFactor; // the password was right
            return result;
        }
        finally
        {
            throttle.End(attempt, succeeded);
        }
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(IdentityUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            return SignInResult.Failed;
        }

        return await PreSignInCheck(user) ?? SignInResult.Success;
    }
}
