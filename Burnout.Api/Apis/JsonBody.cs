using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Burnout.Api.Apis;

/// <summary>
/// Reads a JSON body with the api's serializer settings and turns a malformed body into a validation problem
/// that names the JSON path and the reason, instead of the framework's bare 400.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (!request.HasJsonContentType())
        {
            return (null, Problem("body", "the body must be JSON (Content-Type: application/json)"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null ? (null, Problem("body", "the body is empty")) : (value, null);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Problem(path, ReasonOf(e)));
        }
    }

    private static string ReasonOf(JsonException e)
    {
        // The serializer's messages name .NET types; keep the part a client can act on.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static ValidationProblem Problem(string field, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, title: "The request body could not be read.");
}
