using System.ComponentModel.DataAnnotations;
using Funnelcraft.Web;

namespace Funnelcraft.Intakes;

/// <summary>An intake to add: the body of <c>POST /api/projects/{id}/intakes</c> and step 1's form.</summary>
public sealed class NewIntake : IValidatableObject
{
    public const int MinTranscriptLength = 50;

    [Required(ErrorMessage = "Choose the method: 'form' or 'transcript'."), RegularExpression("^(form|transcript)$", ErrorMessage = "The method must be 'form' or 'transcript'.")]
    public string? Method { get; set; }

    [Display(Name = "Session name"), StringLength(InputLimits.Name), PlainText] public string? SessionName { get; set; }
    [Display(Name = "Business name"), StringLength(InputLimits.Name), PlainText] public string? BusinessName { get; set; }
    [StringLength(InputLimits.Name), PlainText] public string? Industry { get; set; }
    [Display(Name = "Target audience"), StringLength(InputLimits.IntakeField), PlainText(Multiline = true)] public string? TargetAudience { get; set; }
    [Display(Name = "Main problem"), StringLength(InputLimits.IntakeField), PlainText(Multiline = true)] public string? MainProblem { get; set; }
    [Display(Name = "Current solution"), StringLength(InputLimits.IntakeField), PlainText(Multiline = true)] public string? CurrentSolution { get; set; }
    [Display(Name = "Desired outcome"), StringLength(InputLimits.IntakeField), PlainText(Multiline = true)] public string? DesiredOutcome { get; set; }
    [Display(Name = "Price point"), StringLength(InputLimits.PricePoint), PlainText] public string? PricePoint { get; set; }
    [StringLength(InputLimits.Name), PlainText] public string? Timeline { get; set; }
    [Display(Name = "Transcript"), StringLength(InputLimits.Transcript), PlainText(Multiline = true)] public string? TranscriptText { get; set; }

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
        else if (Method == "transcript" && (TranscriptText is null || TranscriptText.Trim().Length < MinTranscriptLength))
        {
            yield return new ValidationResult($"A transcript intake needs the transcript (at least {MinTranscriptLength} characters).", [nameof(TranscriptText)]);
        }
    }
}
