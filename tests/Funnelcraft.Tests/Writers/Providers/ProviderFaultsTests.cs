using System.Net;
using Funnelcraft.Writers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>How provider failures read and whether they are retried; key redaction; the provider settings' checks.</summary>
public sealed class ProviderFaultsTests
{
    [Theory]
    [InlineData(429, null, true, "rate limiting")]
    [InlineData(429, "insufficient_quota", false, "no credit or quota")]
    [InlineData(401, null, false, "refused the API key")]
    [InlineData(403, null, false, "refused the API key")]
    [InlineData(404, "model_not_found", false, "does not know this model")]
    [InlineData(400, "invalid_request_error", false, "rejected the request (HTTP 400 invalid_request_error)")]
    [InlineData(408, null, true, "did not finish")]
    [InlineData(500, null, true, "had an error (HTTP 500; it asked to wait 7 s)")]
    [InlineData(502, null, true, "had an error (HTTP 502")]
    [InlineData(503, null, true, "overloaded or unavailable")]
    [InlineData(529, "overloaded_error", true, "overloaded or unavailable (HTTP 529 overloaded_error")]
    public void Provider_statuses_read_plainly_and_only_transient_ones_are_retried(int status, string? code, bool transient, string text)
    {
        var fault = WriterFaults.ForStatus(status, TimeSpan.FromSeconds(7), code);

        Assert.Equal(transient, fault.Transient);
        Assert.Contains(text, fault.Message, StringComparison.Ordinal);
        Assert.Equal(transient ? TimeSpan.FromSeconds(7) : null, fault.RetryAfter);
    }

    [Fact]
    public void Retry_After_is_named_in_the_message_of_a_rate_limit()
    {
        Assert.EndsWith("(HTTP 429; it asked to wait 30 s).", WriterFaults.ForStatus(429, TimeSpan.FromSeconds(30), null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_texts_never_become_the_message()
    {
        const string key = "sk-live-abcdefghijklmnop";
        var faults = new Exception[]
        {
            new HttpRequestException($"proxy says {key}"),
            new HttpRequestException($"Bad gateway for {key}", null, HttpStatusCode.BadGateway),
            new IOException($"reset {key}"),
            new InvalidOperationException($"odd {key}"),
            new AggregateException(new IOException(key)),
        };

        Assert.All(faults, e =>
        {
            Assert.DoesNotContain(key, WriterFaults.Describe(e, "Offer").Message, StringComparison.Ordinal);
            Assert.DoesNotContain(key, WriterFaults.ForCallFailure(e).Message, StringComparison.Ordinal);
        });
        Assert.True(WriterFaults.ForCallFailure(new IOException("reset")).Transient);
        Assert.False(WriterFaults.ForCallFailure(new InvalidOperationException("odd")).Transient);
    }

    [Fact]
    public void The_redactor_masks_every_configured_key()
    {
        var redactor = new SecretRedactor(Options.Create(new WriterOptions
        {
            OpenAI = { ApiKey = "sk-openai-1234567890" },
            Anthropic = { ApiKey = "sk-ant-0987654321" },
        }));

        var text = redactor.Redact("Invalid key sk-openai-1234567890 (also sk-ant-0987654321).");

        Assert.Equal($"Invalid key {SecretRedactor.Mask} (also {SecretRedactor.Mask}).", text);
    }

    [Theory]
    [InlineData("Anthropic", null, null, "Writer:Anthropic:ApiKey is required")]
    [InlineData("OpenAI", null, null, "Writer:OpenAI:ApiKey is required for api.openai.com")]
    [InlineData("OpenAI", "ftp://models.local/v1", "key", "Writer:OpenAI:Endpoint must be an absolute http or https URL")]
    [InlineData("OpenAI", null, "", "Writer:OpenAI:ApiKey is required for api.openai.com")]
    public void A_provider_without_what_it_needs_stops_the_app_with_a_message_naming_the_key(string provider, string? endpoint, string? key, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Writer:Provider"] = provider,
            [$"Writer:{provider}:ApiKey"] = key,
            [$"Writer:{provider}:Endpoint"] = endpoint,
        };

        var error = Assert.Throws<OptionsValidationException>(() => WriterOptionsFrom(settings));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_OpenAI_compatible_server_needs_no_key_and_nested_settings_are_validated()
    {
        var local = WriterOptionsFrom(new() { ["Writer:Provider"] = "OpenAI", ["Writer:OpenAI:Endpoint"] = "http://localhost:11434/v1" });
        Assert.Null(local.OpenAI.ApiKey);

        var error = Assert.Throws<OptionsValidationException>(() => WriterOptionsFrom(new() { ["Writer:Anthropic:MaxOutputTokens"] = "1" }));
        Assert.Contains("MaxOutputTokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_deck_arc_gives_each_section_its_share_of_the_slides()
    {
        Assert.Equal([6, 18, 27, 45, 54, 60], DeckArc.Ends(60));
        Assert.StartsWith("- slides 1–6: hook\n- slides 7–18: problem", DeckArc.Plan(60), StringComparison.Ordinal);
        Assert.Equal("slides 21–27 agitate, 28–30 solution", DeckArc.Part(21, 30, 60));
        Assert.Equal("close", DeckArc.SectionOf(60, 60));
    }

    private static WriterOptions WriterOptionsFrom(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWriters();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<WriterOptions>>().Value;
    }
}
