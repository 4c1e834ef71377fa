using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Gateway;

public static class DevelopmentTokens
{
    public sealed record TokenResponse(string Token, string TokenType = "Bearer");

    /// <summary>
    /// POST /dev/tokens mints organiser, reviewer and admin tokens for local runs. Mapped only when the
    /// development issuer is registered, which happens only in the Development environment.
    /// </summary>
    public static WebApplication MapDevelopmentTokens(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() || app.Services.GetService<DevTokenIssuer>() is null) return app;

        app.MapPost("/dev/tokens", Results<Ok<TokenResponse>, ProblemHttpResult> (DevTokenRequest request, DevTokenIssuer issuer) =>
        {
            try
            {
                return TypedResults.Ok(new TokenResponse(issuer.Mint(request)));
            }
            catch (ArgumentException ex)
            {
                return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Cannot mint this token", ex.ParamName ?? "role", ex.Message);
            }
        }).AllowAnonymous().WithTags("Development");
        return app;
    }
}
