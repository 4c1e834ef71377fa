using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>RFC 9457 answers that name the fields at fault (<c>errors</c>: field → messages), as every API here gives them.</summary>
public static class FieldProblems
{
    public static ProblemHttpResult Invalid(int status, string title, IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail });

    public static ProblemHttpResult Field(int status, string title, string field, string message) =>
        Invalid(status, title, new Dictionary<string, string[]> { [field] = [message] });
}
