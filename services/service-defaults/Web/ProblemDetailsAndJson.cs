using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SemaineIndustrie.ServiceDefaults.Web;

public static class ProblemDetailsAndJson
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
        });
        builder.Services.Configure<ExceptionHandlerOptions>(options => options.StatusCodeSelector = exception => exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            JsonException => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status500InternalServerError,
        });
        builder.Services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        return builder;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
