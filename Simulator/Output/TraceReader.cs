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

/// <summary>
/// A trace CSV file streamed line by line: one record in memory at a time, so a trace of any
/// length replays in bounded memory. The first line is a header; the column is found by name.
/// Values are parsed with the invariant culture; blank lines are skipped; a malformed value
/// raises <see cref="FormatException"/> naming the file and line.
/// </summary>
public sealed class TraceReader : ITraceSource
{
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

    /// <summary>The column's header name.</summary>
    public string Column { get; }

    /// <summary>What the column holds.</summary>
    public TraceColumnKind Kind { get; }

    /// <summary>The scenario start for timestamp columns.</summary>
    public DateTimeOffset Start { get; }

    /// <inheritdoc />
    public double CountInterval { get; }

    /// <inheritdoc />
    public ITraceCursor Open() => new Cursor(this);

    private sealed class Cursor : ITraceCursor
    {
        private readonly TraceReader _trace;
        private readonly StreamReader _reader;
        private readonly int _column;
        private readonly int _timeColumn;
        private long _line = 1;
        private long _row;

        public Cursor(TraceReader trace)
        {
            _trace = trace;
            _reader = new StreamReader(trace.Path, System.Text.Encoding.UTF8, true, 1 << 16);
            string header = _reader.ReadLine() ?? throw new FormatException($"{trace.Path}: the trace is empty");
            string[] names = header.Split(',');
            _column = Array.FindIndex(names, n => string.Equals(n.Trim().Trim('"'), trace.Column, StringComparison.OrdinalIgnoreCase));
            if (_column < 0)
            {
                _reader.Dispose();
                throw new FormatException($"{trace.Path}:1: no column '{trace.Column}' in the header ({header})");
            }

            _timeColumn = trace.Kind == TraceColumnKind.Count
                ? Array.FindIndex(names, n => string.Equals(n.Trim().Trim('"'), "time_s", StringComparison.OrdinalIgnoreCase))
                : -1;
        }

        public bool TryRead(out TraceRecord record)
        {
            string? line;
            while ((line = _reader.ReadLine()) != null)
            {
                _line++;
                if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                ReadOnlySpan<char> value = Field(line, _column);
                switch (_trace.Kind)
                {
                    case TraceColumnKind.Seconds:
                        record = new TraceRecord(ParseDouble(value), 1);
                        return true;
                    case TraceColumnKind.Timestamp:
                        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
                        {
                            throw Bad(value);
                        }

                        record = new TraceRecord((at - _trace.Start).TotalSeconds, 1);
                        return true;
                    default:
                        double count = ParseDouble(value);
                        if (count < 0 || count != Math.Floor(count))
                        {
                            throw Bad(value);
                        }

                        double t = _timeColumn >= 0 ? ParseDouble(Field(line, _timeColumn)) : _row * _trace.CountInterval;
                        _row++;
                        record = new TraceRecord(t, (long)count);
                        return true;
                }
            }

            record = default;
            return false;
        }

        public void Dispose() => _reader.Dispose();

        private double ParseDouble(ReadOnlySpan<char> s) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : throw Bad(s);

        private FormatException Bad(ReadOnlySpan<char> s) =>
            new($"{_trace.Path}:{_line}: '{s.ToString()}' is not a valid {_trace.Column} value");

        private ReadOnlySpan<char> Field(string line, int index)
        {
            ReadOnlySpan<char> rest = line;
            for (int i = 0; i < index; i++)
            {
                int comma = rest.IndexOf(',');
                if (comma < 0)
                {
                    throw new FormatException($"{_trace.Path}:{_line}: fewer than {index + 1} fields");
                }

                rest = rest[(comma + 1)..];
            }

            int end = rest.IndexOf(',');
            ReadOnlySpan<char> field = (end < 0 ? rest : rest[..end]).Trim();
            return field.Trim('"');
        }
    }
}
