using SemaineIndustrie.Territory;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>The RFC 9457 answers of the organiser API.</summary>
internal static class Problems
{
    public static IResult Field(int status, string title, string field, string message) => FieldProblems.Field(status, title, field, message);

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not possible in this state", detail: detail);

    /// <summary>422 with every field at fault, and the communes to choose from when the venue was ambiguous.</summary>
    public static IResult Invalid(SubmissionValidation validation)
    {
        var problem = new HttpValidationProblemDetails(validation.Errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The submission cannot be accepted",
            Detail = "Correct the fields listed in 'errors'.",
        };
        if (validation.CommuneCandidates.Count > 0)
        {
            problem.Extensions["communeCandidates"] = validation.CommuneCandidates.Take(100)
                .Select(c => new { insee = c.Code, name = c.Name, c.PostalCodes, departement = c.Departement, region = c.Region });
        }
        return TypedResults.Problem(problem);
    }
}
