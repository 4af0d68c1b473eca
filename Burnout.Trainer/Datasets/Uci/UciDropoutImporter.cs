using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Burnout.Trainer.Datasets.Uci;

/// <summary>
/// Imports UCI 697 "Predict Students' Dropout and Academic Success" (one row per student) into <c>uci.students</c>,
/// for the full-term model. The file is semicolon-separated UTF-8 with a BOM, and one header cell carries a
/// stray TAB; column names are stored trimmed and in snake_case. Every cell but the target must be a number.
/// The import replaces the previous one in a single transaction.
/// </summary>
public sealed class UciDropoutImporter(NpgsqlDataSource dataSource)
{
    public const string TargetColumn = "Target";

    public static readonly string[] Targets = ["Dropout", "Enrolled", "Graduate"];

    public async Task<UciImportReport> ImportAsync(string csvPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(csvPath))
        {
            throw new FileNotFoundException($"UCI dropout file not found: {csvPath}");
        }

        using var reader = new StreamReader(csvPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = (await reader.ReadLineAsync(cancellationToken))?.Split(';').Select(CleanName).ToArray()
            ?? throw new InvalidDataException($"{csvPath} is empty.");
        var target = Array.IndexOf(header, ToSnakeCase(TargetColumn));
        if (target < 0)
        {
            throw new InvalidDataException($"{csvPath} has no '{TargetColumn}' column.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var truncate = new NpgsqlCommand("TRUNCATE uci.students", connection, transaction))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        var counts = Targets.ToDictionary(t => t, _ => 0);
        var rows = 0;
        await using (var importer = await connection.BeginBinaryImportAsync("COPY uci.students (row_number, features, target) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                rows++;
                var cells = line.Split(';');
                if (cells.Length != header.Length)
                {
                    throw new InvalidDataException($"{Path.GetFileName(csvPath)} line {rows + 1}: {cells.Length} cells, expected {header.Length}.");
                }

                var features = new Dictionary<string, double>(header.Length - 1);
                for (var i = 0; i < cells.Length; i++)
                {
                    if (i == target)
                    {
                        continue;
                    }

                    features[header[i]] = double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                        ? value
                        : throw new InvalidDataException($"{Path.GetFileName(csvPath)} line {rows + 1}, column '{header[i]}': '{cells[i]}' is not a number.");
                }

                var outcome = cells[target].Trim();
                if (!counts.TryGetValue(outcome, out var seen))
                {
                    throw new InvalidDataException($"{Path.GetFileName(csvPath)} line {rows + 1}: target '{outcome}' is not one of {string.Join(", ", Targets)}.");
                }

                counts[outcome] = seen + 1;
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(rows, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(JsonSerializer.Serialize(features), NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync(outcome, NpgsqlDbType.Text, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new UciImportReport(rows, header.Length - 1, counts);
    }

    private static string CleanName(string cell) => ToSnakeCase(cell.Trim().Trim('"').Trim());

    /// <summary>"Curricular units 1st sem (grade)" → "curricular_units_1st_sem_grade".</summary>
    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }
}

public sealed record UciImportReport(int Rows, int Features, IReadOnlyDictionary<string, int> TargetCounts);
