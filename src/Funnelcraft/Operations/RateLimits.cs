using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Funnelcraft.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Operations;

/// <summary>
/// The built-in rate limiter: run starts and retries per user, changes to content (restores; edits) per user, account
/// requests per client address; 429 problem details with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string Generation = "generation";
    public const string ContentChanges = "content-changes";
    public const string Auth = "auth";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Generation, http => PerUser(http, http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.GenerationPerMinute));
            limiter.AddPolicy(ContentChanges, http => PerUser(http, http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.ContentChangesPerMinute));
            limiter.AddPolicy(Auth, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.AuthPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(http), _ => Window(perMinute));
            });
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many requests", $"Slow down: try again in {seconds} s.");
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerUser(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? ClientAddress.Of(http), _ => Window(perMinute));

    private static FixedWindowRateLimiterOptions Window(int perMinute) => new()
    {
        PermitLimit = perMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
