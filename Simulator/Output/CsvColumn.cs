using CsvHelper;

namespace LookoutSim.Output;

/// <summary>
/// One column of a results CSV file: its header, how a row writes its cell, and (for a file that is
/// read back) how the cell read sets the row. A file's columns are one list, so its writer, its
/// header and its reader cannot drift apart.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Name">The header.</param>
/// <param name="Write">Writes the row's cell.</param>
/// <param name="Read">Returns the row with the cell read back set, or null when the file is not read back.</param>
internal sealed record CsvColumn<T>(string Name, Action<CsvWriter, T> Write, Func<T, ResultsReader.Row, T>? Read = null);

/// <summary>Columns by kind of cell: numbers as <see cref="NumberText"/> formats them, text through <see cref="CsvCells"/>.</summary>
internal static class CsvColumn
{
    /// <summary>A number (NaN as an empty cell).</summary>
    public static CsvColumn<T> Number<T>(string name, Func<T, double> get, Func<T, double, T>? set = null) =>
        new(name, (csv, r) => csv.WriteField(NumberText.Format(get(r))), set is null ? null : (r, row) => set(r, row.Double(name)));

    /// <summary>A whole number.</summary>
    public static CsvColumn<T> Whole<T>(string name, Func<T, long> get, Func<T, long, T>? set = null) =>
        new(name, (csv, r) => csv.WriteField(NumberText.Format(get(r))), set is null ? null : (r, row) => set(r, row.Long(name)));

    /// <summary>A whole number that fits an <see cref="int"/>.</summary>
    public static CsvColumn<T> Int<T>(string name, Func<T, int> get, Func<T, int, T>? set = null) =>
        new(name, (csv, r) => csv.WriteField(NumberText.Format(get(r))), set is null ? null : (r, row) => set(r, row.Int(name)));

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static CsvColumn<T> Flag<T>(string name, Func<T, bool> get, Func<T, bool, T>? set = null) =>
        new(name, (csv, r) => csv.WriteField(NumberText.Format(get(r))), set is null ? null : (r, row) => set(r, row.Bool(name)));

    /// <summary>Text (never run as a spreadsheet formula).</summary>
    public static CsvColumn<T> Text<T>(string name, Func<T, string> get, Func<T, string, T>? set = null) =>
        new(name, (csv, r) => CsvCells.Write(csv, get(r)), set is null ? null : (r, row) => set(r, row.String(name)));

    /// <summary>The headers, in order.</summary>
    public static string[] Names<T>(IReadOnlyList<CsvColumn<T>> columns) => [.. columns.Select(c => c.Name)];

    /// <summary>Writes one row and ends the record.</summary>
    public static void WriteRow<T>(CsvWriter csv, IReadOnlyList<CsvColumn<T>> columns, T row)
    {
        foreach (CsvColumn<T> c in columns)
        {
            c.Write(csv, row);
        }

        csv.EndRecord();
    }

    /// <summary>Reads one row: <paramref name="empty"/> with every readable column set from the cells.</summary>
    public static T ReadRow<T>(ResultsReader.Row cells, IReadOnlyList<CsvColumn<T>> columns, T empty)
    {
        T row = empty;
        foreach (CsvColumn<T> c in columns)
        {
            if (c.Read is { } read)
            {
                row = read(row, cells);
            }
        }

        return row;
    }
}
