namespace Burnout.Trainer.Csv;

/// <summary>A CSV file that cannot become a dataset. The message is one line that names the file, row and column.</summary>
public sealed class CsvDataException(string message) : Exception(message);
