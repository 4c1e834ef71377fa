using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SemaineIndustrie.ServiceDefaults.Web;

public static partial class ProblemDetailsAndJson
{
    /// <summary>
    /// RFC 9457 problem+json for every error (with the trace id, so a user's report leads to the trace),
    /// camelCase JSON with enums as camelCase strings, and client errors (malformed JSON, oversized
    /// bodies) answered with their own 4xx instead of a 500.
    /// </summary>
    public static IHostApplicationBuilder AddProblemDetailsAndJson(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (context.Exception is { } exception) DescribeUnreadableBody(context.ProblemDetails, exception);
            if (context.Exception is DependencyUnavailableException unavailable)
            {
                context.ProblemDetails.Title = "Temporarily unavailable";
                context.ProblemDetails.Detail = unavailable.Message;
                context.HttpContext.Response.Headers.RetryAfter = "60";
            }
            else if (context.Exception is { } failure && IsTransientDatabaseFailure(failure))
            {
                context.ProblemDetails.Title = "Temporarily unavailable";
                context.ProblemDetails.Detail = "The database is restarting or failing over; nothing was stored. Try again in a few seconds.";
                context.HttpContext.Response.Headers.RetryAfter = "5";
            }
        });
        // Unreadable bodies become BadHttpRequestException in every environment (minimal APIs only throw
        // it in Development by default, and elsewhere answer a bare 400 that names no field).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(options => options.StatusCodeSelector = StatusCodeOf);
        builder.Services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        return builder;
    }

    /// <summary>
    /// A body that is not JSON, or holds a value of the wrong type (a number sent as a string included) or
    /// an unknown enum member, is answered 400 with the JSON path of the field at fault (System.Text.Json
    /// reports it), in the same "errors" shape as validation problems. A well-formed string the platform
    /// does not accept (<see cref="TextRules"/>) is invalid content: 422, naming the field too.
    /// </summary>
    private static void DescribeUnreadableBody(ProblemDetails problem, Exception exception)
    {
        if (exception is not BadHttpRequestException) return;
        var json = exception.InnerException as JsonException;
        var field = json?.Path is { Length: > 1 } path ? FieldName(path) : "body";
        if (json is UnacceptableTextException text)
        {
            problem.Title = "The request cannot be accepted";
            problem.Detail = $"'{field}': {text.Message}";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [text.Message] };
            return;
        }

        if (json is null && BoundParameter().Match(exception.Message) is { Success: true } parameter)
        {
            // A route, query or header value of the wrong type ("limit=NaN", "from=2018-13-45"): minimal APIs
            // say which parameter in their message; name it like any other field.
            field = parameter.Groups["name"].Value;
            problem.Title = $"Invalid {field}";
            problem.Detail = $"'{field}' has a value of the wrong type.";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [problem.Detail] };
            return;
        }

        problem.Title = "The request body could not be read";
        problem.Detail = json is null
            ? exception.Message
            : $"'{field}' is malformed or has a value of the wrong type.";
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [problem.Detail] };
    }

    /// <summary>ASP.NET Core's binding failures: <c>Failed to bind parameter "int limit" from "NaN".</c> and <c>Required parameter "string x" was not provided</c>.</summary>
    [GeneratedRegex("""parameter "[^"]*? (?<name>[A-Za-z0-9_]+)" (from|was not provided)""")]
    private static partial Regex BoundParameter();

    /// <summary>"$.venue.name" → "venue.name", "$.decisions[1].motivation" → "decisions[1].motivation", "$" → "body".</summary>
    private static string FieldName(string jsonPath)
    {
        var field = jsonPath.TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    /// <summary>
    /// Only the client's own faults get a 4xx. A dependency that is down for a while — a server this request needs,
    /// the database restarting or failing over (a transient <see cref="System.Data.Common.DbException"/> anywhere in the
    /// chain; the transaction was rolled back) — is 503 with Retry-After: the client may retry, with its
    /// Idempotency-Key where it has one. Anything else thrown is ours: 500.
    /// </summary>
    public static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: UnacceptableTextException } => StatusCodes.Status422UnprocessableEntity,
        BadHttpRequestException bad => bad.StatusCode,
        DependencyUnavailableException => StatusCodes.Status503ServiceUnavailable,
        _ when IsTransientDatabaseFailure(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// The database cannot be reached or is going away, wherever the driver's exception sits in the chain: a
    /// <see cref="System.Data.Common.DbException"/> the driver calls transient, one without SQLSTATE (the server never
    /// answered: the driver could not reach it), one whose SQLSTATE is a connection
    /// exception (08), an operator intervention (57P: shutdown, restart, starting up) or insufficient resources
    /// (53: too many connections), or one caused by a broken socket or a timeout ("No suitable host was found" while
    /// a primary restarts or fails over lists each host's failure in an AggregateException).
    /// </summary>
    public static bool IsTransientDatabaseFailure(Exception exception) => IsTransient(exception, insideDatabaseError: false);

    private static bool IsTransient(Exception? e, bool insideDatabaseError)
    {
        if (e is null) return false;
        if (e is System.Data.Common.DbException db)
        {
            // No SQLSTATE: the server never answered with an error — the driver could not reach it (Npgsql's "No suitable
            // host was found" while the hosts are marked down, a pool that cannot open a connection).
            if (db.IsTransient || db.SqlState is not { } state || state.StartsWith("08", StringComparison.Ordinal) ||
                state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)) return true;
            insideDatabaseError = true;
        }
        if (insideDatabaseError && e is System.Net.Sockets.SocketException or IOException or TimeoutException) return true;
        return e is AggregateException aggregate
            ? aggregate.InnerExceptions.Any(inner => IsTransient(inner, insideDatabaseError))
            : IsTransient(e.InnerException, insideDatabaseError);
    }

    /// <summary>
    /// The JSON rules of every API here: camelCase, enums as camelCase strings (never numbers), numbers as
    /// JSON numbers only (strict: "40" is not 40), every string through <see cref="AcceptableTextConverter"/>.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new AcceptableTextConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
