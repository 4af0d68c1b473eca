using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Authenticates machine clients (a learning platform's export job, the importers, the monitor asking for a
/// retraining) by a shared key in the <c>X-Api-Key</c> header. Keys come from configuration, so they can be
/// rotated by adding the new key before removing the old one.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var supplied) || string.IsNullOrEmpty(supplied))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var suppliedBytes = Encoding.UTF8.GetBytes(supplied.ToString());
        foreach (var key in Options.Keys)
        {
            // Constant-time comparison, so response timing does not reveal how much of a key was right.
            if (CryptographicOperations.FixedTimeEquals(suppliedBytes, Encoding.UTF8.GetBytes(key)))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Options.ClientName)], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: Request.Headers.ContainsKey(HeaderName)
                ? $"The {HeaderName} header does not carry a valid API key."
                : $"This call needs an API key in the {HeaderName} header.").ExecuteAsync(Context);
    }
}

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public IReadOnlyList<string> Keys { get; set; } = [];

    /// <summary>The name an authenticated client gets, for logs and audit records.</summary>
    public string ClientName { get; set; } = "api-client";
}

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>The <c>X-Api-Key</c> scheme as the default, with the keys listed in <paramref name="keysSection"/>.</summary>
    public static AuthenticationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder, string keysSection, string clientName)
    {
        var keys = builder.Configuration.GetSection(keysSection).Get<string[]>() ?? [];
        return builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, options =>
            {
                options.Keys = [.. keys.Where(k => !string.IsNullOrWhiteSpace(k))];
                options.ClientName = clientName;
            });
    }
}
