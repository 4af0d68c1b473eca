using Burnout.Features.Daily;
using Burnout.Trainer.Datasets.Snapshots;
using Npgsql;

namespace Burnout.Trainer.Runs;

/// <summary>The snapshot that first-start and scheduled runs train on: every student, all the stored activity.</summary>
public static class DefaultSnapshot
{
    /// <returns>null when there is no activity at all.</returns>
    public static async Task<SnapshotRequest?> DefineAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT min(day), max(day) FROM daily_activity");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return null;
        }
        var first = reader.GetFieldValue<DateOnly>(0);
        var last = reader.GetFieldValue<DateOnly>(1);
        // The first days of a student's history cannot fill the features' longest window yet.
        var from = first.AddDays(DailyFeatures.LongWindowDays);
        return new SnapshotRequest(name, null, from < last ? from : first, last);
    }
}
