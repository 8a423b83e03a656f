using System.ComponentModel.DataAnnotations;
using Funnelcraft.Intakes;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>The add-intake form; the same rules as <c>POST /api/projects/{id}/intakes</c>.</summary>
public sealed class IntakeInput : IValidatableObject
{
    [Required, RegularExpression("^(form|transcript)$", ErrorMessage = "Choose the form or a transcript.")]
    public string? Method { get; set; }

    [Display(Name = "Session name"), StringLength(200)] public string? SessionName { get; set; }
    [Display(Name = "Business name"), StringLength(200)] public string? BusinessName { get; set; }
    [StringLength(200)] public string? Industry { get; set; }
    [Display(Name = "Target audience"), StringLength(1000)] public string? TargetAudience { get; set; }
    [Display(Name = "Main problem"), StringLength(2000)] public string? MainProblem { get; set; }
    [Display(Name = "Current solution"), StringLength(2000)] public string? CurrentSolution { get; set; }
    [Display(Name = "Desired outcome"), StringLength(2000)] public string? DesiredOutcome { get; set; }
    [Display(Name = "Price point"), StringLength(100)] public string? PricePoint { get; set; }
    [StringLength(200)] public string? Timeline { get; set; }
    [Display(Name = "Transcript"), StringLength(IntakesEndpoints.MaxTranscriptLength)] public string? TranscriptText { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Method == "form")
        {
            foreach (var (value, name, label) in new[]
                     {
                         (BusinessName, nameof(BusinessName), "the business name"),
                         (TargetAudience, nameof(TargetAudience), "the target audience"),
                         (MainProblem, nameof(MainProblem), "the main problem"),
                     })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    yield return new ValidationResult($"A form intake needs {label}.", [name]);
                }
            }
        }
        else if (Method == "transcript" && (TranscriptText is null || TranscriptText.Trim().Length < 50))
        {
            yield return new ValidationResult("Paste the transcript (at least 50 characters).", [nameof(TranscriptText)]);
        }
    }

    public Intake ToIntake(Guid projectId, DateTimeOffset now)
    {
        var transcript = Method == "transcript";
        return new Intake
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = projectId,
            Method = Method!,
            SessionName = Clean(SessionName),
            BusinessName = Clean(BusinessName),
            Industry = Clean(Industry),
            TargetAudience = transcript ? null : Clean(TargetAudience),
            MainProblem = transcript ? null : Clean(MainProblem),
            CurrentSolution = transcript ? null : Clean(CurrentSolution),
            DesiredOutcome = transcript ? null : Clean(DesiredOutcome),
            PricePoint = transcript ? null : Clean(PricePoint),
            Timeline = transcript ? null : Clean(Timeline),
            TranscriptText = transcript ? Clean(TranscriptText) : null,
            CreatedAt = now,
        };
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
