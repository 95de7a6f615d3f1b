using System.Globalization;
using LookoutSim.Model;

namespace LookoutSim.Output;

/// <summary>What a trace file's chosen column holds.</summary>
public enum TraceColumnKind
{
    /// <summary>Seconds from the scenario start, one row per call.</summary>
    Seconds,

    /// <summary>An ISO 8601 timestamp, one row per call; seconds are counted from <see cref="TraceReader.Start"/>.</summary>
    Timestamp,

    /// <summary>Calls per interval: rows are consecutive intervals from time 0 (or, with a <c>time_s</c> column, at its value).</summary>
    Count,
}

/// <summary>What one pass over a whole trace file found: its rows, its calls inside the horizon, its problems.</summary>
/// <param name="Rows">Data rows read (valid or not).</param>
/// <param name="CallsInHorizon">Calls whose replayed time (time ÷ speed) falls before the horizon, times the scale.</param>
/// <param name="LastTime">Time of the last valid row, seconds from the start as recorded (before speed); NaN when none.</param>
/// <param name="Problems">The problems found, at most the number asked for (the scan stops there, or at binary data).</param>
public sealed record TraceScan(long Rows, double CallsInHorizon, double LastTime, IReadOnlyList<CsvLineError> Problems)
{
    /// <summary>True when the file can be replayed.</summary>
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// A trace CSV file streamed line by line: one record in memory at a time, so a trace of any
/// length replays in bounded memory. The first line is a header; the column is found by name.
/// Values are parsed with the invariant culture; blank lines are skipped.
/// </summary>
/// <remarks>
/// The format (scenario spec, <c>trace</c> pattern) is checked row by row: times are finite, not
/// before the scenario start and in time order (a per-interval count at least one interval after
/// the previous row); counts are whole numbers from 0 to <see cref="MaxCountPerRow"/>; a file needs
/// at least one data row. Lines longer than <see cref="MaxLineLength"/> characters and binary data
/// (a NUL character) end the file at once. A problem is a <see cref="CsvLineError"/> with file,
/// line and column: <see cref="Open"/>'s cursor throws the first as an <see cref="InputFileException"/>,
/// <see cref="Scan"/> collects them.
/// </remarks>
public sealed class TraceReader : ITraceSource
{
    /// <summary>The most calls one row of a count trace may hold (a billion: far above any real interval, far below overflow).</summary>
    public const long MaxCountPerRow = 1_000_000_000;

    /// <summary>The longest line, in characters, a trace may have (a longer one is not a trace row).</summary>
    public const int MaxLineLength = 4096;

    /// <summary>How many characters of an offending value a message quotes.</summary>
    private const int Quoted = 40;

    /// <summary>A trace of <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="column">Header name of the column to read (e.g. <c>time_s</c>, <c>timestamp</c>, <c>count</c>).</param>
    /// <param name="kind">What the column holds.</param>
    /// <param name="interval">For counts: the length of one interval, seconds.</param>
    /// <param name="start">For timestamps: the scenario start.</param>
    public TraceReader(string path, string column, TraceColumnKind kind, double interval = 0, DateTimeOffset start = default)
    {
        Path = path;
        Column = column;
        Kind = kind;
        if (kind == TraceColumnKind.Count && !(interval > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "a count trace needs an interval > 0");
        }

        CountInterval = kind == TraceColumnKind.Count ? interval : 0;
        Start = start;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The file as problems name it (default: <see cref="Path"/>).</summary>
    public string ShownName { get; init; } = "";

    /// <summary>The column's header name.</summary>
    public string Column { get; }

    /// <summary>What the column holds.</summary>
    public TraceColumnKind Kind { get; }

    /// <summary>The scenario start for timestamp columns.</summary>
    public DateTimeOffset Start { get; }

    /// <inheritdoc />
    public double CountInterval { get; }

    private string Shown => ShownName.Length > 0 ? ShownName : Path;

    /// <inheritdoc />
    /// <exception cref="InputFileException">The first problem of the file, when the cursor reaches it.</exception>
    public ITraceCursor Open() => new Cursor(this);

    /// <summary>
    /// Reads the whole file once, in bounded memory, and returns its rows, the calls it replays
    /// before <paramref name="horizon"/> and its problems (up to <paramref name="maxProblems"/>;
    /// the scan stops there). What <c>validate</c> and the work estimate use.
    /// </summary>
    /// <param name="speed">Replay speed (&gt; 0): a row at t is replayed at t ÷ speed.</param>
    /// <param name="scale">Calls multiplier (≥ 0).</param>
    /// <param name="horizon">The scenario's horizon, seconds.</param>
    /// <param name="maxProblems">Stop after this many problems (≥ 1).</param>
    public TraceScan Scan(double speed = 1, double scale = 1, double horizon = double.PositiveInfinity, int maxProblems = 20)
    {
        var problems = new List<CsvLineError>();
        long rows = 0;
        double calls = 0;
        double last = double.NaN;
        Parser parser;
        try
        {
            parser = new Parser(this);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new TraceScan(0, 0, last, [new CsvLineError(Shown, 0, $"cannot be read: {ex.Message}")]);
        }

        using (parser)
        {
            if (parser.HeaderProblem is { } header)
            {
                return new TraceScan(0, 0, last, [header]);
            }

            while (problems.Count < maxProblems)
            {
                if (!parser.Next(out TraceRecord record, out CsvLineError? problem, out bool fatal))
                {
                    break;
                }

                rows++;
                if (problem is not null)
                {
                    problems.Add(problem);
                    if (fatal)
                    {
                        break;
                    }

                    continue;
                }

                last = record.Time;
                if (record.Time / speed < horizon)
                {
                    calls += record.Count * scale;
                }
            }

            if (rows == 0 && problems.Count == 0)
            {
                problems.Add(parser.NoRows());
            }
        }

        return new TraceScan(rows, calls, last, problems);
    }

    private static string Clip(ReadOnlySpan<char> value)
    {
        var text = new System.Text.StringBuilder();
        foreach (char c in value.Length > Quoted ? value[..Quoted] : value)
        {
            text.Append(char.IsControl(c) ? '?' : c);
        }

        return value.Length > Quoted ? text.Append('…').ToString() : text.ToString();
    }

    private sealed class Cursor : ITraceCursor
    {
        private readonly Parser _parser;
        private long _rows;

        public Cursor(TraceReader trace)
        {
            _parser = new Parser(trace);
            if (_parser.HeaderProblem is { } problem)
            {
                _parser.Dispose();
                throw new InputFileException([problem]);
            }
        }

        public bool TryRead(out TraceRecord record)
        {
            if (!_parser.Next(out record, out CsvLineError? problem, out _))
            {
                if (_rows == 0)
                {
                    throw new InputFileException([_parser.NoRows()]);
                }

                return false;
            }

            if (problem is not null)
            {
                throw new InputFileException([problem]);
            }

            _rows++;
            return true;
        }

        public void Dispose() => _parser.Dispose();
    }

    /// <summary>Reads and checks rows one at a time; holds one line.</summary>
    private sealed class Parser : IDisposable
    {
        private readonly TraceReader _trace;
        private readonly BoundedLines _lines;
        private readonly int _column;
        private readonly int _timeColumn;
        private readonly int _fields;
        private long _row;
        private double _previous = double.NaN;

        public Parser(TraceReader trace)
        {
            _trace = trace;
            _lines = new BoundedLines(trace.Path);
            if (!_lines.Next(out ReadOnlySpan<char> header, out string? bad))
            {
                HeaderProblem = Error(0, 0, "the trace is empty: it needs a header row and one row per call or interval");
                return;
            }

            if (bad is not null)
            {
                HeaderProblem = Error(1, 1, bad);
                return;
            }

            string[] names = header.ToString().Split(',');
            _fields = names.Length;
            _column = Array.FindIndex(names, n => string.Equals(n.Trim().Trim('"'), trace.Column, StringComparison.OrdinalIgnoreCase));
            if (_column < 0)
            {
                HeaderProblem = Error(1, 1, $"no column '{Clip(trace.Column)}' in the header ({Clip(header)})");
                return;
            }

            _timeColumn = trace.Kind == TraceColumnKind.Count
                ? Array.FindIndex(names, n => string.Equals(n.Trim().Trim('"'), "time_s", StringComparison.OrdinalIgnoreCase))
                : -1;
        }

        /// <summary>A problem with the header (or the whole file): nothing can be read.</summary>
        public CsvLineError? HeaderProblem { get; }

        public CsvLineError NoRows() =>
            Error(0, 0, "the trace has a header and no data rows: it needs one row per call or interval");

        /// <summary>The next data row: false at the end; otherwise a record or a problem (fatal when reading cannot go on).</summary>
        public bool Next(out TraceRecord record, out CsvLineError? problem, out bool fatal)
        {
            record = default;
            problem = null;
            fatal = false;
            ReadOnlySpan<char> line;
            string? bad;
            do
            {
                if (!_lines.Next(out line, out bad))
                {
                    return false;
                }
            }
            while (bad is null && line.IsWhiteSpace());

            if (bad is not null)
            {
                problem = Error(_lines.Number, 1, bad);
                fatal = true;
                return true;
            }

            problem = Parse(line, out record);
            return true;
        }

        public void Dispose() => _lines.Dispose();

        private CsvLineError? Parse(ReadOnlySpan<char> line, out TraceRecord record)
        {
            record = default;
            if (!TryField(line, _column, out ReadOnlySpan<char> value, out int at))
            {
                return Short(line);
            }

            string name = _trace.Column;
            switch (_trace.Kind)
            {
                case TraceColumnKind.Seconds:
                    {
                        if (!TryNumber(value, out double t))
                        {
                            return NotNumber(at, name, value);
                        }

                        if (Order(at, name, value, t, 0) is { } order)
                        {
                            return order;
                        }

                        record = new TraceRecord(t, 1);
                        return null;
                    }

                case TraceColumnKind.Timestamp:
                    {
                        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset when))
                        {
                            return Error(_lines.Number, at, $"{name} ('{Clip(value)}') is not a timestamp (ISO 8601, e.g. 2024-03-04T08:00:00Z)");
                        }

                        double t = (when - _trace.Start).TotalSeconds;
                        if (t < 0)
                        {
                            return Error(_lines.Number, at, string.Create(CultureInfo.InvariantCulture,
                                $"{name} ({Clip(value)}) is before the scenario start ({_trace.Start:yyyy-MM-ddTHH:mm:ssK}): calls are replayed from the start on"));
                        }

                        if (Order(at, name, value, t, 0) is { } order)
                        {
                            return order;
                        }

                        record = new TraceRecord(t, 1);
                        return null;
                    }

                default:
                    {
                        // The time first, so that the order is followed past a bad count.
                        double t = _row * _trace.CountInterval;
                        _row++;
                        if (_timeColumn >= 0)
                        {
                            if (!TryField(line, _timeColumn, out ReadOnlySpan<char> time, out int timeAt))
                            {
                                return Short(line);
                            }

                            if (!TryNumber(time, out t))
                            {
                                return NotNumber(timeAt, "time_s", time);
                            }

                            if (Order(timeAt, "time_s", time, t, _trace.CountInterval) is { } order)
                            {
                                return order;
                            }
                        }

                        if (!TryNumber(value, out double count))
                        {
                            return NotNumber(at, name, value);
                        }

                        if (count < 0 || count != Math.Floor(count) || count > MaxCountPerRow)
                        {
                            string why = count < 0 ? "is negative" : count > MaxCountPerRow ? "is above the most calls one row may hold" : "is not a whole number";
                            return Error(_lines.Number, at, string.Create(CultureInfo.InvariantCulture,
                                $"{name} ({Clip(value)}) {why}: a count is a whole number of calls from 0 to {MaxCountPerRow:#,0}"));
                        }

                        record = new TraceRecord(t, (long)count);
                        return null;
                    }
            }
        }

        /// <summary>A time must be ≥ 0 and not before the previous row's (plus <paramref name="gap"/>, a count's interval).</summary>
        private CsvLineError? Order(int at, string name, ReadOnlySpan<char> value, double t, double gap)
        {
            if (t < 0)
            {
                return Error(_lines.Number, at, $"{name} ({Clip(value)}) is negative: times are seconds from the scenario start, 0 or more");
            }

            // A tolerance of a nanosecond per interval for times written with rounding.
            double earliest = double.IsNaN(_previous) ? 0 : _previous + gap - (gap * 1e-9);
            if (t < earliest)
            {
                string after = gap > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"the previous row's interval ({_previous:R} + {gap:R} s)")
                    : string.Create(CultureInfo.InvariantCulture, $"the previous row's time ({_previous:R})");
                return Error(_lines.Number, at, $"{name} ({Clip(value)}) is before {after}: rows must be in time order");
            }

            _previous = t;
            return null;
        }

        private CsvLineError NotNumber(int at, string name, ReadOnlySpan<char> value) =>
            Error(_lines.Number, at, $"{name} ('{Clip(value)}') is not a finite number");

        private CsvLineError Short(ReadOnlySpan<char> line)
        {
            int fields = line.Count(',') + 1;
            int needed = Math.Max(_column, _timeColumn) + 1;
            return Error(_lines.Number, line.Length + 1, string.Create(CultureInfo.InvariantCulture,
                $"{fields} field{(fields == 1 ? "" : "s")}, the header has {_fields}: the row needs at least {needed}"));
        }

        private CsvLineError Error(long line, int column, string message) =>
            new(_trace.Shown, (int)Math.Min(line, int.MaxValue), message) { Column = column };

        private static bool TryNumber(ReadOnlySpan<char> s, out double value) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

        /// <summary>Field <paramref name="index"/> of <paramref name="line"/> (trimmed, quotes removed) and its 1-based column.</summary>
        private static bool TryField(ReadOnlySpan<char> line, int index, out ReadOnlySpan<char> field, out int column)
        {
            ReadOnlySpan<char> rest = line;
            int offset = 0;
            for (int i = 0; i < index; i++)
            {
                int comma = rest.IndexOf(',');
                if (comma < 0)
                {
                    field = default;
                    column = 0;
                    return false;
                }

                rest = rest[(comma + 1)..];
                offset += comma + 1;
            }

            int end = rest.IndexOf(',');
            ReadOnlySpan<char> raw = end < 0 ? rest : rest[..end];
            int lead = raw.Length - raw.TrimStart().Length;
            column = offset + lead + 1;
            field = raw.Trim().Trim('"');
            return true;
        }
    }

    /// <summary>
    /// Lines of a text file, each at most <see cref="MaxLineLength"/> characters, read through a
    /// fixed buffer: a longer line or a NUL character (binary data) is reported at once without
    /// reading further, so a file of junk costs one buffer, not its size.
    /// </summary>
    private sealed class BoundedLines : IDisposable
    {
        private readonly StreamReader _reader;
        private readonly char[] _buffer = new char[1 << 16];
        private readonly char[] _line = new char[MaxLineLength];
        private int _position;
        private int _length;

        public BoundedLines(string path)
        {
            _reader = new StreamReader(path, System.Text.Encoding.UTF8, true, 1 << 16);
        }

        /// <summary>1-based number of the line last read.</summary>
        public long Number { get; private set; }

        /// <summary>The next line (without its end); false at the end of the file. <paramref name="problem"/> is set for a line that cannot be a CSV row.</summary>
        public bool Next(out ReadOnlySpan<char> line, out string? problem)
        {
            line = default;
            problem = null;
            int used = 0;
            bool any = false;
            while (true)
            {
                if (_position == _length)
                {
                    _length = _reader.Read(_buffer, 0, _buffer.Length);
                    _position = 0;
                    if (_length == 0)
                    {
                        if (!any)
                        {
                            return false;
                        }

                        break;
                    }
                }

                any = true;
                ReadOnlySpan<char> rest = _buffer.AsSpan(_position, _length - _position);
                int newline = rest.IndexOf('\n');
                ReadOnlySpan<char> chunk = newline >= 0 ? rest[..newline] : rest;
                if (chunk.Contains('\0'))
                {
                    Number++;
                    problem = "binary data (a NUL character): this is not a text CSV file";
                    return true;
                }

                if (used + chunk.Length > MaxLineLength)
                {
                    Number++;
                    problem = string.Create(CultureInfo.InvariantCulture, $"a line longer than {MaxLineLength} characters: this is not a trace row");
                    return true;
                }

                chunk.CopyTo(_line.AsSpan(used));
                used += chunk.Length;
                _position += chunk.Length;
                if (newline >= 0)
                {
                    _position++;
                    break;
                }
            }

            Number++;
            line = _line.AsSpan(0, used).TrimEnd('\r');
            return true;
        }

        public void Dispose() => _reader.Dispose();
    }
}
