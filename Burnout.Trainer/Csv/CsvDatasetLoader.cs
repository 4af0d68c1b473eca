using System.Globalization;
using System.Text;
using Burnout.Ml.Data;

namespace Burnout.Trainer.Csv;

/// <summary>How a CSV file's label column is read.</summary>
/// <param name="LabelColumn">The header of the label column.</param>
/// <param name="PositiveLabel">
/// When set, a label cell equal to this text (after trimming) is class 1 and any other value class 0.
/// When null, every label cell must be the number 0 or 1.
/// </param>
public sealed record CsvLabelOptions(string LabelColumn, string? PositiveLabel = null);

/// <summary>A loaded CSV file: its features with their schema, and labels.</summary>
public sealed record CsvDataset(FeatureMatrix Features, int Positives);

/// <summary>
/// Reads a labelled CSV file into a <see cref="FeatureMatrix"/>. The separator (',' or ';') is taken from the
/// header line, a UTF-8 byte-order mark is skipped, fields may be quoted. Numbers use '.' as decimal point (with ';'
/// as separator a decimal comma is accepted too); an empty cell or "NaN" is missing.
/// <para>
/// A training file decides each column's kind: a column with a filled cell that is not a number is categorical,
/// its distinct texts becoming category codes in ordinal order, unless at least 95 % of its filled cells are
/// numbers: then the text is taken for a typo and is an error naming that cell. A file read against an existing schema
/// must have the same feature columns (any order), numeric columns must hold numbers, and categories not seen in
/// training become missing. Every problem is a <see cref="CsvDataException"/> with one line naming file, line and column.
/// </para>
/// Numeric cells are parsed straight from the UTF-8 bytes; only categorical text is ever turned into strings.
/// </summary>
public static class CsvDatasetLoader
{
    /// <summary>Loads a training file, deciding numeric versus categorical per column.</summary>
    public static CsvDataset LoadTraining(string path, CsvLabelOptions label)
    {
        var file = CsvFile.Open(path, label);
        var categorical = new bool[file.FeatureColumns.Length];
        var read = file.Read(categorical, schemaCategories: null, inferKinds: true);
        if (read.KindsChanged)
        {
            // A column turned out to be text after some of its cells were read as numbers: read again with the final kinds.
            read = file.Read(categorical, schemaCategories: null, inferKinds: false);
        }

        var order = new int[file.FeatureColumns.Length][];
        var definitions = new FeatureDefinition[file.FeatureColumns.Length];
        for (var f = 0; f < definitions.Length; f++)
        {
            var name = file.Names[file.FeatureColumns[f]];
            if (!categorical[f])
            {
                definitions[f] = FeatureDefinition.Numeric(name);
                continue;
            }

            // Codes were handed out by first appearance; renumber them in ordinal order of the text.
            var byAppearance = read.Categories[f]!.OrderBy(pair => pair.Value).Select(pair => pair.Key).ToArray();
            var sorted = byAppearance.Order(StringComparer.Ordinal).ToArray();
            var newCode = new int[sorted.Length];
            for (var code = 0; code < sorted.Length; code++)
            {
                newCode[read.Categories[f]![sorted[code]]] = code;
            }

            order[f] = newCode;
            definitions[f] = FeatureDefinition.Categorical(name, sorted);
        }

        var columns = definitions.Length;
        for (var i = 0; i < read.Rows; i++)
        {
            for (var f = 0; f < columns; f++)
            {
                ref var cell = ref read.Values[(i * columns) + f];
                if (categorical[f] && !float.IsNaN(cell))
                {
                    cell = order[f][(int)cell];
                }
            }
        }

        return Finish(file, new FeatureSchema(definitions), read);
    }

    /// <summary>Loads a file against the schema of a training file (e.g. a test set), in the schema's column order.</summary>
    public static CsvDataset LoadMatching(string path, FeatureSchema schema, CsvLabelOptions label)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var file = CsvFile.Open(path, label);
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in file.FeatureColumns)
        {
            byName[file.Names[column]] = column;
        }

        var columns = new int[schema.Count];
        for (var f = 0; f < schema.Count; f++)
        {
            if (!byName.Remove(schema[f].Name, out columns[f]))
            {
                throw new CsvDataException($"{file.DisplayName}: column '{schema[f].Name}' of the training data is missing");
            }
        }

        if (byName.Count > 0)
        {
            throw new CsvDataException($"{file.DisplayName}: column '{byName.Keys.First()}' is not in the training data");
        }

        file.FeatureColumns = columns;
        var categorical = schema.Features.Select(f => f.Kind == FeatureKind.Categorical).ToArray();
        var categories = schema.Features
            .Select(f => f.Kind == FeatureKind.Categorical
                ? f.Categories.Select((text, code) => (text, code)).ToDictionary(p => p.text, p => p.code, StringComparer.Ordinal)
                : null)
            .ToArray();
        var read = file.Read(categorical, categories, inferKinds: false);
        return Finish(file, schema, read);
    }

    private static CsvDataset Finish(CsvFile file, FeatureSchema schema, CsvFile.Contents read)
    {
        if (read.Rows == 0)
        {
            throw new CsvDataException($"{file.DisplayName}: the file has a header but no data rows");
        }

        var positives = 0;
        for (var i = 0; i < read.Rows; i++)
        {
            positives += (int)read.Labels[i];
        }

        if (positives == 0 || positives == read.Rows)
        {
            throw new CsvDataException(
                $"{file.DisplayName}: label column '{file.Label.LabelColumn}' holds only class {(positives == 0 ? 0 : 1)}; both classes are needed");
        }

        var values = read.Values.Length == read.Rows * schema.Count ? read.Values : read.Values.AsSpan(0, read.Rows * schema.Count).ToArray();
        var labels = read.Labels.Length == read.Rows ? read.Labels : read.Labels.AsSpan(0, read.Rows).ToArray();
        return new CsvDataset(new FeatureMatrix(schema, values, read.Rows, labels), positives);
    }

    /// <summary>One open file: its bytes, separator, header and which columns are features.</summary>
    private sealed class CsvFile
    {
        private const int MaxShownText = 40;

        /// <summary>Files smaller than this are parsed on one thread; splitting them costs more than it saves.</summary>
        private const int ParallelMinimumBytes = 4 << 20;

        private byte[] _data = [];
        private int _start;

        public string DisplayName { get; private init; } = "";

        public CsvLabelOptions Label { get; private init; } = new("label");

        public byte Separator { get; private set; }

        public string[] Names { get; private set; } = [];

        public int LabelColumn { get; private set; }

        /// <summary>For each feature, its column in the file.</summary>
        public int[] FeatureColumns { get; set; } = [];

        public static CsvFile Open(string path, CsvLabelOptions label)
        {
            ArgumentNullException.ThrowIfNull(label);
            var file = new CsvFile { DisplayName = Path.GetFileName(path), Label = label };
            try
            {
                file._data = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CsvDataException($"{path}: cannot read the file ({e.Message.Split('\n')[0].Trim()})");
            }

            file._start = CsvTokenizer.SkipBom(file._data);
            if (file._data.AsSpan(file._start).Trim(" \t\r\n"u8).IsEmpty)
            {
                throw new CsvDataException($"{file.DisplayName}: the file is empty");
            }

            file.Separator = CsvTokenizer.DetectSeparator(file._data.AsSpan(file._start));
            var tokenizer = new CsvTokenizer(file._data, file._start, file.Separator);
            tokenizer.ReadRecord();
            file.Names = new string[tokenizer.FieldCount];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < file.Names.Length; c++)
            {
                file.Names[c] = tokenizer.Text(c).Trim();
                if (file.Names[c].Length == 0)
                {
                    throw new CsvDataException($"{file.DisplayName}: header column {c + 1} has no name");
                }

                if (!seen.Add(file.Names[c]))
                {
                    throw new CsvDataException($"{file.DisplayName}: the header names column '{file.Names[c]}' twice");
                }
            }

            file.LabelColumn = Array.IndexOf(file.Names, label.LabelColumn);
            if (file.LabelColumn < 0)
            {
                throw new CsvDataException($"{file.DisplayName}: there is no label column '{label.LabelColumn}' in the header");
            }

            file.FeatureColumns = Enumerable.Range(0, file.Names.Length).Where(c => c != file.LabelColumn).ToArray();
            return file;
        }

        /// <summary>The parsed cells of a pass over the data rows.</summary>
        public sealed record Contents(float[] Values, float[] Labels, int Rows, Dictionary<string, int>?[] Categories, bool KindsChanged);

        /// <summary>
        /// Reads every data row. Categorical cells get codes from <paramref name="schemaCategories"/> (unknown text is
        /// missing) or, when it is null, new codes by first appearance. With <paramref name="inferKinds"/>, a text cell in a
        /// numeric column makes the column categorical (and the result reports that kinds changed); otherwise it is an error.
        /// </summary>
        public Contents Read(bool[] categorical, Dictionary<string, int>?[]? schemaCategories, bool inferKinds) =>
            TryReadNumericInParallel(categorical) ?? ReadSequentially(categorical, schemaCategories, inferKinds);

        /// <summary>
        /// The fast path for large all-numeric files without quotes: the body is cut at line ends into one piece per
        /// processor, each parsed into its own rows of the result. Anything unusual (text in a numeric column, a bad label,
        /// a short row) abandons the attempt and returns null, so the sequential reader reports it exactly as it always does.
        /// </summary>
        private Contents? TryReadNumericInParallel(bool[] categorical)
        {
            var pieces = Math.Min(Environment.ProcessorCount, 16);
            if (pieces < 2 || _data.Length - _start < ParallelMinimumBytes || Array.Exists(categorical, c => c))
            {
                return null;
            }

            var header = new CsvTokenizer(_data, _start, Separator);
            header.ReadRecord();
            var bodyStart = header.Position;
            if (_data.AsSpan(bodyStart).IndexOf((byte)'"') >= 0)
            {
                return null;
            }

            var bounds = new int[pieces + 1];
            bounds[0] = bodyStart;
            bounds[pieces] = _data.Length;
            for (var p = 1; p < pieces; p++)
            {
                var target = Math.Max(bounds[p - 1], bodyStart + (int)((long)(_data.Length - bodyStart) * p / pieces));
                var newline = _data.AsSpan(target).IndexOf((byte)'\n');
                bounds[p] = newline < 0 ? _data.Length : target + newline + 1;
            }

            var capacity = new int[pieces];
            var firstRow = new int[pieces];
            var linesBefore = new int[pieces];
            var lines = header.LinesRead;
            var totalCapacity = 0;
            for (var p = 0; p < pieces; p++)
            {
                var newlines = _data.AsSpan(bounds[p], bounds[p + 1] - bounds[p]).Count((byte)'\n');
                capacity[p] = newlines + 1;
                firstRow[p] = totalCapacity;
                linesBefore[p] = lines;
                lines += newlines;
                totalCapacity += capacity[p];
            }

            var features = FeatureColumns.Length;
            if ((long)totalCapacity * features > Array.MaxLength)
            {
                return null;
            }

            var values = new float[totalCapacity * features];
            var labels = new float[totalCapacity];
            var rows = new int[pieces];
            var failed = 0;
            var positive = Label.PositiveLabel?.Trim();
            Parallel.For(0, pieces, p =>
            {
                try
                {
                    var tokenizer = new CsvTokenizer(_data, bounds[p], Separator, bounds[p + 1], linesBefore[p]);
                    var count = 0;
                    while (tokenizer.ReadRecord())
                    {
                        if (tokenizer.FieldCount != Names.Length || count == capacity[p] || Volatile.Read(ref failed) != 0)
                        {
                            Volatile.Write(ref failed, 1);
                            return;
                        }

                        var row = firstRow[p] + count;
                        labels[row] = ReadLabel(tokenizer, positive);
                        var cells = values.AsSpan(row * features, features);
                        for (var f = 0; f < features; f++)
                        {
                            var raw = tokenizer.Raw(FeatureColumns[f]);
                            if (raw.IsEmpty)
                            {
                                cells[f] = float.NaN;
                            }
                            else if (TryParseNumber(raw, Separator, out var number) && (float.IsFinite(number) || float.IsNaN(number)))
                            {
                                cells[f] = number;
                            }
                            else
                            {
                                Volatile.Write(ref failed, 1);
                                return;
                            }
                        }

                        count++;
                    }

                    rows[p] = count;
                }
                catch (CsvDataException)
                {
                    Volatile.Write(ref failed, 1);
                }
            });

            if (failed != 0)
            {
                return null;
            }

            // Close the gaps left by pieces that held blank lines, keeping file order.
            var total = 0;
            for (var p = 0; p < pieces; p++)
            {
                if (total != firstRow[p])
                {
                    Array.Copy(values, firstRow[p] * features, values, total * features, rows[p] * features);
                    Array.Copy(labels, firstRow[p], labels, total, rows[p]);
                }

                total += rows[p];
            }

            return new Contents(values, labels, total, new Dictionary<string, int>?[features], false);
        }

        /// <summary>
        /// A column whose filled cells are at least this share numbers is numeric, and its text cells are errors
        /// (a typo in a column of 1,000 numbers is not a category; codes like "10", "9", "x7" are).
        /// </summary>
        private const double NumericShareOfTypos = 0.95;

        private Contents ReadSequentially(bool[] categorical, Dictionary<string, int>?[]? schemaCategories, bool inferKinds)
        {
            var features = FeatureColumns.Length;
            var capacity = _data.AsSpan(_start).Count((byte)'\n') + 1;
            var values = new float[(long)capacity * features <= Array.MaxLength ? capacity * features : throw TooLarge()];
            var labels = new float[capacity];
            var categories = new Dictionary<string, int>?[features];
            var featureOfColumn = new int[Names.Length];
            Array.Fill(featureOfColumn, -1);
            for (var f = 0; f < features; f++)
            {
                featureOfColumn[FeatureColumns[f]] = f;
                if (categorical[f])
                {
                    categories[f] = schemaCategories?[f] ?? new Dictionary<string, int>(StringComparer.Ordinal);
                }
            }

            var positive = Label.PositiveLabel?.Trim();
            var tokenizer = new CsvTokenizer(_data, _start, Separator);
            tokenizer.ReadRecord();
            var rows = 0;
            var kindsChanged = false;

            // While kinds are inferred: per column, how many filled cells are numbers and how many text,
            // and where the first text cell is, to tell a text column from a numeric one with a bad cell.
            var numericCells = new int[features];
            var textCells = new int[features];
            var firstText = new string?[features];
            var firstTextAt = new (long Line, int Row)[features];
            while (tokenizer.ReadRecord())
            {
                if (tokenizer.FieldCount != Names.Length)
                {
                    throw new CsvDataException(
                        $"{DisplayName} line {tokenizer.Line}: {tokenizer.FieldCount} fields, but the header has {Names.Length}");
                }

                if (rows == capacity)
                {
                    // Only reachable if line counting undercounted; grow rather than fail.
                    capacity *= 2;
                    Array.Resize(ref values, capacity * features);
                    Array.Resize(ref labels, capacity);
                }

                labels[rows] = ReadLabel(tokenizer, positive);
                var row = values.AsSpan(rows * features, features);
                for (var f = 0; f < features; f++)
                {
                    var column = FeatureColumns[f];
                    var raw = tokenizer.Raw(column);
                    if (raw.IsEmpty)
                    {
                        row[f] = float.NaN;
                        continue;
                    }

                    if (categorical[f])
                    {
                        if (inferKinds)
                        {
                            var isNumber = TryParseNumber(raw, Separator, out _);
                            numericCells[f] += isNumber ? 1 : 0;
                            textCells[f] += isNumber ? 0 : 1;
                        }

                        row[f] = CategoryCode(categories[f]!, tokenizer.Chars(column), schemaCategories is null);
                        continue;
                    }

                    if (TryParseNumber(raw, Separator, out var number))
                    {
                        numericCells[f]++;
                        if (!float.IsFinite(number) && !float.IsNaN(number))
                        {
                            throw new CsvDataException(
                                $"{DisplayName} line {tokenizer.Line}, column '{Names[column]}': '{Shown(tokenizer, column)}' is not a finite number");
                        }

                        row[f] = number;
                        continue;
                    }

                    if (!inferKinds)
                    {
                        throw new CsvDataException(
                            $"{DisplayName} line {tokenizer.Line} (data row {rows + 1}), column '{Names[column]}': '{Shown(tokenizer, column)}' is not a number");
                    }

                    categorical[f] = true;
                    kindsChanged = true;
                    textCells[f]++;
                    firstText[f] = Shown(tokenizer, column);
                    firstTextAt[f] = (tokenizer.Line, rows + 1);
                    categories[f] = new Dictionary<string, int>(StringComparer.Ordinal);
                    row[f] = CategoryCode(categories[f]!, tokenizer.Chars(column), true);
                }

                rows++;
            }

            for (var f = 0; f < features; f++)
            {
                if (firstText[f] is { } text && numericCells[f] >= NumericShareOfTypos * (numericCells[f] + textCells[f]))
                {
                    throw new CsvDataException(
                        $"{DisplayName} line {firstTextAt[f].Line} (data row {firstTextAt[f].Row}), column '{Names[FeatureColumns[f]]}': "
                        + $"'{text}' is not a number ({numericCells[f]:N0} of the column's {numericCells[f] + textCells[f]:N0} filled cells are, "
                        + "so it is not read as text)");
                }
            }

            return new Contents(values, labels, rows, categories, kindsChanged);

            CsvDataException TooLarge() => new($"{DisplayName}: the file has too many cells for one in-memory matrix");
        }

        private float ReadLabel(CsvTokenizer tokenizer, string? positive)
        {
            var raw = tokenizer.Raw(LabelColumn);
            if (positive is not null)
            {
                return tokenizer.Chars(LabelColumn).SequenceEqual(positive) ? 1f : 0f;
            }

            if (TryParseNumber(raw, Separator, out var value) && value is 0f or 1f)
            {
                return value;
            }

            throw new CsvDataException(
                $"{DisplayName} line {tokenizer.Line}, label column '{Names[LabelColumn]}': '{Shown(tokenizer, LabelColumn)}' is not 0 or 1");
        }

        private static float CategoryCode(Dictionary<string, int> categories, ReadOnlySpan<char> text, bool addNew)
        {
            var lookup = categories.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var code))
            {
                return code;
            }

            if (!addNew)
            {
                return float.NaN;
            }

            code = categories.Count;
            categories.Add(new string(text), code);
            return code;
        }

        private static bool TryParseNumber(ReadOnlySpan<byte> raw, byte separator, out float value)
        {
            if (FastNumberParser.TryParse(raw, out var number))
            {
                value = (float)number;
                return true;
            }

            // With ';' as separator the file may come from a locale that writes 1,5 for 1.5.
            if (separator == (byte)';' && raw.Length <= 64 && raw.IndexOf((byte)',') >= 0 && raw.IndexOf((byte)'.') < 0)
            {
                Span<byte> copy = stackalloc byte[raw.Length];
                raw.CopyTo(copy);
                copy.Replace((byte)',', (byte)'.');
                if (double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                {
                    value = (float)number;
                    return true;
                }
            }

            value = float.NaN;
            return false;
        }

        private static string Shown(CsvTokenizer tokenizer, int column)
        {
            var text = new StringBuilder();
            foreach (var c in tokenizer.Chars(column))
            {
                text.Append(char.IsControl(c) ? ' ' : c);
                if (text.Length == MaxShownText)
                {
                    text.Append('…');
                    break;
                }
            }

            return text.ToString();
        }
    }
}
