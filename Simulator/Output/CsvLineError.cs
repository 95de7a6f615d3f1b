namespace LookoutSim.Output;

/// <summary>One problem in an input file, printed as <c>file:line: error: message</c> (<c>file:line:column: …</c> when the column is known).</summary>
/// <param name="File">The file (or folder) as the user named it.</param>
/// <param name="Line">1-based line, or 0 when the problem is the file as a whole.</param>
/// <param name="Message">What is wrong, with the value seen.</param>
public sealed record CsvLineError(string File, int Line, string Message)
{
    /// <summary>1-based character column of the offending value on its line; 0 when not known.</summary>
    public int Column { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        Line > 0
            ? Column > 0
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: error: {Message}")
                : $"{File}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: error: {Message}"
            : $"{File}: error: {Message}";
}

/// <summary>An input file or folder that cannot be used; carries every problem found, not just the first.</summary>
public sealed class InputFileException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public InputFileException(IReadOnlyList<CsvLineError> errors)
        : base(errors.Count == 0 ? "bad input" : string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for one problem with a whole file or folder.</summary>
    public InputFileException(string file, string message)
        : this([new CsvLineError(file, 0, message)])
    {
    }

    public InputFileException()
        : this([])
    {
    }

    public InputFileException(string message)
        : this([new CsvLineError("", 0, message)])
    {
    }

    public InputFileException(string message, Exception inner)
        : base(message, inner)
    {
        Errors = [new CsvLineError("", 0, message)];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<CsvLineError> Errors { get; }

    /// <summary>Writes each problem on its own line (<c>file:line: error: message</c>).</summary>
    public void WriteTo(TextWriter writer)
    {
        foreach (CsvLineError e in Errors)
        {
            writer.WriteLine(DisplayText.SafeMessage(e.ToString()));
        }
    }
}
