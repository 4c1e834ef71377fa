using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemaineIndustrie.ServiceDefaults;
using SemaineIndustrie.ServiceDefaults.Web;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class ServiceDefaultsTests
{
    private static ServiceProvider ProductionServices()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection([new("Auth:Authority", "https://auth.example.gouv.fr/realms/semaine"), new("Auth:Audience", "semaine-industrie-api")]);
        builder.AddServiceDefaults("test");
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public void In_production_unreadable_bodies_still_raise_the_exception_that_names_the_field()
    {
        using var services = ProductionServices();
        Assert.True(services.GetRequiredService<IOptions<RouteHandlerOptions>>().Value.ThrowOnBadRequest);
    }

    [Fact]
    public void Only_bad_requests_are_answered_as_client_errors()
    {
        using var services = ProductionServices();
        var select = services.GetRequiredService<IOptions<ExceptionHandlerOptions>>().Value.StatusCodeSelector!;
        Assert.Equal(413, select(new BadHttpRequestException("too large", 413)));
        Assert.Equal(400, select(new BadHttpRequestException("bad json", new JsonException("x"))));
        Assert.Equal(422, select(new BadHttpRequestException("bad text", new SemaineIndustrie.ServiceDefaults.Web.UnacceptableTextException("NUL"))));
        Assert.Equal(500, select(new JsonException("a stored document we could not read")));
        Assert.Equal(500, select(new InvalidOperationException()));
    }
}

public sealed class TransientFailureStatusTests
{
    private sealed class FakeDbException(bool transient, string? sqlState = null, Exception? inner = null) : System.Data.Common.DbException("database failure", inner)
    {
        public override bool IsTransient => transient;
        public override string? SqlState => sqlState;
    }

    [Fact]
    public void A_primary_restarting_or_failing_over_is_a_503_however_the_driver_words_it()
    {
        // "No suitable host was found": each host's failure, a refused socket and "terminating connection due to administrator command".
        var noHost = new FakeDbException(false, sqlState: "XX000", inner: new AggregateException(
            new FakeDbException(false, sqlState: "XX000", inner: new System.Net.Sockets.SocketException(111)), new FakeDbException(false, sqlState: "57P01")));
        Assert.Equal(503, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(new InvalidOperationException("query failed", noHost)));
        Assert.Equal(503, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(new FakeDbException(false, sqlState: "XX000", inner: new EndOfStreamException())));
        Assert.Equal(503, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(new FakeDbException(false, sqlState: "53300"))); // too many connections
        Assert.Equal(503, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(new FakeDbException(false))); // "No suitable host was found" while every host is marked down: no inner, no SQLSTATE
        Assert.Equal(500, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(new FakeDbException(false, sqlState: "23505"))); // a bug of ours
        Assert.Equal(500, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(new IOException("disk"))); // not the database
    }

    [Fact]
    public void A_database_that_is_restarting_is_a_503_even_wrapped_by_ef_core()
    {
        var wrapped = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new FakeDbException(transient: true));
        Assert.Equal(503, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(wrapped));
        Assert.Equal(503, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(new AggregateException(new FakeDbException(transient: true))));
    }

    [Fact]
    public void A_database_error_that_retrying_will_not_fix_stays_a_500()
    {
        Assert.Equal(500, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(new InvalidOperationException("x", new FakeDbException(transient: false, sqlState: "42P01"))));
        Assert.Equal(500, SemaineIndustrie.ServiceDefaults.Web.ProblemDetailsAndJson.StatusCodeOf(new NullReferenceException()));
    }
}

public sealed class ProblemJsonTests
{
    private static JsonSerializerOptions PlatformJson()
    {
        // What a service's HTTP layer uses: ASP.NET Core's resolvers (its problem-details context first) with our rules.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.AddProblemDetailsAndJson();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
    }

    [Fact]
    public async Task A_fresh_serializer_streams_the_fields_at_fault_as_plain_keys()
    {
        // A process that just started streams its first problem through fresh metadata (ASP.NET Core's resumable path),
        // where a custom string converter meets the errors dictionary's keys: that first answer was a 500.
        var validation = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["limit"] = ["Between 1 and 100."] });
        var pipe = new System.IO.Pipelines.Pipe();
        await JsonSerializer.SerializeAsync(pipe.Writer, validation, PlatformJson().GetTypeInfo(validation.GetType()));
        await pipe.Writer.CompleteAsync();
        var written = await pipe.Reader.ReadAsync();
        Assert.Contains("\"errors\":{\"limit\":[\"Between 1 and 100.\"]}", System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(written.Buffer)));
    }

    [Fact]
    public void Keys_of_a_dictionary_read_from_a_body_go_through_the_text_rules_too()
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, int>>("{\"a\\u0000b\":1}", PlatformJson()));
        Assert.IsType<SemaineIndustrie.ServiceDefaults.Web.UnacceptableTextException>(error);
        Assert.Equal(1, JsonSerializer.Deserialize<Dictionary<string, int>>("{\"fine\":1}", PlatformJson())!["fine"]);
    }
}
