using Funnelcraft.Writers.Offline;
using Funnelcraft.Writers.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

public static class WritersServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddWriters(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WriterOptions>().BindConfiguration(WriterOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WriterOptions>, WriterOptionsValidator>();
        builder.Services.AddSingleton<PromptLibrary>();
        builder.Services.AddSingleton<WriterGate>();
        builder.Services.AddSingleton<SecretRedactor>();
        builder.Services.AddSingleton<IStepWriter, ChatStepWriter>();
        builder.Services.AddSingleton<IWriterInfo, WriterInfo>();
        builder.Services.AddWriterHttp();
        builder.Services.AddSingleton(sp => new OfflineChatClient(sp.GetRequiredService<IOptions<WriterOptions>>().Value.Offline, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IChatClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WriterOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Funnelcraft.Writers.Providers");
            return options.Provider switch
            {
                "OpenAI" => new ProviderChatClient(OpenAIProvider.Create(options, WriterHttp.Create(sp)), "OpenAI", sp.GetRequiredService<SecretRedactor>(), logger),
                "Anthropic" => new ProviderChatClient(AnthropicProvider.Create(options, WriterHttp.Create(sp)), "Anthropic", sp.GetRequiredService<SecretRedactor>(), logger),
                _ => sp.GetRequiredService<OfflineChatClient>(),
            };
        });
        return builder;
    }

    private sealed class WriterInfo(IOptions<WriterOptions> options) : IWriterInfo
    {
        public string Provider => options.Value.Provider;

        public string Model => options.Value.Provider switch
        {
            "OpenAI" => $"openai:{options.Value.OpenAI.Model}",
            "Anthropic" => $"anthropic:{options.Value.Anthropic.Model}",
            _ => $"offline:{options.Value.Offline.Model}",
        };

        public TokenPrice? PriceFor(string writerModel)
        {
            var pricing = options.Value.Pricing;
            if (Provider == "Offline" || writerModel != Model || (pricing.InputPerMillion is null && pricing.OutputPerMillion is null))
            {
                return null;
            }

            return new TokenPrice(pricing.InputPerMillion ?? 0, pricing.OutputPerMillion ?? 0, pricing.Currency);
        }
    }
}
