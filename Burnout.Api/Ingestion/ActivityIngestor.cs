using Burnout.Features.Validation;
using Npgsql;

namespace Burnout.Api.Ingestion;

/// <summary>Options a client chooses per batch.</summary>
/// <param name="AutoCreateStudents">Register students the database does not know yet, instead of refusing their rows.</param>
/// <param name="Cohort">The cohort given to students created that way.</param>
public sealed record IngestionOptions(bool AutoCreateStudents = false, string Cohort = "unassigned");

/// <summary>
/// Stores a batch of daily activity all-or-nothing. Every row is checked (by the shared rules in
/// <see cref="DailyActivityValidator"/>, and against the rest of the batch and the database); if any row is bad, the transaction is
/// rolled back and every problem is returned, so nothing already stored changes and nothing is half-written.
/// </summary>
public sealed class ActivityIngestor(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ActivityIngestor> logger)
{
    internal async Task<IngestionResult> IngestAsync(IAsyncEnumerable<StagedRow> rows, IngestionOptions options, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var problems = new List<RowProblem>();
        var rowProblems = new List<RowProblem>();
        long problemCount = 0;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long received = 0;

        await using (var staging = await ActivityStaging.BeginAsync(connection, cancellationToken))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                received = Math.Max(received, row.Row + 1);
                rowProblems.Clear();
                if (row.Activity is null)
                {
                    rowProblems.AddRange(row.Problems);
                }
                else
                {
                    DailyActivityValidator.CheckRow(row.Row, row.Activity, today, rowProblems);
                }

                if (rowProblems.Count > 0)
                {
                    problemCount += rowProblems.Count;
                    problems.AddRange(rowProblems.Take(IngestionResult.MaxListedProblems - problems.Count));
                    continue;
                }

                // Once a batch is known to fail, staging the rest is wasted work; reading on still finds their problems.
                if (problemCount == 0)
                {
                    await staging.WriteAsync(row.Row, row.Activity!, cancellationToken);
                }
            }

            await staging.CompleteAsync(cancellationToken);
        }

        if (problemCount == 0)
        {
            problems.AddRange(await ActivityStaging.FindDuplicateKeysAsync(connection, IngestionResult.MaxListedProblems, cancellationToken));
            if (!options.AutoCreateStudents)
            {
                problems.AddRange(await ActivityStaging.FindUnknownStudentsAsync(connection, IngestionResult.MaxListedProblems, cancellationToken));
            }
        }

        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            logger.LogInformation("Refused an activity batch of {Rows} rows with {Problems} problems", received, Math.Max(problemCount, problems.Count));
            return new IngestionResult(received, 0, 0, problems.OrderBy(p => p.Row).Take(IngestionResult.MaxListedProblems).ToArray());
        }

        var created = options.AutoCreateStudents
            ? await ActivityStaging.CreateMissingStudentsAsync(connection, options.Cohort, cancellationToken)
            : 0;
        var stored = await ActivityStaging.MergeAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Stored {Stored} changed rows of {Rows} received; created {Created} students", stored, received, created);
        return new IngestionResult(received, stored, created, []);
    }
}
