using Funnelcraft.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Funnelcraft.Pages;

/// <summary>
/// A browser sends the Identity cookie with every request, so an API write that is authenticated by the cookie must
/// also carry the antiforgery token (header <see cref="PagesEndpoints.AntiforgeryHeader"/>) that the pages hand
/// their script. Calls with a bearer token cannot be forged by another site and need no token.
/// </summary>
internal sealed class ApiAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (IsWrite(http.Request) && http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && http.User.Identity?.IsAuthenticated == true
            && (await http.AuthenticateAsync(IdentityConstants.BearerScheme)).None
            && !await antiforgery.IsRequestValidAsync(http))
        {
            await http.WriteProblemAsync(StatusCodes.Status400BadRequest, "Missing or invalid antiforgery token",
                $"A request signed in with the cookie must send the page's antiforgery token in the {PagesEndpoints.AntiforgeryHeader} header. Reload the page and try again.");
            return;
        }

        await next(http);
    }

    private static bool IsWrite(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)
        || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);
}
