namespace Funnelcraft.Web;

/// <summary>Problem details written by middleware (outside an endpoint), for refusals that happen before one runs.</summary>
public static class ProblemResponses
{
    /// <summary>
    /// Writes a problem details response. A client that accepts no JSON (<c>Accept: text/plain</c>) gets the detail as
    /// plain text: the status is what matters, and the problem writer would otherwise throw and turn it into a 500.
    /// </summary>
    public static async Task WriteProblemAsync(this HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var written = await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
        if (!written)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"{title}: {detail}", http.RequestAborted);
        }
    }
}
