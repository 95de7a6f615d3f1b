using System.Globalization;
using System.Text;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary>
/// The writer every command's output and error text goes through (<c>CommandLine.Run</c>
/// wraps both): whatever a message quotes from a scenario, a trace or a results file, no control
/// character reaches the terminal raw. Line feeds, carriage returns (progress lines redraw with
/// them) and tabs pass; every other character <see cref="DisplayText.IsUnsafe"/> names is written as
/// its escape (<c>\x1b</c>, <c>\u202e</c>), a run of one as the escape and its count; and a line longer
/// than the limit is cut with an ellipsis.
/// </summary>
/// <remarks>Messages are made safe where they are printed (<see cref="DisplayText.SafeMessage"/>);
/// this writer is the net under every other line.</remarks>
internal sealed class TerminalWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly int _maxLineLength;
    private int _column;
    private bool _cut;

    /// <summary>Wraps <paramref name="inner"/>; lines are cut after <paramref name="maxLineLength"/> characters.</summary>
    public TerminalWriter(TextWriter inner, int maxLineLength)
        : base(CultureInfo.InvariantCulture)
    {
        _inner = inner;
        _maxLineLength = maxLineLength;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    /// <inheritdoc/>
    public override Encoding Encoding => _inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value) => Write(value.ToString());

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var sb = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char ch = value[i];
            if (ch is '\n' or '\r')
            {
                sb.Append(ch);
                _column = 0;
                _cut = false;
                continue;
            }

            if (ch == '\t' || !DisplayText.IsUnsafe(ch))
            {
                if (!_cut && _column < _maxLineLength)
                {
                    sb.Append(ch);
                    _column++;
                }
                else if (!_cut)
                {
                    sb.Append("… (line cut)");
                    _cut = true;
                }

                continue;
            }

            int used = 1;
            while (i + used < value.Length && value[i + used] == ch)
            {
                used++;
            }

            string piece = used >= 4
                ? DisplayText.Escape(ch) + "×" + used.ToString(CultureInfo.InvariantCulture)
                : string.Concat(Enumerable.Repeat(DisplayText.Escape(ch), used));

            i += used - 1;
            if (_cut)
            {
                continue;
            }

            if (_column + piece.Length > _maxLineLength)
            {
                sb.Append("… (line cut)");
                _cut = true;
                continue;
            }

            sb.Append(piece);
            _column += piece.Length;
        }

        _inner.Write(sb.ToString());
    }

    /// <inheritdoc/>
    public override void Flush() => _inner.Flush();
}
