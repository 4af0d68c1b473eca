using System.Text.Json.Nodes;
using Burnout.Trainer.Tracking.Mlflow;

namespace Burnout.Trainer.Tracking;

/// <summary>
/// MLflow keeps at most 36 characters of a dataset digest, and our snapshots are named by a full SHA-256 (64 hex
/// characters). MLflow gets the first 32 of them as its digest, which still tells datasets of one name apart,
/// and the full hash in the profile's <c>sha256</c> field, so a run can be traced to exactly one snapshot.
/// </summary>
internal static class MlflowDatasetDigest
{
    public const int Length = 32;

    public const string ProfileField = "sha256";

    public static MlflowDatasetInput ToMlflow(LogDatasetInput input)
    {
        var (digest, profile) = input.Digest.Length <= MlflowLimits.DatasetDigestLength
            ? (input.Digest, input.Profile)
            : (input.Digest[..Length], ProfileWithHash(input.Profile, input.Digest));
        var dataset = new MlflowDataset(input.Name, digest, input.SourceType, input.Source, input.Schema, profile);
        return MlflowDatasetInput.ForContext(dataset, input.Context);
    }

    // A profile that is not a JSON object is kept whole, under "profile", beside the hash.
    private static string ProfileWithHash(string? profile, string fullDigest)
    {
        var json = profile is null ? new JsonObject() : TryParseObject(profile) ?? new JsonObject { ["profile"] = profile };
        json[ProfileField] = fullDigest;
        return json.ToJsonString();
    }

    private static JsonObject? TryParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
