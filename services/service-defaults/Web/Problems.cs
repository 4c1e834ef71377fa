using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// Every RFC 9457 answer the APIs give, built one way: field problems carry <c>errors</c> (field →
/// messages); the service defaults add the trace id and the instance to each.
/// </summary>
public static class Problems
{
    /// <summary>Fields at fault, with the given status (400 unreadable, 422 invalid content).</summary>
    public static ProblemHttpResult Invalid(int status, string title, IDictionary<string, string[]> errors, string? detail = null,
        IDictionary<string, object?>? extensions = null)
    {
        var problem = new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Field(int status, string title, string field, string message) =>
        Invalid(status, title, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>422: the content is readable but not acceptable.</summary>
    public static ProblemHttpResult Unprocessable(string title, IDictionary<string, string[]> errors) =>
        Invalid(StatusCodes.Status422UnprocessableEntity, title, errors);

    /// <summary>400 on query parameters.</summary>
    public static ProblemHttpResult BadQuery(IDictionary<string, string[]> errors) =>
        Invalid(StatusCodes.Status400BadRequest, errors.Count == 1 ? $"Invalid {errors.Keys.Single()}" : "Invalid query", errors);

    public static ProblemHttpResult BadQuery(string field, string message) =>
        BadQuery(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>409: not possible in the resource's current state.</summary>
    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);

    /// <summary>412: the client's copy is out of date (If-Match).</summary>
    public static ProblemHttpResult PreconditionFailed(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: title, detail: detail);

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
