using System.Text.RegularExpressions;

namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>
/// MLflow's rules for metric, param and tag keys: at most 250 characters of letters, digits, <c>_ - . / :</c> and
/// spaces, and a path that normalises to itself (MLflow may store keys as file names). Checked here so that a bad
/// key fails before anything is sent, naming the key, instead of half-way through a split batch.
/// </summary>
internal static partial class MlflowNames
{
    public static void ValidateKey(string? key, string what)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"A {what} key must not be empty.");
        }

        // Keys are refused rather than truncated: two long keys with a common prefix would silently merge.
        if (key.Length > MlflowLimits.KeyLength)
        {
            throw new ArgumentException($"The {what} key '{key}' has {key.Length} characters; MLflow accepts at most {MlflowLimits.KeyLength}.");
        }

        if (!AllowedCharacters().IsMatch(key))
        {
            throw new ArgumentException($"The {what} key '{key}' has a character MLflow refuses; keys may hold letters, digits, '_', '-', '.', '/', ':' and spaces.");
        }

        if (key.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"The {what} key '{key}' is not a normal path (empty, '.' or '..' segment, or a leading or trailing '/'); MLflow refuses it.");
        }
    }

    public static void ValidateLength(string? value, int limit, string what, string key)
    {
        if (value is null)
        {
            throw new ArgumentException($"The {what} of '{key}' must not be null.");
        }

        if (value.Length > limit)
        {
            throw new ArgumentException($"The {what} of '{key}' has {value.Length} characters; MLflow accepts at most {limit}.");
        }
    }

    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex AllowedCharacters();
}
