using System.Text.Json;

namespace Burnout.Trainer.Runs;

/// <summary>How a run's snapshot definition is stored: the API's snake_case, so that it reads back as it was sent.</summary>
public static class SnapshotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
