using System.ComponentModel.DataAnnotations;
using Funnelcraft.Web;

namespace Funnelcraft.Projects;

/// <summary>A project to create: the body of <c>POST /api/projects</c> and the projects page's form.</summary>
public sealed class NewProject
{
    [Required(ErrorMessage = "Give the project a name."), StringLength(InputLimits.Name), PlainText]
    public string? Name { get; set; }

    [StringLength(InputLimits.Description), PlainText(Multiline = true)]
    public string? Description { get; set; }
}
