using System.Text;
using CsvHelper;

namespace LookoutSim.Output;

/// <summary>
/// The one rule for text cells in every CSV file LookoutSim writes, against spreadsheet formula
/// injection (the OWASP rule): a text cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// a tab or a carriage return — so that a spreadsheet would run it as a formula, as it would
/// <c>=HYPERLINK("http://x","y")</c> in a zone name — is written with a single quote in front and
/// in double quotes (<c>"'=HYPERLINK(""http://x"",""y"")"</c>); a spreadsheet shows it as text. A
/// cell that is a plain number (<c>-1.5</c>, <c>-3e-5</c>, <c>+2</c>) is left as it is. The readers
/// of LookoutSim's own files undo it (<see cref="Read"/>), so a round trip gives back the exact text.
/// </summary>
/// <remarks>
/// <para>To keep the round trip exact, a text that already starts with quotes followed by such a
/// character (<c>'=x</c>) gets one more quote, and reading removes exactly one: the guard is applied
/// when the text, leading quotes removed, starts with a trigger and is not a number.</para>
/// <para>Numbers written by <see cref="NumberText"/> are not text cells and are written as they are.</para>
/// </remarks>
public static class CsvCells
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula when it starts with one.</summary>
    public const string Triggers = "=+-@\t\r";

    /// <summary>The character put in front of a guarded cell.</summary>
    public const char Guard = '\'';

    /// <summary>Whether <paramref name="text"/> is written guarded (see the class remarks).</summary>
    public static bool NeedsGuard(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string rest = text.TrimStart(Guard);
        return rest.Length > 0 && Triggers.Contains(rest[0], StringComparison.Ordinal) && !IsPlainNumber(rest);
    }

    /// <summary>The text of a text cell as it goes into the file (before RFC 4180 quoting): guarded when it needs it.</summary>
    public static string Text(string? text) => NeedsGuard(text) ? Guard + text : text ?? "";

    /// <summary>The text a reader of LookoutSim's files gets back from a cell written by <see cref="Text"/>.</summary>
    public static string Read(string? cell) =>
        cell is { Length: > 1 } && cell[0] == Guard && NeedsGuard(cell[1..]) ? cell[1..] : cell ?? "";

    /// <summary>
    /// A whole RFC 4180 field for a text cell: <see cref="Text"/>, then in double quotes (inner quotes
    /// doubled) when it was guarded, holds a comma, a quote, CR or LF, or starts or ends with whitespace.
    /// </summary>
    public static string Field(string? text)
    {
        string cell = Text(text);
        return MustQuote(text, cell) ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    /// <summary>Writes a text cell with CsvHelper, by the same rule as <see cref="Field"/>.</summary>
    public static void Write(CsvWriter csv, string? text)
    {
        ArgumentNullException.ThrowIfNull(csv);
        string cell = Text(text);
        csv.WriteField(cell, MustQuote(text, cell) ? CsvQuoting.Always : CsvQuoting.WhenNeeded);
    }

    /// <summary>Joins text cells into one line of fields (without the line end).</summary>
    public static string Line(IEnumerable<string> cells)
    {
        var sb = new StringBuilder();
        foreach (string c in cells)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(Field(c));
        }

        return sb.ToString();
    }

    /// <summary>Whether <paramref name="text"/> is a plain decimal number: optional sign, digits with an optional point, an optional exponent.</summary>
    public static bool IsPlainNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        int digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            int exponent = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static bool MustQuote(string? text, string cell) =>
        (cell.Length > 0 && (NeedsGuard(text) || char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[^1])))
        || cell.AsSpan().IndexOfAny(",\"\r\n") >= 0;
}
