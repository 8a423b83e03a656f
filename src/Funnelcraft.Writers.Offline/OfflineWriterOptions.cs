using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Writers.Offline;

/// <summary>The offline writer's settings (<c>Writer:Offline</c>).</summary>
public sealed class OfflineWriterOptions
{
    /// <summary>Simulated writing time per writer call, spread over the text it streams.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Model name recorded for estimates and usage.</summary>
    public string Model { get; set; } = "offline-templates";

    /// <summary>Step keys the offline writer always fails (to try out failure handling and retries).</summary>
    public IList<string> FailSteps { get; } = [];
}
