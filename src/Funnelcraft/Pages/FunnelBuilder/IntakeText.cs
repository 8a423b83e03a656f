using Funnelcraft.Intakes;

namespace Funnelcraft.Pages.FunnelBuilder;

public static class IntakeText
{
    /// <summary>How an intake is named in lists: its session name, else the business, else its method.</summary>
    public static string Title(Intake intake) =>
        intake.SessionName ?? intake.BusinessName ?? (intake.Method == "transcript" ? "Call transcript" : "Intake form");

    public static string Method(Intake intake) => intake.Method == "transcript" ? "Transcript" : "Form";
}
