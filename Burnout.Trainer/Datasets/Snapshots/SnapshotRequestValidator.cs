using Burnout.Features.Labels;

namespace Burnout.Trainer.Datasets.Snapshots;

/// <summary>The field-by-field problems of a snapshot request, for a validation problem response.</summary>
public static class SnapshotRequestValidator
{
    /// <param name="prefix">Put before each field name, e.g. "definition." when the request is nested.</param>
    public static Dictionary<string, string[]> Validate(SnapshotRequest request, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors[prefix + "name"] = ["is empty"];
        }
        if (request.To < request.From)
        {
            errors[prefix + "to"] = [$"{request.To:yyyy-MM-dd} is before from ({request.From:yyyy-MM-dd})"];
        }
        if (request.HorizonDays is < BurnoutOnsetLabel.MinHorizonDays or > BurnoutOnsetLabel.MaxHorizonDays)
        {
            errors[prefix + "horizon_days"] = [$"{request.HorizonDays} is outside {BurnoutOnsetLabel.MinHorizonDays}..{BurnoutOnsetLabel.MaxHorizonDays}"];
        }
        return errors;
    }
}
