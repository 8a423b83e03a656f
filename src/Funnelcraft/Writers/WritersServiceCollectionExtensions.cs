using Funnelcraft.Writers.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

public static class WritersServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddWriters(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WriterOptions>().BindConfiguration(WriterOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PromptLibrary>();
        builder.Services.AddSingleton<WriterGate>();
        builder.Services.AddSingleton<IStepWriter, ChatStepWriter>();
        builder.Services.AddSingleton<IWriterInfo, WriterInfo>();
        builder.Services.AddSingleton<IChatClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WriterOptions>>().Value;
            return options.Provider switch
            {
                _ => new OfflineChatClient(sp.GetRequiredService<IOptions<WriterOptions>>(), sp.GetRequiredService<TimeProvider>()),
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
    }
}
