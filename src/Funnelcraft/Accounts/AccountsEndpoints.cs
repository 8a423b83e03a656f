using System.Security.Claims;
using Funnelcraft.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Accounts;

public static class AccountsEndpoints
{
    /// <summary>ASP.NET Core Identity with its API endpoints: bearer tokens for clients, a cookie for the pages.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthorization();
        services.AddIdentityApiEndpoints<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<ThrottledSignInManager>(); // failed sign-ins slow the next ones down; none locks the account
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<AccountRegistration>();
        AddBearerTicketCache(services);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.Cookie.Name = "funnelcraft.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure-only in production (TLS, or a proxy forwarding X-Forwarded-Proto); plain HTTP works in development and tests.
            o.Cookie.SecurePolicy = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            // An API call answers 401/403; only pages are redirected to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx.HttpContext, StatusCodes.Status401Unauthorized, () => ctx.Response.Redirect(ctx.RedirectUri));
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx.HttpContext, StatusCodes.Status403Forbidden, () => ctx.Response.Redirect(ctx.RedirectUri));
        });
        return services;
    }

    /// <summary>
    /// Puts <see cref="BearerTicketCache"/> in front of the bearer scheme's access-token format. A post-configure step,
    /// so it wraps the format Identity's bearer scheme set up (BearerTokenConfigureOptions) or any configured later.
    /// The refresh-token format is left alone: <c>/api/auth/refresh</c> opens it and checks the security stamp each time.
    /// </summary>
    private static void AddBearerTicketCache(IServiceCollection services)
    {
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BearerTicketCache>();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure<IOptions<AccountsOptions>, BearerTicketCache>((bearer, accounts, cache) =>
            {
                if (accounts.Value.BearerCacheSize > 0)
                {
                    bearer.BearerTokenProtector = new CachedBearerTokenFormat(bearer.BearerTokenProtector, cache);
                }
            });
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/auth").WithTags("Accounts").RequireRateLimiting(Operations.RateLimits.Auth)
            .AddEndpointFilterFactory(AccountRequestFilter.Create)
            .MapIdentityApi<IdentityUser>();
        return app;
    }

    /// <summary>The signed-in user's id.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user is not signed in.");

    private static Task ApiOr(HttpContext http, int status, Action redirect)
    {
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = status;
        }
        else
        {
            redirect();
        }

        return Task.CompletedTask;
    }
}
