using System.Text.Json;
using System.Text.RegularExpressions;

namespace Burnout.Trainer.Tests.Tracking.Server;

/// <summary>
/// One JSON object of a request, read as strictly as MLflow's handlers do (required fields, protobuf JSON
/// types), and stricter in one way: a field the API does not document is refused, where MLflow would ignore it.
/// That is on purpose: a misspelt field (<c>runId</c>) would otherwise pass here and be lost on a real server.
/// </summary>
internal sealed partial class MlflowRequestBody
{
    private readonly JsonElement _json;
    private readonly string _path;

    private MlflowRequestBody(JsonElement json, string path, IReadOnlyCollection<string> fields)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw MlflowApiError.Invalid($"'{Name(path)}' must be a JSON object, got {json.ValueKind}.");
        }

        foreach (var property in json.EnumerateObject())
        {
            if (!fields.Contains(property.Name))
            {
                throw MlflowApiError.Invalid($"Unknown field '{Join(path, property.Name)}'; this message has {string.Join(", ", fields)}.");
            }
        }

        _json = json;
        _path = path;
    }

    public static MlflowRequestBody Parse(byte[] body, params string[] fields)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return new MlflowRequestBody(document.RootElement.Clone(), "", fields);
        }
        catch (JsonException e)
        {
            throw MlflowApiError.Invalid($"The body is not JSON: {e.Message}");
        }
    }

    public MlflowRequestBody Object(string field, params string[] fields) =>
        new(Value(field) ?? throw Missing(field), Join(_path, field), fields);

    public IReadOnlyList<MlflowRequestBody> Objects(string field, bool required, params string[] fields)
    {
        var items = Array(field, required);
        return items.Select((item, index) => new MlflowRequestBody(item, $"{Join(_path, field)}[{index}]", fields)).ToList();
    }

    public IReadOnlyList<JsonElement> Array(string field, bool required = false)
    {
        var value = Value(field);
        if (value is null)
        {
            return required ? throw Missing(field) : [];
        }

        return value.Value.ValueKind == JsonValueKind.Array ? value.Value.EnumerateArray().ToList() : throw WrongType(field, "an array");
    }

    public string RequiredString(string field) =>
        OptionalString(field) is { Length: > 0 } text ? text : throw Missing(field);

    public string? OptionalString(string field)
    {
        var value = Value(field);
        return value is null ? null : value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : throw WrongType(field, "a string");
    }

    /// <summary>int64, which protobuf's JSON writes as a number or a decimal string.</summary>
    public long? OptionalInt64(string field)
    {
        var value = Value(field);
        return value switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var n) => n,
            { ValueKind: JsonValueKind.String } text when long.TryParse(text.GetString(), out var n) => n,
            _ => throw WrongType(field, "a 64-bit integer"),
        };
    }

    public long RequiredInt64(string field) => OptionalInt64(field) ?? throw Missing(field);

    /// <summary>double: a number, or protobuf's "NaN", "Infinity", "-Infinity".</summary>
    public double RequiredDouble(string field)
    {
        var value = Value(field) ?? throw Missing(field);
        return value switch
        {
            { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
            { ValueKind: JsonValueKind.String } text when text.GetString() is "NaN" => double.NaN,
            { ValueKind: JsonValueKind.String } text when text.GetString() is "Infinity" => double.PositiveInfinity,
            { ValueKind: JsonValueKind.String } text when text.GetString() is "-Infinity" => double.NegativeInfinity,
            _ => throw WrongType(field, "a double"),
        };
    }

    /// <summary>MLflow's key rules (<c>validate_param_and_metric_name</c>, <c>path_not_unique</c>, 250 characters).</summary>
    public string Key(string field = "key")
    {
        var key = RequiredString(field);
        if (key.Length > 250)
        {
            throw MlflowApiError.Invalid($"'{Join(_path, field)}' exceeds the maximum length of 250 characters");
        }

        if (!KeyCharacters().IsMatch(key) || key.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw MlflowApiError.Invalid($"Invalid value \"{key}\" for parameter '{Join(_path, field)}' supplied.");
        }

        return key;
    }

    public string Limited(string? value, string field, int limit) =>
        value is null || value.Length <= limit ? value ?? "" : throw MlflowApiError.Invalid($"'{Join(_path, field)}' exceeds the maximum length of {limit} characters");

    private JsonElement? Value(string field) =>
        _json.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private MlflowApiError Missing(string field) =>
        MlflowApiError.Invalid($"Missing value for required parameter '{Join(_path, field)}'. See the API docs for more information about request parameters.");

    private MlflowApiError WrongType(string field, string expected) =>
        MlflowApiError.Invalid($"Invalid value for parameter '{Join(_path, field)}' supplied: expected {expected}.");

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private static string Name(string path) => path.Length == 0 ? "body" : path;

    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex KeyCharacters();
}
