using System.Globalization;

namespace LookoutSim.Output;

/// <summary>
/// A small CSV file read whole, each record with the line it starts on, for readers that report
/// problems as <c>file:line</c>. Invariant culture, comma-separated, RFC 4180 quoting, blank
/// lines skipped, unquoted fields trimmed. (Written here rather than with CsvHelper to keep exact
/// line numbers for diagnostics; the files it reads are small.)
/// </summary>
internal sealed class LineNumberedCsv
{
    private LineNumberedCsv(string[] header, List<(int Line, string[] Fields)> rows)
    {
        Header = header;
        Rows = rows;
    }

    /// <summary>The header row's fields.</summary>
    public string[] Header { get; }

    /// <summary>The data rows with their 1-based line numbers.</summary>
    public List<(int Line, string[] Fields)> Rows { get; }

    /// <summary>Reads <paramref name="path"/>; problems (empty file, bad quoting, a row whose field
    /// count differs from the header's) are added to <paramref name="errors"/> under <paramref name="shownName"/>,
    /// and such rows are dropped. Returns null when the file has no header row.</summary>
    public static LineNumberedCsv? Read(string path, string shownName, List<CsvLineError> errors)
    {
        string text = File.ReadAllText(path);
        string[]? header = null;
        var rows = new List<(int, string[])>();
        foreach ((int line, string[] record, string? problem) in Records(text))
        {
            if (problem is not null)
            {
                errors.Add(new CsvLineError(shownName, line, problem));
                continue;
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (header is null)
            {
                header = record;
                continue;
            }

            if (record.Length != header.Length)
            {
                errors.Add(new CsvLineError(shownName, line,
                    $"{record.Length} fields, the header has {header.Length}"));
                continue;
            }

            rows.Add((line, record));
        }

        if (header is null)
        {
            errors.Add(new CsvLineError(shownName, 1, "empty file: expected a header row"));
            return null;
        }

        return new LineNumberedCsv(header, rows);
    }

    /// <summary>Splits RFC 4180 text into records (fields trimmed, quotes removed), each with the
    /// line it starts on; a record with bad quoting comes back with a problem instead.</summary>
    internal static IEnumerable<(int Line, string[] Fields, string? Problem)> Records(string text)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        int line = 1;
        int start = 1;
        bool quoted = false;
        bool wasQuoted = false;
        string? problem = null;
        int i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        for (; i <= text.Length; i++)
        {
            char ch = i < text.Length ? text[i] : '\n';
            bool atEnd = i == text.Length;
            if (quoted && !atEnd)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            if (quoted && atEnd)
            {
                problem ??= "unterminated quoted field";
                quoted = false;
            }

            switch (ch)
            {
                case '"' when field.ToString().Trim().Length == 0 && !wasQuoted:
                    quoted = true;
                    wasQuoted = true;
                    field.Clear();
                    break;
                case '"':
                    problem ??= "a quote inside an unquoted field";
                    break;
                case ',':
                    fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                    field.Clear();
                    wasQuoted = false;
                    if (!(atEnd && fields.Count == 1 && fields[0].Length == 0))
                    {
                        yield return (start, fields.ToArray(), problem);
                    }

                    fields.Clear();
                    problem = null;
                    line++;
                    start = line;
                    break;
                default:
                    if (wasQuoted && !char.IsWhiteSpace(ch))
                    {
                        problem ??= "text after a closing quote";
                    }

                    field.Append(ch);
                    break;
            }
        }
    }

    /// <summary>The index of column <paramref name="name"/> (exact, case-insensitive), or -1.</summary>
    public int IndexOf(string name) =>
        Array.FindIndex(Header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses an invariant-culture number; "", <c>NaN</c>, <c>nan</c> and <c>NA</c> give NaN.</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        string t = text.Trim();
        if (t.Length == 0 || t.Equals("nan", StringComparison.OrdinalIgnoreCase) || t.Equals("na", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("+inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (t.Equals("-inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
