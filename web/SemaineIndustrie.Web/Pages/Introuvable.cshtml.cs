using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SemaineIndustrie.Web.Pages;

/// <summary>Every address no page serves: a 404 page for people (the APIs answer problem+json themselves).</summary>
public sealed class IntrouvableModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
