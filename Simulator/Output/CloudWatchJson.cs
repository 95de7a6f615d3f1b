using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LookoutSim.Experiments.Observed;

namespace LookoutSim.Output;

/// <summary>What one CloudWatch JSON file held: its series (or pages of them) and what it says about itself.</summary>
/// <param name="Parts">The series entries, in file order.</param>
/// <param name="Warnings">Notes for the user: <c>PartialData</c>, <c>NextToken</c>, <c>Messages</c>.</param>
public sealed record CloudWatchFile(IReadOnlyList<CloudWatchSeriesPart> Parts, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads the JSON the AWS CLI writes for <c>aws cloudwatch get-metric-data</c>
/// (<c>{"MetricDataResults": [{"Id", "Label", "Timestamps", "Values", "StatusCode", "Messages"}], "Messages": [], "NextToken"}</c>)
/// and <c>aws cloudwatch get-metric-statistics</c>
/// (<c>{"Label", "Datapoints": [{"Timestamp", "Sum"|"Average"|"Maximum"|"SampleCount", "Unit"}]}</c>).
/// </summary>
/// <remarks>
/// The file is streamed through <see cref="Utf8JsonReader"/> in 64 KB blocks: memory holds the
/// datapoints read, never the document. Every problem — syntax (with the reader's line and byte
/// position), a value that is negative, NaN or not a number, a timestamp that does not parse,
/// timestamps and values of different lengths, a top level that is neither shape — is reported with
/// the file, line, column and JSON path (up to <see cref="ObservedCsv.MaxProblems"/>).
/// </remarks>
public static class CloudWatchJson
{
    /// <summary>The most datapoints one import reads: 20 million (15 months of 14 per-minute series is 9.2 million).</summary>
    public const int MaxDatapoints = 20_000_000;

    /// <summary>Reads <paramref name="path"/>; <paramref name="shown"/> names it in messages.</summary>
    /// <exception cref="InputFileException">The file is missing, unreadable or not CloudWatch output; every problem with file:line:column.</exception>
    public static CloudWatchFile Read(string path, string shown)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(shown, Directory.Exists(path) ? "is a folder, not a CloudWatch JSON file" : "no such file");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(shown, $"cannot be read: {ex.Message}");
        }

        using (stream)
        {
            return Read(stream, shown);
        }
    }

    /// <summary>Reads CloudWatch JSON from <paramref name="stream"/>; <paramref name="shown"/> names it in messages.</summary>
    /// <exception cref="InputFileException">Not CloudWatch output, or malformed; every problem with file:line:column.</exception>
    public static CloudWatchFile Read(Stream stream, string shown)
    {
        var parser = new Parser(new JsonTokens(stream, shown), shown);
        try
        {
            parser.Document();
        }
        catch (JsonException ex)
        {
            parser.Syntax(ex);
        }
        catch (StopReading)
        {
            // Binary data or too many datapoints: reported already.
        }

        if (parser.Errors.Count > 0)
        {
            throw new InputFileException(parser.Errors);
        }

        return new CloudWatchFile(parser.Parts, parser.Warnings);
    }

    private sealed class StopReading : Exception
    {
    }

    /// <summary>The file's shapes, walked token by token.</summary>
    private sealed class Parser(JsonTokens tokens, string shown)
    {
        private const long BadTime = long.MinValue;

        private int _datapoints;
        private string _where = "$"; // the array being read, for a syntax error's path
        private int _index = -1; // the element of it, or -1

        public List<CsvLineError> Errors { get; } = [];

        public List<CloudWatchSeriesPart> Parts { get; } = [];

        public List<string> Warnings { get; } = [];

        public void Document()
        {
            if (!tokens.Next())
            {
                Fail(1, 1, "$", "empty file: not CloudWatch output (expected the JSON of `aws cloudwatch get-metric-data` or `get-metric-statistics`, --output json)");
                return;
            }

            if (tokens.Type != JsonTokenType.StartObject)
            {
                Fail(tokens.Line, tokens.Column, "$", "not CloudWatch output: the top level is not a JSON object (expected the output of `aws cloudwatch get-metric-data` or `get-metric-statistics` with --output json)");
                return;
            }

            bool metricData = false, statistics = false;
            CloudWatchSeriesPart? stats = null;
            int topLine = tokens.Line, topColumn = tokens.Column;
            while (NextProperty(out string name))
            {
                switch (name)
                {
                    case "MetricDataResults":
                        metricData = true;
                        MetricDataResults();
                        break;
                    case "Datapoints":
                        statistics = true;
                        stats ??= new CloudWatchSeriesPart { Place = new JsonPlace(shown, "$", topLine, topColumn), FromStatistics = true };
                        Datapoints(stats);
                        break;
                    case "Label":
                        stats ??= new CloudWatchSeriesPart { Place = new JsonPlace(shown, "$", topLine, topColumn), FromStatistics = true };
                        stats.Label = String("$.Label");
                        break;
                    case "Messages":
                        Messages("$.Messages", null);
                        break;
                    case "NextToken":
                        if (tokens.Next() && tokens.Type == JsonTokenType.String && tokens.Text.Length > 0)
                        {
                            Warnings.Add($"{shown}: has a NextToken: CloudWatch has more pages for this query; give every page's file (the AWS CLI fetches them all unless --max-items or --no-paginate was used)");
                        }
                        else
                        {
                            tokens.SkipValue();
                        }

                        break;
                    default:
                        tokens.Next();
                        tokens.SkipValue();
                        break;
                }
            }

            if (metricData && statistics)
            {
                Fail(topLine, topColumn, "$", "not CloudWatch output: both MetricDataResults (get-metric-data) and Datapoints (get-metric-statistics) at the top level");
            }
            else if (!metricData && !statistics)
            {
                Fail(topLine, topColumn, "$", "not CloudWatch output: no MetricDataResults (aws cloudwatch get-metric-data) or Datapoints (aws cloudwatch get-metric-statistics) at the top level");
            }
            else if (stats is not null && statistics)
            {
                Parts.Add(stats);
            }

            if (tokens.Next())
            {
                Fail(tokens.Line, tokens.Column, "$", "text after the JSON object: one CloudWatch answer per file");
            }
        }

        private void MetricDataResults()
        {
            const string at = "$.MetricDataResults";
            if (!Expect(JsonTokenType.StartArray, at, "an array of results"))
            {
                return;
            }

            int i = 0;
            while (Element(at, i) && tokens.Next() && tokens.Type != JsonTokenType.EndArray)
            {
                string path = $"{at}[{i}]";
                if (tokens.Type != JsonTokenType.StartObject)
                {
                    Fail(tokens.Line, tokens.Column, path, "not a result object ({\"Id\", \"Label\", \"Timestamps\", \"Values\", \"StatusCode\"})");
                    tokens.SkipValue();
                    i++;
                    continue;
                }

                var part = new CloudWatchSeriesPart { Place = new JsonPlace(shown, path, tokens.Line, tokens.Column), FromStatistics = false };
                var times = new List<(long Ticks, int Line)>();
                var values = new List<double>();
                bool hasTimes = false, hasValues = false;
                int timesLine = part.Place.Line, timesColumn = part.Place.Column;
                while (NextProperty(out string name))
                {
                    switch (name)
                    {
                        case "Id":
                            part.Id = String(path + ".Id");
                            break;
                        case "Label":
                            part.Label = String(path + ".Label");
                            break;
                        case "StatusCode":
                            part.StatusCode = String(path + ".StatusCode");
                            break;
                        case "Messages":
                            Messages(path + ".Messages", part);
                            break;
                        case "Timestamps":
                            hasTimes = true;
                            timesLine = tokens.Line;
                            timesColumn = tokens.Column;
                            Timestamps(path + ".Timestamps", times);
                            break;
                        case "Values":
                            hasValues = true;
                            Values(path + ".Values", values);
                            break;
                        default:
                            tokens.Next();
                            tokens.SkipValue();
                            break;
                    }
                }

                if (!hasTimes || !hasValues)
                {
                    Fail(part.Place.Line, part.Place.Column, path, $"a result without {(hasTimes ? "Values" : "Timestamps")}: not get-metric-data output");
                }
                else if (times.Count != values.Count)
                {
                    Fail(timesLine, timesColumn, path, string.Create(CultureInfo.InvariantCulture,
                        $"{times.Count} timestamps and {values.Count} values: each timestamp needs its value"));
                }
                else
                {
                    for (int k = 0; k < times.Count; k++)
                    {
                        if (times[k].Ticks != BadTime && !double.IsNaN(values[k]))
                        {
                            part.Points.Add(new CloudWatchDatapoint(times[k].Ticks, values[k], k, times[k].Line));
                        }
                    }
                }

                if (string.Equals(part.StatusCode, "PartialData", StringComparison.OrdinalIgnoreCase))
                {
                    Warnings.Add($"{shown}:{part.Place.Line}: {path} ({part.Shown}): StatusCode PartialData: CloudWatch had more datapoints than this page; the next pages (NextToken) must be given too");
                }
                else if (part.StatusCode is { } status && !string.Equals(status, "Complete", StringComparison.OrdinalIgnoreCase))
                {
                    Warnings.Add($"{shown}:{part.Place.Line}: {path} ({part.Shown}): StatusCode {status}: the series may be incomplete");
                }

                Parts.Add(part);
                i++;
            }
        }

        private void Timestamps(string at, List<(long Ticks, int Line)> into)
        {
            if (!Expect(JsonTokenType.StartArray, at, "an array of timestamps"))
            {
                return;
            }

            int k = 0;
            while (Element(at, k) && tokens.Next() && tokens.Type != JsonTokenType.EndArray)
            {
                if (tokens.Timestamp is { } t)
                {
                    into.Add((t.UtcTicks, tokens.Line));
                }
                else
                {
                    Fail(tokens.Line, tokens.Column, $"{at}[{k}]", $"'{Quote(tokens.Raw)}' is not an ISO 8601 timestamp (e.g. 2026-03-02T10:05:00+00:00)");
                    tokens.SkipValue();
                    into.Add((BadTime, tokens.Line));
                }

                k++;
                Count();
            }
        }

        private void Values(string at, List<double> into)
        {
            if (!Expect(JsonTokenType.StartArray, at, "an array of numbers"))
            {
                return;
            }

            int k = 0;
            while (Element(at, k) && tokens.Next() && tokens.Type != JsonTokenType.EndArray)
            {
                into.Add(Number($"{at}[{k}]"));
                k++;
            }
        }

        private void Datapoints(CloudWatchSeriesPart part)
        {
            const string at = "$.Datapoints";
            if (!Expect(JsonTokenType.StartArray, at, "an array of datapoints"))
            {
                return;
            }

            int k = 0;
            while (Element(at, k) && tokens.Next() && tokens.Type != JsonTokenType.EndArray)
            {
                string path = $"{at}[{k}]";
                if (tokens.Type != JsonTokenType.StartObject)
                {
                    Fail(tokens.Line, tokens.Column, path, "not a datapoint object ({\"Timestamp\", \"Sum\", \"Unit\"})");
                    tokens.SkipValue();
                    k++;
                    continue;
                }

                int line = tokens.Line, column = tokens.Column;
                DateTimeOffset? time = null;
                bool badTime = false;
                double sum = double.NaN, average = double.NaN, count = double.NaN, maximum = double.NaN;
                string? unit = null;
                bool badValue = false;
                while (NextProperty(out string name))
                {
                    switch (name)
                    {
                        case "Timestamp":
                            tokens.Next();
                            if (tokens.Timestamp is { } t)
                            {
                                time = t;
                                line = tokens.Line;
                            }
                            else
                            {
                                Fail(tokens.Line, tokens.Column, path + ".Timestamp", $"'{Quote(tokens.Raw)}' is not an ISO 8601 timestamp (e.g. 2026-03-02T10:05:00+00:00)");
                                tokens.SkipValue();
                                badTime = true;
                            }

                            break;
                        case "Sum":
                            tokens.Next();
                            sum = Number(path + ".Sum");
                            badValue |= double.IsNaN(sum);
                            break;
                        case "Average":
                            tokens.Next();
                            average = Number(path + ".Average");
                            badValue |= double.IsNaN(average);
                            break;
                        case "SampleCount":
                            tokens.Next();
                            count = Number(path + ".SampleCount");
                            badValue |= double.IsNaN(count);
                            break;
                        case "Maximum":
                            tokens.Next();
                            maximum = Number(path + ".Maximum");
                            badValue |= double.IsNaN(maximum);
                            break;
                        case "Unit":
                            unit = String(path + ".Unit");
                            break;
                        default:
                            tokens.Next();
                            tokens.SkipValue();
                            break;
                    }
                }

                if (time is null && !badTime)
                {
                    Fail(line, column, path, "a datapoint without a Timestamp");
                }
                else if (time is { } when && !badValue)
                {
                    part.Points.Add(new CloudWatchDatapoint(when.UtcTicks, double.NaN, k, line));
                    part.Statistics.Add(new CloudWatchStatistics(sum, average, count, maximum, unit));
                }

                k++;
                Count();
            }
        }

        private void Messages(string at, CloudWatchSeriesPart? part)
        {
            if (!Expect(JsonTokenType.StartArray, at, "an array of messages"))
            {
                return;
            }

            while (tokens.Next() && tokens.Type != JsonTokenType.EndArray)
            {
                if (tokens.Type != JsonTokenType.StartObject)
                {
                    tokens.SkipValue();
                    continue;
                }

                string? code = null, value = null;
                while (NextProperty(out string name))
                {
                    tokens.Next();
                    if (tokens.Type == JsonTokenType.String && name is "Code" or "Value")
                    {
                        if (name == "Code")
                        {
                            code = tokens.Text;
                        }
                        else
                        {
                            value = tokens.Text;
                        }
                    }
                    else
                    {
                        tokens.SkipValue();
                    }
                }

                string whose = part is null ? "" : $" ({part.Shown})";
                Warnings.Add($"{shown}: {at}{whose}: CloudWatch says {code ?? "(no code)"}: {value ?? ""}".TrimEnd(' ', ':'));
            }
        }

        /// <summary>Notes which array element is read next (for a syntax error's path); always true.</summary>
        private bool Element(string array, int index)
        {
            _where = array;
            _index = index;
            return true;
        }

        /// <summary>The next property of the current object, positioned on its name; false at the object's end.</summary>
        private bool NextProperty(out string name)
        {
            name = "";
            if (!tokens.Next() || tokens.Type == JsonTokenType.EndObject)
            {
                return false;
            }

            name = tokens.Text; // the reader guarantees a property name inside an object
            return true;
        }

        private string? String(string at)
        {
            tokens.Next();
            if (tokens.Type == JsonTokenType.String)
            {
                return tokens.Text;
            }

            if (tokens.Type != JsonTokenType.Null)
            {
                Fail(tokens.Line, tokens.Column, at, $"expected a string, found {Quote(tokens.Raw)}");
                tokens.SkipValue();
            }

            return null;
        }

        /// <summary>The current token as a value that must be a finite number ≥ 0; NaN (and a problem) otherwise.</summary>
        private double Number(string at)
        {
            if (tokens.Type == JsonTokenType.Number && tokens.Number is double v && double.IsFinite(v))
            {
                if (v < 0)
                {
                    Fail(tokens.Line, tokens.Column, at, $"{tokens.Raw} is negative: CloudWatch counts, times and unit counts are never below 0");
                    return double.NaN;
                }

                return v;
            }

            string seen = tokens.Type == JsonTokenType.String ? tokens.Text : tokens.Raw;
            Fail(tokens.Line, tokens.Column, at, seen.Equals("NaN", StringComparison.OrdinalIgnoreCase)
                ? "NaN is not a value: a datapoint must be a number"
                : $"'{Quote(seen)}' is not a number");
            tokens.SkipValue();
            return double.NaN;
        }

        private bool Expect(JsonTokenType type, string at, string what)
        {
            tokens.Next();
            if (tokens.Type == type)
            {
                return true;
            }

            Fail(tokens.Line, tokens.Column, at, $"expected {what}, found {Quote(tokens.Raw)}");
            tokens.SkipValue();
            return false;
        }

        private void Count()
        {
            if (++_datapoints > MaxDatapoints)
            {
                Fail(tokens.Line, tokens.Column, "$", string.Create(CultureInfo.InvariantCulture,
                    $"more than {MaxDatapoints:#,0} datapoints: more than 15 months of 14 per-minute series; import a shorter window or a longer period"));
                throw new StopReading();
            }
        }

        public void Syntax(JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? 0) + 1;
            int column = (int)(ex.BytePositionInLine ?? 0) + 1;
            string near = tokens.TextAt(ex);
            string message = near.StartsWith("NaN", StringComparison.Ordinal) || near.StartsWith("Infinity", StringComparison.Ordinal) || near.StartsWith("-Infinity", StringComparison.Ordinal)
                ? $"{near.Split(',', ']', '}', ' ', '\n')[0]} is not a value: a datapoint must be a number"
                : $"not valid JSON: {FirstSentence(ex.Message)}";
            string path = _index >= 0 ? string.Create(CultureInfo.InvariantCulture, $"{_where}[{_index}]") : _where;
            Fail(line, column, path, Errors.Count == 0 && tokens.TokensRead == 0
                ? "not CloudWatch output: not JSON (expected the output of `aws cloudwatch get-metric-data` or `get-metric-statistics` with --output json)"
                : message);
        }

        private static string FirstSentence(string message)
        {
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        }

        private void Fail(int line, int column, string path, string message)
        {
            if (Errors.Count < ObservedCsv.MaxProblems)
            {
                Errors.Add(new CsvLineError(shown, line, $"{path}: {message}") { Column = column });
            }
            else if (Errors.Count == ObservedCsv.MaxProblems)
            {
                Errors.Add(new CsvLineError(shown, 0, "… and more problems"));
            }
        }

        private static string Quote(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
    }

    /// <summary>
    /// A <see cref="Utf8JsonReader"/> over a stream, one token at a time, refilled 64 KB at a time,
    /// tracking the line and column of each token.
    /// </summary>
    private sealed class JsonTokens(Stream stream, string shown)
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        private int _start;
        private int _end;
        private bool _final;
        private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        private long _base; // absolute offset of _buffer[0]
        private long _scanned; // absolute offset up to which lines are counted
        private long _lineStart;
        private int _line = 1;
        private bool _bomChecked;

        public JsonTokenType Type { get; private set; }

        private string? _text = "";

        /// <summary>A string or property name token's text (a timestamp's decoded only when asked for).</summary>
        public string Text
        {
            get => _text ??= Encoding.UTF8.GetString(_raw, 0, _rawLength);
            private set => _text = value;
        }

        private byte[] _raw = new byte[64];
        private int _rawLength;

        /// <summary>The token's text as written (a number's digits), for messages.</summary>
        public string Raw => Type is JsonTokenType.String or JsonTokenType.PropertyName ? Text : Encoding.UTF8.GetString(_raw, 0, _rawLength);


        /// <summary>A string token read as an ISO 8601 timestamp (UTC), or null.</summary>
        public DateTimeOffset? Timestamp { get; private set; }

        public double? Number { get; private set; }

        public int Line { get; private set; }

        public int Column { get; private set; }

        public int TokensRead { get; private set; }

        public int Depth { get; private set; }

        public bool Next()
        {
            while (true)
            {
                if (!_bomChecked && Fill())
                {
                    _bomChecked = true;
                    if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
                    {
                        _start += 3;
                        _scanned += 3;
                        _lineStart = 3;
                    }
                }

                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
                if (reader.Read())
                {
                    long tokenAbs = _base + _start + reader.TokenStartIndex;
                    CountLines(tokenAbs);
                    Line = _line;
                    Column = (int)(tokenAbs - _lineStart) + 1;
                    Type = reader.TokenType;
                    Depth = reader.CurrentDepth;
                    Number = null;
                    Timestamp = null;
                    Text = "";
                    switch (Type)
                    {
                        case JsonTokenType.String:
                            // Timestamps straight from UTF-8 (no string); other strings as text.
                            if (reader.TryGetDateTimeOffset(out DateTimeOffset when))
                            {
                                Timestamp = when.ToUniversalTime();
                                KeepRaw(reader.ValueSpan); // an ISO 8601 timestamp has no escapes
                                _text = null;
                            }
                            else
                            {
                                Text = reader.GetString() ?? "";
                                Timestamp = ObservedCsv.TryParseTimestamp(Text, out DateTimeOffset t) ? t.ToUniversalTime() : null;
                            }

                            break;
                        case JsonTokenType.PropertyName:
                            Text = reader.GetString() ?? "";
                            break;
                        case JsonTokenType.Number:
                            Number = reader.TryGetDouble(out double d) ? d : null;
                            KeepRaw(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                            break;
                        default:
                            KeepRaw(Type switch
                            {
                                JsonTokenType.StartObject => "{"u8,
                                JsonTokenType.EndObject => "}"u8,
                                JsonTokenType.StartArray => "["u8,
                                JsonTokenType.EndArray => "]"u8,
                                JsonTokenType.Null => "null"u8,
                                JsonTokenType.True => "true"u8,
                                JsonTokenType.False => "false"u8,
                                _ => "?"u8,
                            });
                            break;
                    }

                    _start += (int)reader.BytesConsumed;
                    _scanned = _base + _start; // a token holds no line break: the next count starts after it
                    _state = reader.CurrentState;
                    TokensRead++;
                    return true;
                }

                if (_final)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = [];
                    _start = _end = 0;
                    Type = JsonTokenType.None;
                    return false;
                }

                if (!Fill() && !_final)
                {
                    _final = true;
                }
            }
        }

        private void KeepRaw(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > _raw.Length)
            {
                _raw = new byte[bytes.Length];
            }

            bytes.CopyTo(_raw);
            _rawLength = bytes.Length;
        }

        /// <summary>Reads more of the stream into the buffer; false at its end (then the reader is told it has the final block).</summary>
        private bool Fill()
        {
            if (_final)
            {
                return _end > _start;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _base += _start;
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                byte[] bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2); // one token longer than the buffer
                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (_buffer.AsSpan(_end, read).Contains((byte)0))
            {
                throw new JsonException("binary data (a NUL byte): not a JSON text file", null, _line - 1, 0);
            }

            _end += read;
            if (read == 0)
            {
                _final = true;
                return _end > _start;
            }

            return true;
        }

        private void CountLines(long upTo)
        {
            for (long i = _scanned; i < upTo; i++)
            {
                if (_buffer[i - _base] == (byte)'\n')
                {
                    _line++;
                    _lineStart = i + 1;
                }
            }

            _scanned = Math.Max(_scanned, upTo);
        }

        /// <summary>Skips the value the current token starts (an object or array whole); nothing for a scalar.</summary>
        public void SkipValue()
        {
            if (Type is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return;
            }

            int depth = 1;
            while (depth > 0 && Next())
            {
                if (Type is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    depth++;
                }
                else if (Type is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    depth--;
                }
            }
        }

        /// <summary>The text at the position of a syntax error (up to 20 bytes), when still in the buffer.</summary>
        public string TextAt(JsonException ex)
        {
            _ = ex;
            if (_buffer.Length == 0)
            {
                return "";
            }

            int from = _start;
            while (from < _end && (_buffer[from] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)','))
            {
                from++;
            }

            return Encoding.UTF8.GetString(_buffer, from, Math.Min(20, _end - from));
        }

        public override string ToString() => shown;
    }
}
