using System.Threading.RateLimiting;
using Funnelcraft.Operations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Pages;

/// <summary>The server-rendered pages: accounts, projects, step 1 and the content pages.</summary>
public static class PagesEndpoints
{
    /// <summary>Pages are signed in with the Identity cookie only, and an anonymous visitor is sent to the login page.</summary>
    public const string PagesPolicy = "Pages";

    /// <summary>Sign-in and registration form posts per client address, limited like <c>/api/auth</c> (RateLimits:AuthPerMinute).</summary>
    public const string AccountPostsPolicy = "account-posts";

    /// <summary>The header the pages' script sends its antiforgery token in.</summary>
    public const string AntiforgeryHeader = "RequestVerificationToken";

    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(PagesPolicy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser());
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/FunnelBuilder", PagesPolicy);
            o.Conventions.AddFolderApplicationModelConvention("/Account", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(AccountPostsPolicy)));
            o.Conventions.AddPageRoute("/FunnelBuilder/Content", "/funnel-builder/{projectId:guid}/marketing-profile");
            o.Conventions.AddPageRoute("/FunnelBuilder/Edit", "/funnel-builder/{projectId:guid}/marketing-profile/edit");
            o.Conventions.AddPageRoute("/FunnelBuilder/Compare", "/funnel-builder/{projectId:guid}/marketing-profile/compare");
        }).AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false); // server-side and native validation only
        services.AddRateLimiter(o => o.AddPolicy(AccountPostsPolicy, http =>
            HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.AuthPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("page-views")));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "funnelcraft.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    /// <summary>
    /// Static files and antiforgery on cookie-authenticated API writes; goes after authentication. The strict
    /// Content-Security-Policy the pages rely on (no inline script or style) comes from Operations/SecurityHeaders.
    /// </summary>
    public static WebApplication UsePages(this WebApplication app)
    {
        app.UseStaticFiles();
        // A page address that answers an error without a body (an unknown address: 404) shows the error page.
        // API calls and non-GET requests opt out here, so the problem-details status pages (Web/ApiDefaults) answer
        // them; and no catch-all route competes with the API's own 405/415 answers.
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use((http, next) =>
        {
            if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                http.Features.Get<IStatusCodePagesFeature>()!.Enabled = false;
            }

            return next(http);
        });
        app.UseMiddleware<ApiAntiforgery>();
        return app;
    }

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }
}
