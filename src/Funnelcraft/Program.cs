using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Exports;
using Funnelcraft.Generation;
using Funnelcraft.Intakes;
using Funnelcraft.Operations;
using Funnelcraft.Pages;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Funnelcraft.Web;
using Funnelcraft.Writers;

var builder = WebApplication.CreateBuilder(args);

builder.AddData();
builder.AddWriters();
builder.AddTelemetry();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddAccounts(builder.Environment);
builder.AddKeyRing();
builder.Services.AddProjects();
builder.Services.AddIntakes();
builder.Services.AddGeneration(builder.Configuration);
builder.Services.AddApiDefaults();
builder.Services.AddApiDocs();
builder.Services.AddHealth(builder.Configuration);
builder.Services.AddRateLimits();
builder.Services.AddTransportSecurity();
builder.Services.AddPages();
builder.Services.AddExports();

var app = builder.Build();

await app.MigrateDatabaseAsync();

app.UseApiDefaults();
app.UseSecurityHeaders();
app.UseTransportSecurity();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UsePages();

app.MapAccounts();
app.MapProjects();
app.MapIntakes();
app.MapGeneration();
app.MapSteps();
app.MapExports();
app.MapHealth();
app.MapApiDocs();
app.MapTelemetry();
app.MapPages();
app.UseStartupReport();

await app.RunAsync();

/// <summary>The app's entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
