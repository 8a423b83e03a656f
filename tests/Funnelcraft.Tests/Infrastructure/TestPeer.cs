using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>
/// Lets a test choose the client address of a request (header <see cref="Header"/>): the in-memory test server has no
/// real peer, and per-address limits need one. Runs before the app's own pipeline, as the connection would.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public static void Install(IServiceCollection services) => services.AddTransient<IStartupFilter, TestPeer>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, then) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
            {
                http.Connection.RemoteIpAddress = address;
            }

            return then(http);
        });
        next(app);
    };
}
